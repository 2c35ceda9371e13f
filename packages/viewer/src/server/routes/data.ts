/** JSON routes: the dataset summary, a page of rows, one sample in full. */
import type { Handler } from '../context.js'
import { badRequest } from '../http-error.js'
import { indexParam, integerParam, readQuery } from '../params.js'
import { sendJson } from '../respond.js'
import { buildRows, buildSample } from '../rows.js'

/** `GET /api/dataset` */
export const datasetRoute: Handler = async (req, res, url, { catalog }) => {
  readQuery(url, [])
  sendJson(req, res, 200, catalog.summary)
}

/** `GET /api/rows?start=N&count=M` — rows past the end are left out; `count` is 1 to maxPage. */
export const rowsRoute: Handler = async (req, res, url, { catalog, scrub }) => {
  const query = readQuery(url, ['start', 'count'])
  const start = integerParam(query, 'start', 0)
  const count = integerParam(query, 'count', 24)
  if (count < 1 || count > catalog.summary.maxPage)
    throw badRequest(`parameter "count" must be between 1 and ${catalog.summary.maxPage}`)
  sendJson(req, res, 200, await buildRows(catalog, start, count, scrub))
}

/** `GET /api/sample?index=N` — every tensor at that index. */
export const sampleRoute: Handler = async (req, res, url, { catalog, scrub }) => {
  const query = readQuery(url, ['index'])
  const index = indexParam(query, catalog.summary.rows)
  sendJson(req, res, 200, await buildSample(catalog, index, scrub))
}
