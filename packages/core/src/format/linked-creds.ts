import { FieldReader, jsonBytes, parseJsonObject } from './json-file.js'
import { pythonJson } from './python-json.js'

/** `linked_creds.json` (spec §1.7): names of credential slots, never secrets. */
export interface LinkedCreds {
  /** Slot names; creds encoding k ≥ 1 means `credsKeys[k − 1]`. */
  credsKeys: string[]
  /** Slots whose secrets the Activeloop backend supplies. */
  managedCredsKeys: string[]
  /** Slots referenced by at least one sample. */
  usedCredsKeys: string[]
}

/** Parses `linked_creds.json`; an empty file means no slots (as in Python). */
export function parseLinkedCreds(bytes: Uint8Array, key?: string): LinkedCreds {
  if (bytes.byteLength === 0) return { credsKeys: [], managedCredsKeys: [], usedCredsKeys: [] }
  const f = new FieldReader(parseJsonObject(bytes, key), key)
  return {
    credsKeys: f.strings('creds_keys', []),
    managedCredsKeys: f.strings('managed_creds_keys', []),
    usedCredsKeys: f.strings('used_creds_keys', []),
  }
}

/** `linked_creds.json` bytes as Python writes them (compact, no trailing newline). */
export function serializeLinkedCreds(creds: LinkedCreds): Uint8Array {
  return jsonBytes(
    pythonJson({
      creds_keys: creds.credsKeys,
      managed_creds_keys: creds.managedCredsKeys,
      used_creds_keys: creds.usedCredsKeys,
    }),
  )
}
