import type { ErrorJson } from '../shared/protocol.js'

/** A request the server refuses, with the HTTP status to answer and the JSON error to send. */
export class HttpError extends Error {
  override readonly name = 'HttpError'
  readonly status: number
  readonly json: ErrorJson

  constructor(
    status: number,
    code: string,
    message: string,
    where: { tensor?: string; index?: number } = {},
  ) {
    super(message)
    this.status = status
    this.json = { code, message, ...where }
  }
}

/** 400: the URL is malformed (an unknown parameter, an index that is not a number, …). */
export const badRequest = (message: string): HttpError => new HttpError(400, 'BAD_REQUEST', message)

/** 404: no such route, tensor or sample. */
export const notFound = (message: string, where: { tensor?: string; index?: number } = {}): HttpError =>
  new HttpError(404, 'NOT_FOUND', message, where)
