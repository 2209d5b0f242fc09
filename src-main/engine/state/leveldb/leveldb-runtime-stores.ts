// The runtime's own keyed data kept in the state database next to the tables: timer queues
// (timers/leveldb-timer-queue.ts) and key registries (leveldb-key-registry.ts, whose records also carry each
// key's timers). Found again on reopen, flushed in the same batches as the state, and left alone by a
// restore of the state tables (Q, B and K records are outside the c/e/k ranges that restore clears).
import type { ClassicLevel } from 'classic-level'
import type { KeyRecord, RegistryRow } from './key-chain'
import { KeyChain } from './key-chain'
import { keyRecordPrefix, prefixRange, registryKey } from './key-layout'
import { KEY_INFO_CODEC, LevelDbKeyRegistry, type StoredKeyInfo } from './leveldb-key-registry'
import { BucketTimeIndex } from './timers/bucket-time-index'
import { LevelDbTimerQueue, type TimerQueueOptions, type TimerQueueRow } from './timers/leveldb-timer-queue'
import { MemoryTimeIndex } from './timers/memory-time-index'
import type { IndexEntry, TimeIndex } from './timers/time-index'
import type { WriteBackStore } from './write-back-store'

interface StoredQueue {
  index: number
  row: TimerQueueRow
  /** [start ts, start seq, entries] of each bucket record. */
  buckets: Array<[number, number, number]>
  /** For a queue whose time index was in memory: its timers, read back from the key records. */
  entries: IndexEntry[]
}

/** Where a stored queue's time index is (rows written before the index could be in memory had buckets). */
function indexKindOf(q: StoredQueue): 'memory' | 'buckets' {
  return q.row.index ?? (q.buckets.length > 0 ? 'buckets' : 'memory')
}

/** What reload() needs of a queue: its index in the database, its registry's chain and its list field. */
interface QueuePlace { queue: LevelDbTimerQueue; index: number; chain: KeyChain<StoredKeyInfo>; field: 'te' | 'tp'; maxBucket?: number }

export class RuntimeStores {
  private readonly queues = new Map<string, LevelDbTimerQueue>()
  private readonly registries = new Map<string, LevelDbKeyRegistry>()
  private readonly places: QueuePlace[] = []
  private readonly chains = new Map<string, KeyChain<StoredKeyInfo>>()
  private nextQueue = 0
  private nextRegistry = 0

  private constructor(
    private readonly store: WriteBackStore,
    /** Pending timers a queue orders in memory before its index moves to LevelDB (the cache size). */
    private readonly memoryLimit: number,
    private readonly storedQueues: Map<string, StoredQueue>,
    private readonly storedRegistries: Map<string, { index: number; row: RegistryRow }>,
  ) {
    for (const q of storedQueues.values()) this.nextQueue = Math.max(this.nextQueue, q.index + 1)
    for (const r of storedRegistries.values()) this.nextRegistry = Math.max(this.nextRegistry, r.index + 1)
  }

  /** Reads the queue rows (Q<q>), every bucket's start and size (B<q>\x00<start>) and the registry rows (Kr<i>). */
  static async load(db: ClassicLevel<string, string>, store: WriteBackStore): Promise<RuntimeStores> {
    const memoryLimit = store.cacheEntries
    const byIndex = new Map<number, StoredQueue>()
    const queues = new Map<string, StoredQueue>()
    for await (const [key, text] of db.iterator({ gte: 'Q', lt: 'R' })) {
      const q: StoredQueue = { index: Number(key.slice(1)), row: JSON.parse(text) as TimerQueueRow, buckets: [], entries: [] }
      byIndex.set(q.index, q)
      queues.set(q.row.name, q)
    }
    for await (const [key, text] of db.iterator({ gte: 'B', lt: 'C' })) {
      // B<q>\x00<ts>, or B<q>\x00<ts>\x00<seq> for a bucket that starts among timers of one timestamp.
      const [q, ts, seq] = key.slice(1).split('\x00')
      byIndex.get(Number(q))?.buckets.push([Number(ts), seq === undefined ? -Infinity : Number(seq), (JSON.parse(text) as unknown[]).length])
    }
    const registries = new Map<string, { index: number; row: RegistryRow }>()
    for await (const [key, text] of db.iterator({ gte: 'Kr', lt: 'Ks' })) {
      const row = JSON.parse(text) as RegistryRow
      registries.set(row.meta.operatorId, { index: Number(key.slice(2)), row })
    }
    // Queues ordered in memory: read their timers back from the operator's key records (one range scan).
    for (const [operatorId, reg] of registries) {
      const event = queues.get(`${operatorId}/event`)
      const processing = queues.get(`${operatorId}/processing`)
      const wanted = [event, processing].map((q) => (q !== undefined && q.row.size > 0 && indexKindOf(q) === 'memory' ? q : undefined))
      if (wanted[0] === undefined && wanted[1] === undefined) continue
      const prefix = `K${keyRecordPrefix(reg.index)}`
      for await (const [key, text] of db.iterator(prefixRange(prefix))) {
        const { v } = KEY_INFO_CODEC.decode(text) as KeyRecord<StoredKeyInfo>
        const keyStr = key.slice(prefix.length)
        for (const [q, list] of [[wanted[0], v.te], [wanted[1], v.tp]] as const) {
          if (q === undefined || list === undefined) continue
          for (let i = 0; i < list.length; i += 2) q.entries.push([list[i], list[i + 1], keyStr])
        }
      }
      for (const q of wanted) {
        if (q !== undefined && q.entries.length !== q.row.size) {
          throw new Error(`LevelDB timers of ${q.row.name} are inconsistent: the queue counts ${q.row.size} timers, its keys hold ${q.entries.length}`)
        }
      }
    }
    return new RuntimeStores(store, memoryLimit, queues, registries)
  }

