// The LevelDB state backend (Flink's RocksDB backend to the heap's HashMap backend): same contract,
// state on disk under one directory, synchronous tables over a write-back cache (write-back-store.ts),
// keys in the heap's order (key-chain.ts), a background TTL sweep (ttl-sweep.ts) and streamed
// snapshots for savepoints. Design and trade-offs: docs/leveldb-backend.md.
import { ClassicLevel } from 'classic-level'
import type { MapTable, StateBackend, Table, TableDump, TableMeta, TableStreamSource, ValueTable } from '../backend'
import { tableId } from '../backend'
import { deepCopy } from '../copy'
import type { RegistryRow } from './key-chain'
import { KeyChain } from './key-chain'
import { FORMAT_KEY, FORMAT_VALUE, REGISTRY_RANGE, entryPrefix, keyRecordPrefix, nodePrefix, prefixRange, registryKey } from './key-layout'
import { LevelDbMapTable, LevelDbValueTable, MAP_RECORD_CODEC, VALUE_RECORD_CODEC } from './leveldb-tables'
import type { StoreStats } from './write-back-store'
import { WriteBackStore } from './write-back-store'
import type { SweepOptions, SweepResult, TtlPredicate } from './ttl-sweep'
import { TtlSweeper } from './ttl-sweep'
import type { LevelDbTimerQueue, TimerQueueOptions } from './timers/leveldb-timer-queue'
import type { LevelDbKeyRegistry } from './leveldb-key-registry'
import { RuntimeStores } from './leveldb-runtime-stores'
import { RiffleError } from '../../../common/errors'
import { claimStateDir, markStateDir, stateDirError } from './state-dir-marker'
import { installCheckpoint, logBytes, takeCheckpoint, type CheckpointFile } from './history/checkpoint-files'
import type { IndexEntry } from './timers/time-index'

export interface LevelDbOpenOptions {
  /** The state directory (created if missing). One run at a time may hold it. */
  dir: string
  /** Most records kept in memory (clean ones are evicted beyond this). Default 100 000. */
  cacheEntries?: number
  /** Dirty records per batch. Default 50 000, at most half of cacheEntries (a batch in flight and the next one filling stay pinned in the cache, whose two parts hold cacheEntries each). */
  batchSize?: number
  /** Start empty: delete whatever state the directory holds (a new run on a reused --state-dir). */
  clear?: boolean
}

export type LevelDbTable = LevelDbValueTable | LevelDbMapTable

export type { TableStreamSource } from '../backend'

/** The error of a second open of a state directory that another run holds. */
export class StateLockedError extends RiffleError {
  constructor(readonly dir: string, cause: unknown) {
    super('STATE_LOCKED', `state directory ${dir} is in use by another run (LevelDB lock held); ` +
      'wait for that run to finish or choose another --state-dir', { cause })
  }
}

export class LevelDbStateBackend implements StateBackend {
  readonly name = 'leveldb' as const
  private readonly byId = new Map<string, LevelDbTable>()
  private readonly ordered: LevelDbTable[] = []
  private readonly sweeper: TtlSweeper
  private runtimeStores!: RuntimeStores
  private closed = false

  private constructor(
    readonly dir: string,
    private readonly db: ClassicLevel<string, string>,
    private readonly store: WriteBackStore,
  ) {
    this.sweeper = new TtlSweeper(db, () => this.ordered)
  }

  static async open(opts: LevelDbOpenOptions): Promise<LevelDbStateBackend> {
    const cacheEntries = Math.max(16, Math.floor(opts.cacheEntries ?? 100_000))
    const batchSize = Math.max(1, Math.min(Math.floor(opts.batchSize ?? 50_000), Math.floor(cacheEntries / 2)))
    const claim = await claimStateDir(opts.dir)
    const db = new ClassicLevel<string, string>(opts.dir, { keyEncoding: 'utf8', valueEncoding: 'utf8' })
    try {
      await db.open()
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause
      if (cause?.code === 'LEVEL_LOCKED') throw new StateLockedError(opts.dir, err)
      const reason = `${(err as Error).message}${cause instanceof Error ? ` (${cause.message})` : ''}`
      if (/no space left|ENOSPC/i.test(reason)) {
        throw new RiffleError('STATE_WRITE_FAILED', `cannot open state directory ${opts.dir}: ${reason}; free space on that disk or choose another --state-dir`, { cause: err })
      }
      throw stateDirError(opts.dir, reason, err)
    }
    try {
      const backend = new LevelDbStateBackend(opts.dir, db, new WriteBackStore(db, cacheEntries, batchSize))
      if (opts.clear === true && db.getSync(FORMAT_KEY) !== undefined) await db.clear()
      await backend.loadRegistry()
      // A state directory from before the mark: its content is Riffle's (loadRegistry checked), so mark it.
      if (claim === 'unmarked-leveldb') await markStateDir(opts.dir)
      return backend
    } catch (err) {
      await db.close()
      throw err
    }
  }

