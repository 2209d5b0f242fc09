// Reads and fully validates a savepoint: the manifest's own checksum, format and version, then every
// file's size, sha256, line count and line shape. Any flaw is a SavepointInvalidError naming the file;
// nothing is returned unless everything checks out (never half-loaded).
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { StringDecoder } from 'node:string_decoder'
import type { TableDump, TableMeta } from '../backend'
import { errnoReason } from '../../../common/errno-reason'
import { exists, recoverInterrupted } from './atomic-dir'
import { manifestChecksum } from './savepoint-writer'
import type { ManifestFile, ManifestStream, SavepointData, SavepointManifest } from './savepoint-types'
import { MANIFEST_FILE, SAVEPOINT_FORMAT, SAVEPOINT_VERSION, SavepointInvalidError } from './savepoint-types'

const KINDS = new Set(['value', 'list', 'map', 'reducing', 'aggregating'])

function isMeta(m: unknown): m is TableMeta {
  const o = m as Record<string, unknown> | null
  return o !== null && typeof o === 'object' && typeof o.operatorId === 'string' && typeof o.stateName === 'string' &&
    typeof o.kind === 'string' && KINDS.has(o.kind) && typeof o.ttl === 'boolean'
}

function isFileEntry(f: unknown): f is ManifestFile {
  const o = f as Record<string, unknown> | null
  return o !== null && typeof o === 'object' && typeof o.file === 'string' && !o.file.includes('..') &&
    Number.isInteger(o.bytes) && typeof o.sha256 === 'string'
}

/** Reads and checks DIR/manifest.json. */
export async function readManifest(dir: string): Promise<SavepointManifest> {
  const bad = (detail: string): SavepointInvalidError => new SavepointInvalidError(dir, MANIFEST_FILE, detail)
  const root = resolve(dir)
  await recoverInterrupted(root)
  if (!(await exists(root))) throw new SavepointInvalidError(dir, dir, 'no such directory')
  let text: string
  try {
    text = await readFile(join(root, MANIFEST_FILE), 'utf8')
  } catch (err) {
    // Only a manifest that is not there says the write never finished; one that may not be read (chmod) says why.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw bad(`cannot be read: ${errnoReason(err)}`)
    throw bad('missing (the savepoint was never completed, or is not a savepoint)')
  }
  let m: SavepointManifest
  try { m = JSON.parse(text) as SavepointManifest } catch (err) { throw bad(`not valid JSON (${(err as Error).message})`) }
  if (m === null || typeof m !== 'object') throw bad('not a JSON object')
  if (m.format !== SAVEPOINT_FORMAT) throw bad(`format is ${JSON.stringify(m.format)}, expected "${SAVEPOINT_FORMAT}"`)
  if (m.version !== SAVEPOINT_VERSION) throw bad(`version ${JSON.stringify(m.version)} is not supported (this Riffle reads version ${SAVEPOINT_VERSION})`)
  const { manifestSha256, ...body } = m
  if (manifestSha256 !== manifestChecksum(body)) throw bad('checksum mismatch (the manifest was altered or damaged)')
  if (typeof m.createdBy !== 'string' || !isFileEntry(m.engine) || !Array.isArray(m.tables) || !Number.isInteger(m.totalRecords)) {
    throw bad('missing or malformed fields')
  }
  let total = 0
  for (const t of m.tables) {
    if (!isFileEntry(t) || !isMeta(t.meta) || !Number.isInteger(t.records)) throw bad(`malformed table entry ${JSON.stringify(t)}`)
    total += t.records
  }
  if (total !== m.totalRecords) throw bad(`totalRecords ${m.totalRecords} but the tables hold ${total}`)
  if (m.streams !== undefined) {
    if (!Array.isArray(m.streams)) throw bad('streams is not a list')
    const names = new Set<string>()
    for (const s of m.streams) {
      if (!isFileEntry(s) || typeof s.name !== 'string' || !Number.isInteger(s.records)) throw bad(`malformed stream entry ${JSON.stringify(s)}`)
      if (names.has(s.name)) throw bad(`stream ${JSON.stringify(s.name)} is listed twice`)
      names.add(s.name)
    }
  }
  return m
}

/** Streams a file's lines, checking its size and sha256 against the manifest at the end. */
async function* checkedLines(dir: string, f: ManifestFile): AsyncGenerator<string> {
  const hash = createHash('sha256')
  const decoder = new StringDecoder('utf8')
  let bytes = 0
  // The unterminated end of what was read so far, in pieces: joined once when its line ends. (Splitting
  // `rest + chunk` per chunk copied a long line again for every 64 KB: quadratic for engine.json.)
  let pending: string[] = []
  const stream = createReadStream(join(resolve(dir), f.file))
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk)
      bytes += chunk.length
      if (bytes > f.bytes) throw new SavepointInvalidError(dir, f.file, `longer than the ${f.bytes} bytes in the manifest`)
      const text = decoder.write(chunk)
      let start = 0
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        const piece = text.slice(start, nl)
        if (pending.length === 0) yield piece
        else { pending.push(piece); const line = pending.join(''); pending = []; yield line }
        start = nl + 1
      }
      if (start < text.length) pending.push(start === 0 ? text : text.slice(start))
    }
  } catch (err) {
    if (err instanceof SavepointInvalidError) throw err
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT'
    throw new SavepointInvalidError(dir, f.file, missing ? 'missing (the manifest lists it)' : `cannot be read: ${errnoReason(err)}`)
  } finally {
    stream.destroy()
  }
  const rest = pending.join('') + decoder.end()
  if (bytes !== f.bytes) throw new SavepointInvalidError(dir, f.file, `${bytes} bytes but the manifest says ${f.bytes} (truncated?)`)
  if (hash.digest('hex') !== f.sha256) throw new SavepointInvalidError(dir, f.file, 'sha256 mismatch (damaged)')
  if (rest !== '') throw new SavepointInvalidError(dir, f.file, 'last line is not terminated (truncated?)')
}