  /**
   * The timer queue `<operator id>/<domain>`. Its timers sit on the records of the operator's key
   * registry (one list per domain), so both come from here.
   */
  timerQueue(name: string, opts: TimerQueueOptions = {}): LevelDbTimerQueue {
    let q = this.queues.get(name)
    if (q === undefined) {
      const stored = this.storedQueues.get(name)
      const cut = name.lastIndexOf('/')
      const domain = name.slice(cut + 1)
      if (cut < 0 || (domain !== 'event' && domain !== 'processing')) {
        throw new Error(`internal: a timer queue is named <operator id>/event or <operator id>/processing, got "${name}"`)
      }
      const registry = this.keyRegistry(name.slice(0, cut))
      const field = domain === 'event' ? 'te' : 'tp'
      const row = stored?.row ?? { name, seq: 0, size: 0, index: 'memory' }
      const queueIndex = stored?.index ?? this.nextQueue++
      let timeIndex
      if (stored !== undefined && indexKindOf(stored) === 'buckets') {
        const buckets = stored.buckets.sort((a, b) => (a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1]))
        timeIndex = new BucketTimeIndex(this.store, queueIndex, { starts: buckets.map((b) => b[0]), startSeqs: buckets.map((b) => b[1]), counts: buckets.map((b) => b[2]) }, opts.maxBucket)
      } else {
        timeIndex = new MemoryTimeIndex(stored?.entries ?? [])
      }
      q = new LevelDbTimerQueue(this.store, queueIndex, row, timeIndex, registry, field, { memoryLimit: this.memoryLimit, ...opts })
      this.queues.set(name, q)
      this.places.push({ queue: q, index: queueIndex, chain: this.chains.get(name.slice(0, cut))!, field, maxBucket: opts.maxBucket })
    }
    return q
  }

  keyRegistry(name: string): LevelDbKeyRegistry {
    let r = this.registries.get(name)
    if (r === undefined) {
      const stored = this.storedRegistries.get(name) ?? {
        index: this.nextRegistry++,
        row: { meta: { operatorId: name, stateName: '(keys)', kind: 'value', ttl: false }, head: null, tail: null, next: 0, count: 0, ghosts: 0 },
      }
      const chain = new KeyChain<StoredKeyInfo>(this.store, stored.index, stored.row, KEY_INFO_CODEC, 'K')
      chain.saveRow()
      this.chains.set(name, chain)
      r = new LevelDbKeyRegistry(chain)
      this.registries.set(name, r)
    }
    return r
  }

  /**
   * Time travel: the time index of every queue ordered in memory, as [queue index, its timers], to
   * keep beside a checkpoint of the database (rebuilding one from the key records would read every key);
   * in no particular order.
   */
  memoryIndexes(): Array<[number, IndexEntry[]]> {
    const out: Array<[number, IndexEntry[]]> = []
    for (const p of this.places) {
      const index = p.queue.currentIndex
      if (index instanceof MemoryTimeIndex) out.push([p.index, index.liveEntries()])
    }
    return out
  }

  /**
   * Time travel replaced the whole database by a checkpoint: reads the registries' and queues' rows again
   * and gives each queue the time index stored with the checkpoint (`saved`, by queue index: the in-memory
   * ones) or read from its buckets. The cache was reset before.
   */
  async reloadAll(db: ClassicLevel<string, string>, saved: Map<number, IndexEntry[]>): Promise<void> {
    const row = <T>(key: string): T | undefined => { const t = db.getSync(key); return t === undefined ? undefined : JSON.parse(t) as T }
    for (const chain of this.chains.values()) chain.reload(row<RegistryRow>(`K${registryKey(chain.index)}`))
    for (const p of this.places) {
      const stored = row<TimerQueueRow>(`Q${p.index}`)
      const kind = stored === undefined ? 'memory' : (stored.index ?? 'memory')
      let index: TimeIndex
      if (kind === 'buckets') {
        const buckets: Array<[number, number, number]> = []
        for await (const [key, text] of db.iterator(prefixRange(`B${p.index}\x00`))) {
          const [, ts, seq] = key.slice(1).split('\x00')
          buckets.push([Number(ts), seq === undefined ? -Infinity : Number(seq), (JSON.parse(text) as unknown[]).length])
        }
        buckets.sort((a, b) => (a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1]))
        index = new BucketTimeIndex(this.store, p.index, { starts: buckets.map((b) => b[0]), startSeqs: buckets.map((b) => b[1]), counts: buckets.map((b) => b[2]) }, p.maxBucket)
      } else {
        const entries = saved.get(p.index) ?? []
        if (entries.length !== (stored?.size ?? 0)) {
          throw new Error(`internal: the checkpoint's time index of queue ${stored?.name ?? p.index} holds ${entries.length} timers, its queue counts ${stored?.size ?? 0}`)
        }
        index = new MemoryTimeIndex(entries)
      }
      p.queue.reload(stored, index)
    }
  }
}
