// The synchronous face of LevelDB: a bounded write-back cache over getSync reads and batched writes.
//
// Reads hit the cache or fall through to db.getSync (one native call, no await). Writes only
// touch the cache and mark the slot dirty; dirty slots are written with one db.batch when there
// are batchSize of them, on flush() and on close(). While a batch is in flight its slots stay in
// the cache (pinned) so readers never see the older value still on disk; a slot written again
// during the flight simply becomes dirty again and goes out with the next batch. Only clean,
// unpinned slots are evicted, oldest first, when a part of the cache holds more than cacheEntries slots;
// they are kept in their own ordered map so eviction never scans past pinned ones.
//
// The cache has two parts of cacheEntries slots each: state records, and the runtime's own per-key
// records (key registry entries with their timers, timer buckets; codec.runtime). Why: a key being
// processed needs one record of each, and sharing one budget would let a hot key's runtime record push
// its state out (and the other way round), so every key would cost two disk reads per batch of events.
import type { ClassicLevel } from 'classic-level'

/** How a slot's value is encoded: chosen by the table that owns the record. */
export interface SlotCodec {
  encode(value: unknown): string
  decode(text: string): unknown
  /** Cached in the runtime part of the cache (key registry, timers) rather than the state part. */
  readonly runtime?: boolean
}

export const JSON_CODEC: SlotCodec = { encode: (v) => JSON.stringify(v), decode: (t) => JSON.parse(t) as unknown }

interface Slot {
  /** The decoded value; undefined means "no record" (a tombstone when dirty). */
  value: unknown
  codec: SlotCodec
  dirty: boolean
  /** Number of in-flight batches carrying this slot. */
  flushing: number
  /** Dropped from the cache as soon as it is written (records rarely read back, e.g. chain nodes). */
  transient: boolean
  /** The cache part that counts it: 0 state, 1 runtime. */
  part: 0 | 1
}

export interface StoreStats {
  cached: number
  dirty: number
  /** High-water marks: the most records cached, and dirty, at any time. */
  maxCached: number
  maxDirty: number
  reads: number
  misses: number
  batches: number
  written: number
}

export class WriteBackStore {
  private readonly cache = new Map<string, Slot>()
  private dirty = new Map<string, Slot>()
  private inFlight: Promise<void> | null = null
  private failure: Error | null = null
  /** Per cache part, the clean, unpinned slots in the order they became clean: the eviction queues. */
  private readonly clean = [new Map<string, Slot>(), new Map<string, Slot>()] as const
  /** Slots cached per part. */
  private readonly sizes = [0, 0]
  /** Called before each batch is cut, so owners of lazily saved records (queue heads) store them. */
  private readonly beforeBatch: Array<() => void> = []
  /**
   * Counts the batches cut (and resets): a record stored while this was n is still in the dirty set
   * while it is n, so an owner can skip storing it again (KeyChain.save).
   */
  epoch = 0
  /** Counts resets: objects read before one are not the cache's any more (KeyChain's memo). */
  generation = 0
  /** True while the before-batch hooks run (their stores must not start another batch). */
  private cutting = false
  private readonly stats = { reads: 0, misses: 0, batches: 0, written: 0, maxCached: 0, maxDirty: 0 }

  constructor(
    private readonly db: ClassicLevel<string, string>,
    readonly cacheEntries: number,
    readonly batchSize: number,
  ) {}

  /** The record's value, or undefined when there is none. Synchronous: getSync on a miss. */
  load(dbKey: string, codec: SlotCodec): unknown {
    this.stats.reads++
    const hit = this.cache.get(dbKey)
    if (hit !== undefined) return hit.value
    this.stats.misses++
    const text = this.db.getSync(dbKey)
    // Absence is cached too: the first event of a new key would otherwise read the disk twice.
    const part = codec.runtime === true ? 1 : 0
    const slot: Slot = { value: text === undefined ? undefined : codec.decode(text), codec, dirty: false, flushing: 0, transient: false, part }
    this.cache.set(dbKey, slot)
    this.clean[part].set(dbKey, slot)
    if (++this.sizes[part] > this.cacheEntries) this.evict(part)
    return slot.value
  }

  /** Registers a hook run before each batch is cut (to store records kept up to date lazily). */
  onBeforeBatch(hook: () => void): void {
    this.beforeBatch.push(hook)
  }

  /** True when the record is in the cache (so load() will not touch the disk). */
  isCached(dbKey: string): boolean {
    return this.cache.has(dbKey)
  }