  private async loadRegistry(): Promise<void> {
    const marker = this.db.getSync(FORMAT_KEY)
    const rows: Array<[number, RegistryRow]> = []
    for await (const [key, text] of this.db.iterator(REGISTRY_RANGE)) rows.push([Number(key.slice(1)), JSON.parse(text) as RegistryRow])
    if (marker === undefined) {
      const any = await this.db.keys({ limit: 1 }).all()
      if (any.length > 0) {
        throw stateDirError(this.dir, 'it holds a LevelDB database that is not Riffle state: choose a new or empty folder')
      }
      await this.db.put(FORMAT_KEY, FORMAT_VALUE)
    }
    rows.sort((a, b) => a[0] - b[0])
    for (const [index, row] of rows) this.adopt(index, row)
    this.runtimeStores = await RuntimeStores.load(this.db, this.store)
  }

  /**
   * A key registry in this database (runtime/key-registry.ts's KeyRegistry API and order), one per
   * name (e.g. the operator id), so a run with millions of keys keeps no object per key in memory.
   */
  keyRegistry(name: string): LevelDbKeyRegistry {
    this.checkOpen()
    return this.runtimeStores.keyRegistry(name)
  }

  /**
   * A timer queue in this database (time/timer-queue.ts's TimerQueue API and semantics), one per name
   * (e.g. "<operatorId>/event", "<operatorId>/processing"), flushed with the state; found again on reopen.
   */
  timerQueue(name: string, opts: TimerQueueOptions = {}): LevelDbTimerQueue {
    this.checkOpen()
    return this.runtimeStores.timerQueue(name, opts)
  }

  private adopt(index: number, row: RegistryRow): LevelDbTable {
    const t = row.meta.kind === 'map'
      ? new LevelDbMapTable(new KeyChain<Set<string>>(this.store, index, row, MAP_RECORD_CODEC))
      : new LevelDbValueTable(new KeyChain<unknown>(this.store, index, row, VALUE_RECORD_CODEC))
    this.byId.set(tableId(row.meta), t)
    this.ordered[index] = t
    return t
  }

  valueTable(meta: TableMeta): ValueTable {
    return this.table(meta) as LevelDbValueTable
  }

  mapTable(meta: TableMeta): MapTable {
    return this.table(meta) as LevelDbMapTable
  }

  private table(meta: TableMeta): LevelDbTable {
    this.checkOpen()
    const existing = this.byId.get(tableId(meta))
    if (existing !== undefined) {
      if (existing.meta.kind !== meta.kind || existing.meta.ttl !== meta.ttl) {
        throw new Error(`state "${meta.stateName}" of operator ${meta.operatorId} was registered as ` +
          `${existing.meta.kind}${existing.meta.ttl ? ' with TTL' : ''} and again as ${meta.kind}${meta.ttl ? ' with TTL' : ''}`)
      }
      return existing
    }
    const t = this.adopt(this.ordered.length, { meta: { ...meta }, head: null, tail: null, next: 0, count: 0, ghosts: 0 })
    t.chain.saveRow()
    return t
  }

  tables(): Table[] { return [...this.ordered] }

  /**
   * Called between steps: starts a due batch in the background (the run goes on while it is written),
   * and returns true when the caller should `await flush()` before the next step (a batch is due while
   * the previous one is still being written, or the cache is over its bounds).
   */
  needsFlush(): boolean {
    this.store.cutIfDue()
    return this.store.needsFlush()
  }

