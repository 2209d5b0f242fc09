// Background TTL cleanup for LevelDB, in the role of RocksDB's compaction filter (CL4): scan the
// records of TTL tables in chunks and delete the expired ones, so expired state does not grow the
// database forever. Cleanup on access (CL1) stays with the TTL layer; this only removes what nobody
// reads. Under NeverReturnExpired it is unobservable except through size (CL5); under
// ReturnExpiredIfNotCleanedUp it changes reads, so a deterministic replay should call sweepOnce()
// at deterministic points (e.g. checkpoints) rather than on a wall-clock interval.
import type { ClassicLevel } from 'classic-level'
import type { TableMeta } from '../backend'
import { entryPrefix, keyRecordPrefix, prefixRange } from './key-layout'
import { LevelDbMapTable } from './leveldb-tables'
import type { LevelDbValueTable } from './leveldb-tables'

/**
 * Decides whether a stored record is expired now. `stored` is what the TTL layer stored: for a value
 * table the key's value (a TtlValue, or for lists an array of them); for a map table one entry's value.
 * The predicate reads the TTL clock itself (TtlTimeProvider.now()).
 */
export type TtlPredicate = (meta: TableMeta, stored: unknown) => boolean

export interface SweepOptions {
  /** Records scanned per call (the chunk). Default 1000, like RocksDB's query-time-after-N-entries. */
  maxEntries?: number
  /** false: only count expired records (feeds expiredNotRemoved()). Default true. */
  remove?: boolean
}

export interface SweepResult {
  scanned: number
  expired: number
  removed: number
  /** True when this call finished a full pass over every TTL table. */
  passCompleted: boolean
}

type AnyTable = LevelDbValueTable | LevelDbMapTable

export class TtlSweeper {
  expiredNotRemoved = 0
  removedTotal = 0
  /** Position in the table list and the last record key scanned there. */
  private cursor: { table: number; after: string | null } = { table: 0, after: null }
  private pass = { expired: 0, removed: 0 }

  constructor(
    private readonly db: ClassicLevel<string, string>,
    private readonly tables: () => readonly AnyTable[],
  ) {}

  async sweepOnce(isExpired: TtlPredicate, opts: SweepOptions = {}): Promise<SweepResult> {
    const budget = Math.max(1, opts.maxEntries ?? 1000)
    const remove = opts.remove ?? true
    const result: SweepResult = { scanned: 0, expired: 0, removed: 0, passCompleted: false }
    const all = this.tables()
    if (!all.some((t) => t.meta.ttl)) return { ...result, passCompleted: true }
    let visitedTables = 0
    while (result.scanned < budget && visitedTables <= all.length) {
      if (this.cursor.table >= all.length) this.endPass(result)
      const t = all[this.cursor.table]
      if (t === undefined || !t.meta.ttl) { this.nextTable(); visitedTables++; continue }
      const want = budget - result.scanned
      const range = prefixRange(t instanceof LevelDbMapTable ? entryPrefix(t.chain.index) : keyRecordPrefix(t.chain.index))
      const opts2 = this.cursor.after === null ? { ...range, limit: want } : { gt: this.cursor.after, lt: range.lt, limit: want }
      const chunk = await this.db.iterator(opts2).all()
      // The engine may have run while we awaited: judge each candidate again on its current value.
      for (const [dbKey, text] of chunk) {
        result.scanned++
        const stored = t instanceof LevelDbMapTable ? JSON.parse(text) as unknown : (JSON.parse(text) as unknown[])[1]
        if (!isExpired(t.meta, stored)) continue
        result.expired++
        this.pass.expired++
        if (remove && this.removeIfExpired(t, dbKey, isExpired)) {
          result.removed++
          this.pass.removed++
          this.removedTotal++
          this.expiredNotRemoved = Math.max(0, this.expiredNotRemoved - 1)
        }
      }
      if (chunk.length < want) { this.nextTable(); visitedTables++ } else this.cursor.after = chunk[chunk.length - 1][0]
    }
    if (this.cursor.table >= all.length) this.endPass(result)
    return result
  }

  /** Counts every expired record of every TTL table (full scan), and remembers the figure. */
  async countExpired(isExpired: TtlPredicate): Promise<number> {
    let n = 0
    for (const t of this.tables()) {
      if (t === undefined || !t.meta.ttl) continue
      const isMap = t instanceof LevelDbMapTable
      const range = prefixRange(isMap ? entryPrefix(t.chain.index) : keyRecordPrefix(t.chain.index))
      for await (const text of this.db.values(range)) {
        const stored = isMap ? JSON.parse(text) as unknown : (JSON.parse(text) as unknown[])[1]
        if (isExpired(t.meta, stored)) n++
      }
    }
    this.expiredNotRemoved = n
    return n
  }

  private removeIfExpired(t: AnyTable, dbKey: string, isExpired: TtlPredicate): boolean {
    if (t instanceof LevelDbMapTable) {
      const rest = dbKey.slice(entryPrefix(t.chain.index).length)
      const sep = rest.indexOf('\x00')
      const key = rest.slice(0, sep)
      const userKey = rest.slice(sep + 1)
      if (!t.has(key, userKey) || !isExpired(t.meta, t.get(key, userKey))) return false
      t.delete(key, userKey)
      return true
    }
    const key = dbKey.slice(keyRecordPrefix(t.chain.index).length)
    const current = t.get(key)
    if (current === undefined || !isExpired(t.meta, current)) return false
    t.delete(key)
    return true
  }

  private nextTable(): void {
    this.cursor = { table: this.cursor.table + 1, after: null }
  }

  private endPass(result: SweepResult): void {
    result.passCompleted = true
    this.expiredNotRemoved = this.pass.expired - this.pass.removed
    this.pass = { expired: 0, removed: 0 }
    this.cursor = { table: 0, after: null }
  }
}