  /**
   * Sets (value !== undefined) or deletes (undefined) the record. The value is kept by reference.
   * transient: leave the cache once written, so rarely re-read records do not crowd out hot ones.
   */
  store(dbKey: string, value: unknown, codec: SlotCodec, transient = false): void {
    if (this.failure !== null) throw this.failure
    let slot = this.cache.get(dbKey)
    if (slot === undefined) {
      const part = codec.runtime === true ? 1 : 0
      slot = { value, codec, dirty: true, flushing: 0, transient, part }
      this.cache.set(dbKey, slot)
      this.dirty.set(dbKey, slot)
      if (++this.sizes[part] > this.cacheEntries) this.evict(part)
    } else {
      slot.value = value
      slot.codec = codec
      slot.transient = transient
      if (!slot.dirty) {
        slot.dirty = true
        this.dirty.set(dbKey, slot)
        this.clean[slot.part].delete(dbKey)
      }
    }
    if (this.dirty.size >= this.batchSize && this.inFlight === null && !this.cutting) void this.startBatch()
    if (this.dirty.size > this.stats.maxDirty) this.stats.maxDirty = this.dirty.size
    if (this.cache.size > this.stats.maxCached) this.stats.maxCached = this.cache.size
  }

  /** True when the caller should await flush() before going on (a batch is due or memory is over). */
  needsFlush(): boolean {
    return this.dirty.size >= this.batchSize || this.sizes[0] > this.cacheEntries * 2 || this.sizes[1] > this.cacheEntries * 2
  }

  /** Writes every dirty record; resolves when they are on disk (LevelDB's log). */
  async flush(): Promise<void> {
    while (this.inFlight !== null) await this.inFlight
    if (this.failure !== null) throw this.failure
    if (this.dirty.size > 0) await this.startBatch()
    if (this.failure !== null) throw this.failure
  }

  /** Forgets every cached and dirty record (after the database was cleared underneath). */
  async reset(): Promise<void> {
    while (this.inFlight !== null) await this.inFlight
    this.epoch++
    this.generation++
    this.cache.clear()
    this.clean[0].clear()
    this.clean[1].clear()
    this.sizes[0] = 0
    this.sizes[1] = 0
    this.dirty.clear()
    this.failure = null
  }

  getStats(): StoreStats {
    return { cached: this.cache.size, dirty: this.dirty.size, ...this.stats }
  }

  private startBatch(): Promise<void> {
    this.cutting = true
    try {
      for (const hook of this.beforeBatch) hook()
    } finally {
      this.cutting = false
    }
    const batch = this.dirty
    this.dirty = new Map()
    this.epoch++
    // A chained batch: each record goes to the native write batch at once, so no array of operations
    // (and of encoded strings) outlives the cut; about twice as fast as db.batch(array) here.
    const ops = this.db.batch()
    for (const [key, slot] of batch) {
      slot.dirty = false
      slot.flushing++
      // Encoded now, synchronously: later in-place changes belong to the next batch.
      if (slot.value === undefined) ops.del(key)
      else ops.put(key, slot.codec.encode(slot.value))
    }
    const count = batch.size
    const done = ops.write().then(
      () => {
        for (const [key, slot] of batch) {
          slot.flushing--
          if (slot.dirty || slot.flushing > 0 || this.cache.get(key) !== slot) continue
          // Clean again: transient records leave at once, the others join the eviction queue.
          if (slot.transient) { this.cache.delete(key); this.sizes[slot.part]-- } else this.clean[slot.part].set(key, slot)
        }
        this.stats.batches++
        this.stats.written += count
      },
      (err: unknown) => {
        // Keep the data: every slot of the failed batch is dirty again, and the error is reported
        // by the next store() or flush().
        for (const [key, slot] of batch) {
          slot.flushing--
          if (!slot.dirty) { slot.dirty = true; this.dirty.set(key, slot) }
        }
        const message = err instanceof Error ? err.message : String(err)
        this.failure = Object.assign(new Error(`writing state to LevelDB failed: ${message}`), { code: 'STATE_WRITE_FAILED', cause: err })
      },
    ).finally(() => {
      this.inFlight = null
    })
    this.inFlight = done
    return done
  }

  private evict(part: 0 | 1): void {
    // Evict down to 90 % so this runs once per many inserts, not on every one.
    const target = Math.floor(this.cacheEntries * 0.9)
    const clean = this.clean[part]
    for (const key of clean.keys()) {
      if (this.sizes[part] <= target) return
      clean.delete(key)
      this.cache.delete(key)
      this.sizes[part]--
    }
  }

}
