import type { TensorState } from '../engine/tensor-reader.js'
import { ShoalError } from '../errors.js'
import { emptyChunkIds, parseChunkIds } from '../format/chunk-id-encoder.js'
import { parseCredsIndex } from '../format/creds-encoder.js'
import { decodeCustomJson } from '../format/custom-json.js'
import { parseJsonObject } from '../format/json-file.js'
import { commitPath, tensorFiles } from '../format/keys.js'
import { parseSequenceIndex } from '../format/sequence-encoder.js'
import { parseTensorMeta } from '../format/tensor-meta.js'
import { parseTiles, type TileEntry } from '../format/tile-encoder.js'
import type { StorageProvider } from '../storage/contract.js'

/** The metadata files of one tensor at one commit (spec §1.2.1), parsed. */
export interface TensorFiles extends TensorState {
  readonly key: string
  readonly info: Record<string, unknown>
}

async function read(storage: StorageProvider, key: string): Promise<Uint8Array | undefined> {
  try {
    return await storage.get(key)
  } catch (cause) {
    throw new ShoalError('STORAGE', `could not read "${key}"`, { key, cause })
  }
}

/** Reads every metadata file of tensor `key` at `commit`; chunks are left for the reader. */
export async function readTensorFiles(
  storage: StorageProvider,
  commit: string,
  key: string,
): Promise<TensorFiles> {
  const at = (file: string) => commitPath(commit, file)
  const metaKey = at(tensorFiles.meta(key))
  const [metaBytes, infoBytes, idBytes, tileBytes, sequenceBytes, credsBytes] = await Promise.all([
    read(storage, metaKey),
    read(storage, at(tensorFiles.info(key))),
    read(storage, at(tensorFiles.chunkIndex(key))),
    read(storage, at(tensorFiles.tileIndex(key))),
    read(storage, at(tensorFiles.sequenceIndex(key))),
    read(storage, at(tensorFiles.credsIndex(key))),
  ])
  if (!metaBytes) {
    throw new ShoalError(
      'NOT_FOUND',
      `tensor "${key}" is listed in dataset_meta.json but "${metaKey}" is missing`,
      {
        key: metaKey,
        expected: 'a tensor_meta.json file',
      },
    )
  }
  const meta = parseTensorMeta(metaBytes, metaKey)
  const infoKey = at(tensorFiles.info(key))
  const info = infoBytes
    ? (decodeCustomJson(parseJsonObject(infoBytes, infoKey)) as Record<string, unknown>)
    : {}
  const chunkIds = idBytes ? parseChunkIds(idBytes, at(tensorFiles.chunkIndex(key))) : emptyChunkIds()
  const tiles = tileBytes
    ? parseTiles(tileBytes, at(tensorFiles.tileIndex(key)))
    : new Map<number, TileEntry>()
  const files: TensorFiles = {
    key,
    meta,
    info,
    chunkIds,
    tiles,
    ...(meta.isSequence && sequenceBytes
      ? { sequences: parseSequenceIndex(sequenceBytes, at(tensorFiles.sequenceIndex(key))) }
      : {}),
    ...(meta.isLink && credsBytes
      ? { creds: parseCredsIndex(credsBytes, at(tensorFiles.credsIndex(key))) }
      : {}),
  }
  checkConsistent(files, at(tensorFiles.chunkIndex(key)))
  return files
}

/**
 * The chunk index must cover at least `length` items, or reads would fail or return wrong samples.
 * It may cover more: a writer that crashed between the chunk index and tensor_meta.json leaves
 * extra, unannounced samples that readers ignore.
 */
function checkConsistent(files: TensorFiles, key: string): void {
  const rows = files.chunkIds.lastIndex.length
  const covered = rows === 0 ? 0 : files.chunkIds.lastIndex[rows - 1]! + 1
  if (covered < files.meta.length) {
    throw new ShoalError(
      'INVALID_METADATA',
      `tensor "${files.meta.name ?? files.key}": the chunk index "${key}" covers ${covered} samples but tensor_meta.json says length ${files.meta.length}`,
      {
        key,
        tensor: files.meta.name ?? files.key,
        expected: `${files.meta.length} samples in the chunk index`,
      },
    )
  }
}
