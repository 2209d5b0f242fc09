// The backend-neutral savepoint: what it holds, its manifest, and the error a bad one raises.
// Format description: docs/savepoint-format.md.
import type { TableDump, TableMeta } from '../backend'
import { RiffleError } from '../../../common/errors'

export const SAVEPOINT_FORMAT = 'riffle-savepoint' as const
export const SAVEPOINT_VERSION = 1
export const MANIFEST_FILE = 'manifest.json'
export const ENGINE_FILE = 'engine.json'

/** A whole savepoint in memory: every table's dump plus the engine's own opaque JSON. */
export interface SavepointData {
  version: 1
  /** Who wrote it, e.g. "riffle 0.1.0 (leveldb)". */
  createdBy: string
  tables: TableDump[]
  /** Timers, watermarks, reader position...: JSON owned by the runtime, stored as given. */
  engine: unknown
  /** The runtime's streams (absent when the savepoint has none). */
  streams?: Array<{ name: string; items: unknown[] }>
}

/**
 * A named list of JSON values owned by the runtime, too big for engine.json (a keyed operator's keys
 * or timers): written one value per line, so neither side holds it as one string.
 */
export interface StreamSource {
  name: string
  items: Iterable<unknown> | AsyncIterable<unknown>
}

/** One table to write, its entries possibly streamed (e.g. from LevelDbStateBackend.streamTables()). */
export interface TableSource {
  meta: TableMeta
  entries: Iterable<[string, unknown]> | AsyncIterable<[string, unknown]>
}

/** What writeSavepoint accepts: SavepointData, or the same with streamed tables. */
export interface SavepointSource {
  version?: 1
  createdBy: string
  tables: Iterable<TableSource> | AsyncIterable<TableSource>
  engine: unknown
  streams?: Iterable<StreamSource>
}

export interface ManifestFile {
  /** Path relative to the savepoint directory, always with forward slashes. */
  file: string
  bytes: number
  sha256: string
}

export interface ManifestTable extends ManifestFile {
  meta: TableMeta
  /** Lines in the file: one per key. */
  records: number
}

export interface ManifestStream extends ManifestFile {
  /** The runtime's name for it, e.g. "3-process/keys". */
  name: string
  /** Lines in the file: one per value. */
  records: number
}

export interface SavepointManifest {
  format: typeof SAVEPOINT_FORMAT
  version: 1
  createdBy: string
  engine: ManifestFile
  tables: ManifestTable[]
  totalRecords: number
  /** Absent when the savepoint has no streams (and in savepoints written before streams existed). */
  streams?: ManifestStream[]
  /** sha256 of JSON.stringify of this object without this field. */
  manifestSha256: string
}

/** A savepoint that cannot be trusted: missing, damaged, truncated or of another format. */
export class SavepointInvalidError extends RiffleError {
  constructor(readonly dir: string, readonly part: string, detail: string) {
    super('SAVEPOINT_INVALID', `savepoint ${dir} is invalid: ${part}: ${detail}`)
  }
}

/** The savepoint could not be written (the previous one at the target is left as it was). */
export class SavepointWriteError extends RiffleError {
  constructor(readonly dir: string, detail: string, cause?: unknown) {
    super('SAVEPOINT_WRITE_FAILED', `cannot write savepoint ${dir}: ${detail}`, { cause })
  }
}