  async flush(): Promise<void> {
    this.checkOpen()
    await this.store.flush()
    // Unlink ghost chain nodes (removed keys) once they outnumber the live keys: a step of a few
    // times the removals since the last step (O(1) walk per removal), in pieces separated by batches
    // so the dirty records it makes never pile up.
    for (const t of this.ordered) {
      const chain = t.chain
      if (chain.row.ghosts <= 1000 || chain.row.ghosts <= chain.row.count) continue
      let budget = Math.min(20_000, Math.max(1000, 4 * chain.newGhosts))
      chain.newGhosts = 0
      while (budget > 0) {
        const steps = chain.compactStep(budget)
        if (steps === 0) break
        budget -= steps
        await this.store.flush()
      }
    }
  }

  async dump(): Promise<TableDump[]> {
    const out: TableDump[] = []
    for await (const { meta, entries } of this.streamTables()) {
      const list: Array<[string, unknown]> = []
      for await (const e of entries) list.push(e)
      out.push({ meta, entries: list })
    }
    return out
  }

  /**
   * Every table as a stream of dump entries (same shape as TableDump.entries), read from one LevelDB
   * snapshot taken right after a flush, so a savepoint of state larger than memory never holds it all.
   * Each table's `entries` must be consumed before the next table is requested.
   */
  async *streamTables(): AsyncGenerator<{ meta: TableMeta; entries: AsyncIterable<[string, unknown]> }> {
    this.checkOpen()
    await this.store.flush()
    const snapshot = this.db.snapshot()
    try {
      for (const t of [...this.ordered]) {
        yield { meta: { ...t.meta }, entries: this.tableEntries(t, snapshot) }
      }
    } finally {
      await snapshot.close()
    }
  }

  private async *tableEntries(t: LevelDbTable, snapshot: ReturnType<ClassicLevel<string, string>['snapshot']>): AsyncGenerator<[string, unknown]> {
    // Chain nodes sort by seq, i.e. in insertion order (the heap's order), so a range scan of them
    // lists the keys in the order the uninterrupted heap run would; ghosts (removed keys) are those
    // whose key record names another seq or is gone.
    const kPrefix = keyRecordPrefix(t.chain.index)
    const ePrefix = entryPrefix(t.chain.index)
    const nPrefix = nodePrefix(t.chain.index)
    for await (const [nKey, text] of this.db.iterator({ ...prefixRange(nPrefix), snapshot })) {
      const seq = parseInt(nKey.slice(nPrefix.length), 36)
      const key = (JSON.parse(text) as [string, number | null])[0]
      const rec = this.db.getSync(kPrefix + key, { snapshot })
      if (rec === undefined) continue
      const [s, payload] = JSON.parse(rec) as [number, unknown]
      if (s !== seq) continue
      if (t instanceof LevelDbMapTable) {
        const entries = (payload as string[]).map((uk): [string, unknown] => {
          const v = this.db.getSync(`${ePrefix}${key}\x00${uk}`, { snapshot })
          if (v === undefined) throw new Error(`LevelDB state of ${tableId(t.meta)} is inconsistent: map entry ${key}/${uk} is missing`)
          return [uk, JSON.parse(v) as unknown]
        })
        yield [key, entries]
      } else {
        yield [key, payload]
      }
    }
  }

  async restore(dumps: TableDump[]): Promise<void> {
    await this.restoreStream(dumps)
  }

  /**
   * restore() from streamed tables (e.g. openSavepoint(dir).tables()), flushing as it goes so a
   * savepoint larger than memory loads in bounded memory. Keys keep the order of the stream.
   */
  async restoreStream(tables: Iterable<TableStreamSource> | AsyncIterable<TableStreamSource>): Promise<void> {
    this.checkOpen()
    await this.store.flush()
    await this.store.reset()
    // Only the tables' records: timer queues (B, T, Q) are restored separately by the runtime.
    for (const [gte, lt] of [['c', 'd'], ['e', 'f'], ['k', 'l']]) await this.db.clear({ gte, lt })
    for (const t of this.ordered) t.chain.reset()
    for await (const d of tables) {
      const t = this.table(d.meta)
      for await (const [key, value] of d.entries) {
        if (t instanceof LevelDbMapTable) {
          for (const [uk, v] of value as Array<[string, unknown]>) t.put(key, uk, deepCopy(v))
        } else {
          t.put(key, deepCopy(value))
        }
        if (this.store.needsFlush()) await this.store.flush()
      }
    }
    await this.store.flush()
  }

