import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3'

/** Throwaway keys for the local server; the tests check this secret never leaks. */
export const TEST_KEYS = {
  accessKeyId: 'AKIASHOALTESTKEY0001',
  secretAccessKey: 'shoal-test-secret-DO-NOT-LEAK-7f3a9c',
} as const

export interface S3Server {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string
  /** A client on the server with the test keys, path-style. */
  client(endpoint?: string): S3Client
  createBucket(name: string): Promise<void>
  stop(): Promise<void>
}

/**
 * Starts fauxqs (an S3-compatible server, in process, in memory) on 127.0.0.1 with an ephemeral
 * port. Nothing is assumed to be running beforehand.
 */
export async function startS3Server(): Promise<S3Server> {
  const { startFauxqs } = await import('fauxqs')
  const server = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false })
  const endpoint = `http://127.0.0.1:${server.port}`
  const client = (at = endpoint) =>
    new S3Client({
      region: 'us-east-1',
      endpoint: at,
      forcePathStyle: true,
      credentials: TEST_KEYS,
      maxAttempts: 1,
    })
  return {
    endpoint,
    client,
    async createBucket(name) {
      const admin = client()
      await admin.send(new CreateBucketCommand({ Bucket: name }))
      admin.destroy()
    },
    stop: () => server.stop(),
  }
}
