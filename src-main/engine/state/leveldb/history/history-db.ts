// Where time travel keeps a LevelDB session's history: a LevelDB database of its own, in a folder of its
// own (beside the state, never inside it), so the history of a long run is on disk, not in memory.
//
//   d<id>\x00<chunk> -> key \x02 "+" text \x02 key \x02 "-" …   the records a snapshot's delta changed ("-": deleted)
//   f<id>\x00<chunk> -> key \x02 text \x02 …                    a frame: every record of the state at a snapshot
//
// <id> is the snapshot's number and <chunk> a chunk's, in base 36, zero-padded, so each part is one
// contiguous range. Records are packed a few thousand to a LevelDB value: a history record costs a string
// split to read back instead of an iterator step and a skiplist insert each, about ten times less. \x02
// never occurs in a record's key or text: both are JSON (which escapes control characters) and key-layout.ts's
// \x00/\x01 separators.
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

const SEP = '\x02'
/** Records per stored chunk. */
const CHUNK = 4096

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

  /** Writes a part from lists of [record key, stored text], packed in chunks. Returns the number of records. */
  async write(kind: PartKind, id: number, lists: Iterable<Array<[string, string]>> | AsyncIterable<Array<[string, string]>>): Promise<number> {
    const prefix = prefixOf(kind, id)
    let n = 0
    let chunk = 0
    let parts: string[] = []
    const put = async (): Promise<void> => {
      await this.db.put(prefix + (chunk++).toString(36).padStart(5, '0'), parts.join(SEP))
      parts = []
    }
    for await (const list of lists) {
      for (const [key, text] of list) {
        parts.push(key, text)
        if (parts.length >= 2 * CHUNK) await put()
      }
      n += list.length
    }
    if (parts.length > 0) await put()
    return n
  }

  /** Every record of a part, a chunk at a time, as a flat list: key, text, key, text, … */
  async *scan(kind: PartKind, id: number): AsyncGenerator<string[]> {
    const prefix = prefixOf(kind, id)
    const it = this.db.iterator({ gte: prefix, lt: `${prefix.slice(0, -1)}\x01`, keys: false })
    try {
      for (;;) {
        const values = await it.nextv(16)
        if (values.length === 0) break
        for (const [, v] of values) yield v.split(SEP)
      }
    } finally {
      await it.close()
    }
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