  /**
   * Time travel: a checkpoint of the database now in `dest` (history/checkpoint-files.ts), after writing
   * every dirty record to LevelDB (the writes since its last memtable flush are in its log, which the
   * checkpoint links with its length), with the time index of every timer queue ordered in memory.
   * Called between steps.
   */
  async checkpoint(dest: string, maxLogBytes: number): Promise<{ files: CheckpointFile[]; timers: Array<[number, IndexEntry[]]> }> {
    this.checkOpen()
    const t0 = performance.now()
    await this.store.flush()
    // A restore replays the checkpoint's log: past maxLogBytes, write the memtable out to a table first
    // (compactRange does that whatever the range; this one holds no key, all are below U+FFFF).
    if (logBytes(this.dir) > maxLogBytes) await this.db.compactRange('\uffff', '\uffff\uffff')
    const t1 = performance.now()
    const files = takeCheckpoint(this.dir, dest)
    const t2 = performance.now()
    const timers = this.runtimeStores.memoryIndexes()
    if (process.env.RIFFLE_DEBUG_HISTORY) {
      process.stderr.write(`checkpoint: flush ${(t1 - t0).toFixed(1)} ms, ${files.length} files ${(t2 - t1).toFixed(1)} ms, timers ${(performance.now() - t2).toFixed(1)} ms\n`)
    }
    return { files, timers }
  }

  /**
   * Time travel: puts the database back to a checkpoint taken by checkpoint() (its folder, the files it
   * returned and the time indexes taken with it): closes the database, installs the checkpoint's files,
   * opens it again, and reloads what is kept in memory (the cache starts empty; tables, key registries and
   * timer queues read their rows again). Called between steps; the run is then exactly where it was at the
   * checkpoint.
   */
  async reopenFrom(src: string, files: readonly CheckpointFile[], timers: Array<[number, IndexEntry[]]>): Promise<void> {
    this.checkOpen()
    const t0 = performance.now()
    // The dirty records are dropped, not written: the checkpoint replaces the state they belong to.
    await this.store.reset()
    const t1 = performance.now()
    await this.db.close()
    const t2 = performance.now()
    installCheckpoint(src, this.dir, files)
    const t3 = performance.now()
    try {
      await this.db.open()
    } catch (err) {
      this.closed = true
      throw new RiffleError('STATE_WRITE_FAILED', `cannot open the time-travel checkpoint ${src} in ${this.dir}: ${(err as Error).message}`, { cause: err })
    }
    for (const t of this.ordered) {
      const text = this.db.getSync(registryKey(t.chain.index))
      t.chain.reload(text === undefined ? undefined : JSON.parse(text) as RegistryRow)
    }
    const t4 = performance.now()
    await this.runtimeStores.reloadAll(this.db, new Map(timers))
    if (process.env.RIFFLE_DEBUG_HISTORY) {
      process.stderr.write(`reopen: flush ${(t1 - t0).toFixed(1)} ms, close ${(t2 - t1).toFixed(1)} ms, install ${(t3 - t2).toFixed(1)} ms, open ${(t4 - t3).toFixed(1)} ms, reload ${(performance.now() - t4).toFixed(1)} ms\n`)
    }
  }

  /** Scans up to opts.maxEntries records of TTL tables from where the last call stopped and deletes expired ones (CL4). */
  sweepOnce(isExpired: TtlPredicate, opts?: SweepOptions): Promise<SweepResult> {
    this.checkOpen()
    return this.sweeper.sweepOnce(isExpired, opts)
  }

  /** Counts stored entries of TTL tables that are expired now (full scan, nothing removed). */
  async countExpired(isExpired: TtlPredicate): Promise<number> {
    this.checkOpen()
    await this.store.flush()
    return this.sweeper.countExpired(isExpired)
  }

  /** Entries found expired but not yet removed, as of the last countExpired() or counting sweep pass. */
  expiredNotRemoved(): number { return this.sweeper.expiredNotRemoved }

  stats(): StoreStats & { sweptRemoved: number } {
    return { ...this.store.getStats(), sweptRemoved: this.sweeper.removedTotal }
  }

  async close(): Promise<void> {
    if (this.closed) return
    try {
      await this.store.flush()
      if (process.env.RIFFLE_DEBUG_STORE_STATS) process.stderr.write(`store stats: ${JSON.stringify(this.stats())}\n`)
    } finally {
      this.closed = true
      await this.db.close()
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new RiffleError('STATE_CLOSED', `the LevelDB state in ${this.dir} is closed`)
  }
}
