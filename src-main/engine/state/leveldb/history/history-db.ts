// Where time travel keeps a LevelDB session's history: a LevelDB database of its own, in a folder of its
// own (beside the state, never inside it), so the history of a long run is on disk, not in memory.
//
//   d<id>\x00<record key> -> "+" text, or "-" (deleted)   the records a snapshot's delta changed
//   f<id>\x00<record key> -> text                           a frame: every record of the state at a snapshot
//
// <id> is the snapshot's number in base 36, zero-padded, so each snapshot's part is one contiguous range.
// The folder belongs to the session: close() removes it; a session worker makes it inside the scratch
// folder its thread removes however the worker ends (engine/state/temp-state-dirs.ts).
import { rmSync } from 'node:fs'
import { ClassicLevel } from 'classic-level'
import { RiffleError } from '../../../../common/errors'

/** One part of a snapshot: its delta ('d') or its frame ('f'). */
export type PartKind = 'd' | 'f'

function prefixOf(kind: PartKind, id: number): string {
  return `${kind}${id.toString(36).padStart(7, '0')}\x00`
}

export class HistoryDb {
  private closed = false

  private constructor(readonly dir: string, private readonly db: ClassicLevel<string, string>, private readonly owned: string | null) {}

  /** Opens (creating) the history database in `dir`; `owned`: a folder (holding dir) to remove on close. */
  static async open(dir: string, owned: string | null): Promise<HistoryDb> {
    // A small write buffer: the history is written in bulk and read back in ranges, so a big memtable
    // would only add to the session's memory.
    const db = new ClassicLevel<string, string>(dir, { keyEncoding: 'utf8', valueEncoding: 'utf8', writeBufferSize: 1 << 20 })
    try {
      await db.open()
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause
      if (cause?.code === 'LEVEL_LOCKED') {
        throw new RiffleError('STATE_LOCKED', `the time-travel history in ${dir} is in use by another session (LevelDB lock held); ` +
          'close that session or let this one use its own folder', { cause: err })
      }
      throw new RiffleError('STATE_WRITE_FAILED', `cannot open the time-travel history in ${dir}: ${(err as Error).message}` +
        `${cause?.message !== undefined ? ` (${cause.message})` : ''}`, { cause: err })
    }
    return new HistoryDb(dir, db, owned)
  }

  /** Writes a part from chunks of [record key, stored text], in batches. Returns the number of records. */
  async write(kind: PartKind, id: number, chunks: Iterable<Array<[string, string]>> | AsyncIterable<Array<[string, string]>>): Promise<number> {
    const prefix = prefixOf(kind, id)
    let n = 0
    for await (const chunk of chunks) {
      if (chunk.length === 0) continue
      const batch = this.db.batch()
      for (const [key, text] of chunk) batch.put(prefix + key, text)
      await batch.write()
      n += chunk.length
    }
    return n
  }

  /** Every record of a part, in chunks of [record key, stored text]. */
  async *scan(kind: PartKind, id: number): AsyncGenerator<Array<[string, string]>> {
    const prefix = prefixOf(kind, id)
    const it = this.db.iterator({ gte: prefix, lt: `${prefix.slice(0, -1)}\x01` })
    try {
      for (;;) {
        const chunk = await it.nextv(2000)
        if (chunk.length === 0) break
        for (const e of chunk) e[0] = e[0].slice(prefix.length)
        yield chunk
      }
    } finally {
      await it.close()
    }
  }

  /** One record of a part (undefined: the part does not hold it). */
  get(kind: PartKind, id: number, key: string): string | undefined {
    return this.db.getSync(prefixOf(kind, id) + key)
  }

  /** Drops every part (the session starts its history over). */
  async clear(): Promise<void> {
    await this.db.clear()
  }

  /** Closes the database, and removes the folder it owns. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    try {
      await this.db.close()
    } finally {
      if (this.owned !== null) rmSync(this.owned, { recursive: true, force: true })
    }
  }
}