function parseLine(dir: string, file: string, n: number, line: string): unknown {
  try { return JSON.parse(line) as unknown } catch (err) {
    throw new SavepointInvalidError(dir, `${file} line ${n}`, `not valid JSON (${(err as Error).message})`)
  }
}

/** One table file's entries, each validated; size, checksum and count are checked at the end. */
async function* tableEntries(dir: string, t: SavepointManifest['tables'][number]): AsyncGenerator<[string, unknown]> {
  let n = 0
  for await (const line of checkedLines(dir, t)) {
    n++
    const e = parseLine(dir, t.file, n, line)
    if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string' || (t.meta.kind === 'map' && !Array.isArray(e[1]))) {
      throw new SavepointInvalidError(dir, `${t.file} line ${n}`, 'expected [key, value] (map tables: [key, [[userKey, value], ...]])')
    }
    yield e as [string, unknown]
  }
  if (n !== t.records) throw new SavepointInvalidError(dir, t.file, `${n} records but the manifest says ${t.records}`)
}

/** One stream file's values; size, checksum and count are checked at the end. */
async function* streamItems(dir: string, s: ManifestStream): AsyncGenerator<unknown> {
  let n = 0
  for await (const line of checkedLines(dir, s)) {
    n++
    yield parseLine(dir, s.file, n, line)
  }
  if (n !== s.records) throw new SavepointInvalidError(dir, s.file, `${n} values but the manifest says ${s.records}`)
}

async function readTable(dir: string, t: SavepointManifest['tables'][number]): Promise<TableDump> {
  const entries: Array<[string, unknown]> = []
  for await (const e of tableEntries(dir, t)) entries.push(e)
  return { meta: t.meta, entries }
}

async function readEngine(dir: string, m: SavepointManifest): Promise<unknown> {
  const lines: string[] = []
  for await (const line of checkedLines(dir, m.engine)) lines.push(line)
  if (lines.length !== 1) throw new SavepointInvalidError(dir, m.engine.file, `expected one line, found ${lines.length}`)
  return parseLine(dir, m.engine.file, 1, lines[0])
}

/** A fully verified savepoint whose tables are streamed from disk (for state larger than memory). */
export interface OpenedSavepoint {
  manifest: SavepointManifest
  createdBy: string
  engine: unknown
  /**
   * Streams every table again, re-checking as it goes: a file changed since verification raises
   * SAVEPOINT_INVALID mid-stream, so a caller restoring from it must treat any error as a failed restore.
   */
  tables(): AsyncGenerator<{ meta: TableMeta; entries: AsyncIterable<[string, unknown]> }>
  /** Names of the runtime's streams, in the order they were written. */
  streamNames(): string[]
  /** Streams one of them again, re-checking as tables() does (SAVEPOINT_INVALID for a name it lacks). */
  stream(name: string): AsyncGenerator<unknown>
}

/**
 * Verifies the whole savepoint (every file, line and checksum) in constant memory, then returns a
 * handle that streams the tables. Throws SavepointInvalidError before returning if anything is wrong.
 */
export async function openSavepoint(dir: string): Promise<OpenedSavepoint> {
  const manifest = await readManifest(dir)
  const engine = await readEngine(dir, manifest)
  for (const t of manifest.tables) for await (const _ of tableEntries(dir, t)) { /* verify only */ }
  const streams = manifest.streams ?? []
  for (const s of streams) for await (const _ of streamItems(dir, s)) { /* verify only */ }
  return {
    manifest,
    createdBy: manifest.createdBy,
    engine,
    async *tables() {
      for (const t of manifest.tables) yield { meta: t.meta, entries: tableEntries(dir, t) }
    },
    streamNames: () => streams.map((s) => s.name),
    stream(name: string) {
      const s = streams.find((x) => x.name === name)
      if (s === undefined) throw new SavepointInvalidError(dir, MANIFEST_FILE, `no stream named ${JSON.stringify(name)}`)
      return streamItems(dir, s)
    },
  }
}

/** Reads the savepoint at dir. Throws SavepointInvalidError (code SAVEPOINT_INVALID) on any flaw. */
export async function readSavepoint(dir: string): Promise<SavepointData> {
  const m = await readManifest(dir)
  const engine = await readEngine(dir, m)
  const tables: TableDump[] = []
  for (const t of m.tables) tables.push(await readTable(dir, t))
  if (m.streams === undefined) return { version: 1, createdBy: m.createdBy, tables, engine }
  const streams: Array<{ name: string; items: unknown[] }> = []
  for (const s of m.streams) {
    const items: unknown[] = []
    for await (const v of streamItems(dir, s)) items.push(v)
    streams.push({ name: s.name, items })
  }
  return { version: 1, createdBy: m.createdBy, tables, engine, streams }
}
