// Writes a savepoint directory atomically: one JSON Lines file per table (streamed, never one giant
// string), engine.json, and a manifest with each file's size, sha256 and record count, written last.
import { createHash } from 'node:crypto'
import { mkdir, open, readdir, rm, writeFile } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { exists, makeTempSibling, recoverInterrupted, replaceDir } from './atomic-dir'
import type { ManifestFile, ManifestStream, ManifestTable, SavepointManifest, SavepointSource } from './savepoint-types'
import { ENGINE_FILE, MANIFEST_FILE, SAVEPOINT_FORMAT, SavepointWriteError } from './savepoint-types'

const CHUNK = 1 << 20

/** Buffers lines and writes them in ~1 MB chunks, hashing what it writes. */
class HashedFile {
  private parts: string[] = []
  private pending = 0
  private readonly hash = createHash('sha256')
  bytes = 0

  private constructor(private readonly fh: FileHandle) {}

  static async create(path: string): Promise<HashedFile> {
    return new HashedFile(await open(path, 'wx'))
  }

  async line(text: string): Promise<void> {
    this.parts.push(text, '\n')
    this.pending += text.length + 1
    if (this.pending >= CHUNK) await this.drain()
  }

  private async drain(): Promise<void> {
    if (this.parts.length === 0) return
    const buf = Buffer.from(this.parts.join(''), 'utf8')
    this.parts = []
    this.pending = 0
    this.hash.update(buf)
    this.bytes += buf.length
    await this.fh.write(buf)
  }

  /** Flushes, fsyncs and closes; returns the file's size and sha256. */
  async finish(): Promise<{ bytes: number; sha256: string }> {
    try {
      await this.drain()
      await this.fh.sync()
    } finally {
      await this.fh.close()
    }
    return { bytes: this.bytes, sha256: this.hash.digest('hex') }
  }
}

export function manifestChecksum(m: Omit<SavepointManifest, 'manifestSha256'>): string {
  return createHash('sha256').update(JSON.stringify(m)).digest('hex')
}

/**
 * Writes `data` as a savepoint at `dir`. Until the final rename nothing at `dir` changes, so a crash
 * or an error while writing leaves the previous savepoint there intact. Refuses to replace a
 * non-empty directory that is not a savepoint.
 */
export async function writeSavepoint(dir: string, data: SavepointSource): Promise<void> {
  const target = resolve(dir)
  await recoverInterrupted(target)
  if (await exists(target) && !(await exists(join(target, MANIFEST_FILE))) && (await readdir(target)).length > 0) {
    throw new SavepointWriteError(dir, 'the directory exists and is not a savepoint; refusing to replace it')
  }
  let tmp: string | null = null
  try {
    tmp = await makeTempSibling(target)
    await mkdir(join(tmp, 'tables'))
    const tables: ManifestTable[] = []
    let totalRecords = 0
    for await (const t of data.tables) {
      const file = `tables/${String(tables.length).padStart(4, '0')}.jsonl`
      const out = await HashedFile.create(join(tmp, file))
      let records = 0
      try {
        for await (const entry of t.entries) {
          await out.line(JSON.stringify(entry))
          records++
        }
      } finally {
        const { bytes, sha256 } = await out.finish()
        tables.push({ file, meta: { ...t.meta }, records, bytes, sha256 })
      }
      totalRecords += records
    }
    const streams: ManifestStream[] = []
    for (const s of data.streams ?? []) {
      if (streams.length === 0) await mkdir(join(tmp, 'streams'))
      const file = `streams/${String(streams.length).padStart(4, '0')}.jsonl`
      const out = await HashedFile.create(join(tmp, file))
      let records = 0
      try {
        for await (const item of s.items) {
          await out.line(JSON.stringify(item ?? null))
          records++
        }
      } finally {
        const { bytes, sha256 } = await out.finish()
        streams.push({ file, name: s.name, records, bytes, sha256 })
      }
    }
    const engineText = JSON.stringify(data.engine ?? null)
    const engineOut = await HashedFile.create(join(tmp, ENGINE_FILE))
    await engineOut.line(engineText)
    const engine: ManifestFile = { file: ENGINE_FILE, ...(await engineOut.finish()) }
    // streams only when there are some: a savepoint without them stays byte-identical to older ones.
    const body = { format: SAVEPOINT_FORMAT as typeof SAVEPOINT_FORMAT, version: 1 as const, createdBy: data.createdBy, engine, tables, totalRecords, ...(streams.length > 0 ? { streams } : {}) }
    const manifest: SavepointManifest = { ...body, manifestSha256: manifestChecksum(body) }
    const mPath = join(tmp, MANIFEST_FILE)
    await writeFile(mPath, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' })
    const fh = await open(mPath, 'r')
    try { await fh.sync() } finally { await fh.close() }
    await replaceDir(tmp, target)
    tmp = null
  } catch (err) {
    if (err instanceof SavepointWriteError) throw err
    throw new SavepointWriteError(dir, (err as Error).message, err)
  } finally {
    if (tmp !== null) await rm(tmp, { recursive: true, force: true })
  }
}
