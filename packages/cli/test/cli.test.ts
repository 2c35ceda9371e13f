import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const bin = fileURLToPath(new URL('../bin/shoal.js', import.meta.url))
let dir: string

/** Runs the built binary; returns exit code, stdout and stderr. */
function shoal(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  })
  return { code: run.status, out: run.stdout, err: run.stderr }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shoal-cli-'))
  expect(shoal('demo', join(dir, 'shapes')).code).toBe(0)
})

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('shoal', () => {
  it('prints help with every command, a version, and exits 2 on usage errors', () => {
    const help = shoal('--help')
    expect(help.code).toBe(0)
    for (const command of ['ingest', 'info', 'show', 'verify', 'copy', 'export', 'view', 'demo'])
      expect(help.out).toContain(command)
    expect(shoal('export', '--help').out).toContain('example:')
    expect(shoal('--version').out.trim()).toMatch(/^\d+\.\d+\.\d+$/)
    const unknown = shoal('frobnicate')
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('unknown command')
    expect(shoal('info').code).toBe(2)
  })

  it('colours errors only on a terminal, and never with NO_COLOR', () => {
    // `script` runs the binary on a pseudo-terminal, as a person at a shell would.
    const { NO_COLOR: _unset, ...withoutNoColor } = process.env
    const onTerminal = (env: NodeJS.ProcessEnv) =>
      spawnSync('script', ['-qec', `${process.execPath} ${bin} info ${join(dir, 'missing')}`, '/dev/null'], {
        encoding: 'utf8',
        env,
      }).stdout
    expect(onTerminal(withoutNoColor)).toContain('\x1b[31mshoal: NOT_FOUND:\x1b[39m')
    expect(onTerminal({ ...withoutNoColor, NO_COLOR: '1' })).not.toContain('\x1b[')
    const piped = shoal('info', join(dir, 'missing'))
    expect(piped.code).toBe(1)
    expect(piped.err).toMatch(/^shoal: NOT_FOUND: /)
    expect(piped.err).not.toContain('\x1b[')
  })

  it('info --json describes every tensor of the demo dataset', () => {
    const run = shoal('info', join(dir, 'shapes'), '--json')
    expect(run.code).toBe(0)
    const info = JSON.parse(run.out)
    expect(info.length).toBe(12)
    expect(Object.keys(info.tensors)).toEqual(['images', 'boxes', 'labels', 'captions'])
    expect(info.tensors.images).toMatchObject({
      htype: 'image',
      dtype: 'uint8',
      length: 12,
      shape: [12, 64, 64, 3],
      sampleCompression: 'png',
      chunkCompression: null,
      chunks: 1,
    })
    expect(info.tensors.images.bytes).toBeGreaterThan(1000)
    expect(info.tensors.boxes.shape).toEqual([12, null, 4])
    expect(info.tensors.labels.classNames).toBe(2)
  })

  it('show prints labels with their names and boxes with their coords', () => {
    const labels = shoal('show', join(dir, 'shapes'), 'labels', '0:2', '--json')
    const lines = labels.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines).toHaveLength(2)
    expect(lines[0].labels.every((n: string) => n === 'square' || n === 'disc')).toBe(true)
    const box = JSON.parse(shoal('show', join(dir, 'shapes'), 'boxes', '1', '--json').out)
    expect(box.coords).toEqual({ type: 'pixel', mode: 'LTWH' })
    expect(box.shape[1]).toBe(4)
    expect(shoal('show', join(dir, 'shapes'), 'captions', '0').out).toMatch(/value="\d shapes?: /)
  })

  it('export writes PNG files, .npy arrays and JSONL that other tools open', async () => {
    const out = join(dir, 'export')
    expect(shoal('export', join(dir, 'shapes'), 'images', join(out, 'png'), '--range', '0:3').code).toBe(0)
    const pngs = await readdir(join(out, 'png'))
    expect(pngs).toEqual(['0.png', '1.png', '2.png'])
    expect([...(await readFile(join(out, 'png', '0.png'))).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47])
    expect(
      shoal('export', join(dir, 'shapes'), 'images', join(out, 'jpeg'), '--format', 'jpeg', '--range', '5:6')
        .code,
    ).toBe(0)
    expect([...(await readFile(join(out, 'jpeg', '5.jpg'))).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff])
    expect(shoal('export', join(dir, 'shapes'), 'boxes', join(out, 'npy'), '--format', 'npy').code).toBe(0)
    const npy = await readFile(join(out, 'npy', '00.npy'))
    expect(npy.subarray(1, 6).toString()).toBe('NUMPY')
    expect(npy.toString('latin1', 10, 80)).toContain("'descr': '<f4'")
    expect(shoal('export', join(dir, 'shapes'), 'captions', join(out, 'text')).code).toBe(0)
    const jsonl = (await readFile(join(out, 'text', 'captions.jsonl'), 'utf8')).trim().split('\n')
    expect(jsonl).toHaveLength(12)
    expect(JSON.parse(jsonl[0]!).value).toMatch(/shape/)
  })

  it('copy makes a verified copy that reads the same', () => {
    const copy = join(dir, 'copy')
    const run = shoal('copy', join(dir, 'shapes'), copy)
    expect(run.code, run.err).toBe(0)
    expect(run.out).toContain('verified')
    expect(shoal('info', copy, '--json').out.replace(copy, 'X')).toBe(
      shoal('info', join(dir, 'shapes'), '--json').out.replace(join(dir, 'shapes'), 'X'),
    )
    expect(shoal('copy', join(dir, 'shapes'), copy).code).toBe(1) // exists: needs --overwrite
  })

  it('copy to memory:// and back to a folder, in one shoal process, reads the same', () => {
    // memory:// lives as long as the process: run both copies through the built CLI's main().
    const back = join(dir, 'from-memory')
    const script = `
      const { main } = await import(${JSON.stringify(new URL('../dist/main.js', import.meta.url).href)})
      const there = await main(['copy', ${JSON.stringify(join(dir, 'shapes'))}, 'memory://round-trip'])
      const info = await main(['info', 'memory://round-trip', '--json'])
      const home = await main(['copy', 'memory://round-trip', ${JSON.stringify(back)}])
      process.exitCode = there || info || home
    `
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    })
    expect(run.status, run.stderr).toBe(0)
    const [toMemory, infoLine, toFolder] = run.stdout.trim().split('\n')
    expect(toMemory).toMatch(/^copied \d+ files .* to memory:\/\/round-trip, verified$/)
    expect(JSON.parse(infoLine!).tensors.images.length).toBe(12)
    expect(toFolder).toContain(`to ${back}, verified`)
    const original = shoal('show', join(dir, 'shapes'), 'boxes', '0:12', '--json').out
    expect(shoal('show', back, 'boxes', '0:12', '--json').out).toBe(original)
    expect(shoal('info', back, '--json').out.replace(back, 'X')).toBe(
      shoal('info', join(dir, 'shapes'), '--json').out.replace(join(dir, 'shapes'), 'X'),
    )
    // A later process cannot see it, and says why.
    const gone = shoal('info', 'memory://round-trip')
    expect(gone.code).toBe(1)
    expect(gone.err).toContain('hint: a memory:// dataset lives only inside the process that made it')
  })

  it('view serves the dataset on loopback until Ctrl-C, and warns when told to listen elsewhere', async () => {
    const serve = async (...args: string[]) => {
      const child = spawn(process.execPath, [bin, 'view', join(dir, 'shapes'), '--json', ...args], {
        env: { ...process.env, NO_COLOR: '1' },
      })
      let err = ''
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString()
      })
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
      const line = await new Promise<string>((resolve) => {
        let out = ''
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          if (out.includes('\n')) resolve(out.split('\n')[0]!)
        })
      })
      const { url } = JSON.parse(line) as { url: string }
      const stop = () => {
        child.kill('SIGINT')
        return exited
      }
      return { url, err: () => err, stop }
    }
    const local = await serve()
    expect(local.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const summary = (await (await fetch(new URL('/api/dataset', local.url))).json()) as { length: number }
    expect(summary.length).toBe(12)
    expect((await fetch(new URL('/api/dataset', local.url), { method: 'POST' })).status).toBe(405)
    expect(await local.stop()).toBe(0)
    const wide = await serve('--host', '0.0.0.0')
    expect(wide.err()).toContain('warning: listening on 0.0.0.0')
    expect(await wide.stop()).toBe(0)
  })

  it('verify passes a good dataset and names the key of a truncated chunk, a deleted chunk and a lying length', async () => {
    expect(shoal('verify', join(dir, 'shapes')).code).toBe(0)
    const broken = async (name: string, damage: (path: string) => Promise<void>) => {
      const path = join(dir, name)
      expect(shoal('copy', join(dir, 'shapes'), path).code).toBe(0)
      await damage(path)
      return shoal('verify', path)
    }
    const chunkOf = async (path: string, tensor: string) => {
      const [chunk] = await readdir(join(path, tensor, 'chunks'))
      return join(path, tensor, 'chunks', chunk!)
    }
    const truncated = await broken('truncated', async (p) => truncate(await chunkOf(p, 'images'), 100))
    expect(truncated.code).toBe(1)
    expect(truncated.out).toMatch(/FAIL images\[\d+\]: CORRUPT_CHUNK at .*images\/chunks\//)
    const deleted = await broken('deleted', async (p) => unlink(await chunkOf(p, 'captions')))
    expect(deleted.code).toBe(1)
    expect(deleted.out).toMatch(/FAIL captions\[0\]: \w+ at .*captions\/chunks\//)
    const lying = await broken('lying', async (p) => {
      const metaPath = join(p, 'labels', 'tensor_meta.json')
      const meta = JSON.parse(await readFile(metaPath, 'utf8'))
      meta.length = 20
      await writeFile(metaPath, JSON.stringify(meta))
    })
    expect(lying.code).toBe(1)
    expect(lying.out).toMatch(/FAIL labels: INVALID_METADATA at labels\/chunks_index\/unsharded: .*length 20/)
  })
})
