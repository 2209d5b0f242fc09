// The synchronous face of LevelDB: a bounded write-back cache over getSync reads and batched writes.
//
// Reads hit the cache or fall through to db.getSync (one native call, no await). Writes only
// touch the cache and mark the slot dirty; dirty slots are written with one batch when the owner cuts
// one between operations (cutIfDue, once batchSize are dirty), on flush() and on close(). While a batch is in flight its slots stay in
// the cache (pinned) so readers never see the older value still on disk; a slot written again
// during the flight simply becomes dirty again and goes out with the next batch. Only clean,
// unpinned slots are evicted, in the order they became clean, when a part of the cache holds more than
// cacheEntries slots.
//
// The cache has two parts of cacheEntries slots each: state records, and the runtime's own per-key
// records (key registry entries with their timers, timer buckets; codec.runtime). Why: a key being
// processed needs one record of each, and sharing one budget would let a hot key's runtime record push
// its state out (and the other way round), so every key would cost two disk reads per batch of events.
//
// Slots are handles: an owner that keeps one (KeyChain keeps it on the record) marks it dirty again
// with storeIn() without looking its key up; the dirty list and the eviction queues hold slots, not
// keys. Records are looked up per key space (a prefix such as one table's key records) by the rest of
// their key: that rest is the runtime's canonical key string, whose hash V8 keeps, so a lookup neither
// builds nor hashes a new string (the full key is built only to read a miss or write a batch).
import type { ClassicLevel } from 'classic-level'
import { EngineAbort } from '../../../sandbox/gate'

/** How a slot's value is encoded: chosen by the table that owns the record. */
export interface SlotCodec {
  encode(value: unknown): string
  decode(text: string): unknown
  /** Cached in the runtime part of the cache (key registry, timers) rather than the state part. */
  readonly runtime?: boolean
}

export const JSON_CODEC: SlotCodec = { encode: (v) => JSON.stringify(v), decode: (t) => JSON.parse(t) as unknown }

/** The records whose keys start with one prefix, cached by the rest of their key. */
export interface KeySpace {
  readonly prefix: string
  readonly map: Map<string, Slot>
}

/** One cached record. */
export interface Slot {
  readonly space: KeySpace
  /** The key without the space's prefix. */
  readonly sub: string
  /** The decoded value; undefined means "no record" (a tombstone when dirty). */
  value: unknown
  codec: SlotCodec
  dirty: boolean
  /** Number of in-flight batches carrying this slot. */
  flushing: number
  /** Dropped from the cache as soon as it is written (records rarely read back, e.g. chain nodes). */
  transient: boolean
  /** The cache part that counts it: 0 state, 1 runtime. */
  readonly part: 0 | 1
  /** False once evicted (or the cache was reset): a holder must look the key up again. */
  live: boolean
  /** In its part's eviction queue. */
  queued: boolean
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

/** A part's eviction queue: slots in the order they became clean, consumed from `head`. */
interface EvictionQueue { slots: Slot[]; head: number }

/** The full database key of a slot. */
function keyOf(slot: Slot): string {
  return slot.space.prefix + slot.sub
}

export class WriteBackStore {
  private readonly spaces = new Map<string, KeySpace>()
  /** Records addressed by their whole key. */
  private readonly root: KeySpace = this.space('')
  private dirty: Slot[] = []
  private inFlight: Promise<void> | null = null
  private failure: EngineAbort | null = null
  /** Per cache part, the slots that became clean (some dirty or gone again since: skipped). */
  private readonly queues: [EvictionQueue, EvictionQueue] = [{ slots: [], head: 0 }, { slots: [], head: 0 }]
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
  private readonly stats = { reads: 0, misses: 0, batches: 0, written: 0, maxCached: 0, maxDirty: 0 }

  constructor(
    private readonly db: ClassicLevel<string, string>,
    readonly cacheEntries: number,
    readonly batchSize: number,
  ) {}

  /** The key space of every record whose key starts with `prefix` (always looked up through it). */
  space(prefix: string): KeySpace {
    let sp = this.spaces.get(prefix)
    if (sp === undefined) { sp = { prefix, map: new Map() }; this.spaces.set(prefix, sp) }
    return sp
  }

  /** The record's value, or undefined when there is none. Synchronous: getSync on a miss. */
  load(dbKey: string, codec: SlotCodec): unknown {
    return this.loadSlotIn(this.root, dbKey, codec).value
  }

  /** The cached slot of record prefix+sub (read with getSync on a miss; absence is cached too). */
  loadSlotIn(space: KeySpace, sub: string, codec: SlotCodec): Slot {
    this.stats.reads++
    const hit = space.map.get(sub)
    if (hit !== undefined) return hit
    this.stats.misses++
    const text = this.read(space.prefix + sub)
    // Absence is cached too: the first event of a new key would otherwise read the disk twice.
    const part = codec.runtime === true ? 1 : 0
    const slot: Slot = { space, sub, value: text === undefined ? undefined : codec.decode(text), codec, dirty: false, flushing: 0, transient: false, part, live: true, queued: true }
    space.map.set(sub, slot)
    this.queues[part].slots.push(slot)
    if (++this.sizes[part] > this.cacheEntries) this.evict(part)
    return slot
  }

  private read(key: string): string | undefined {
    try {
      return this.db.getSync(key)
    } catch (err) {
      // A read that fails (a damaged database, an I/O error) is not the job's fault either.
      throw new EngineAbort('INTERNAL', `reading state from LevelDB in ${this.db.location} failed: ${(err as Error).message}`, err)
    }
  }

  /** Registers a hook run before each batch is cut (to store records kept up to date lazily). */
  onBeforeBatch(hook: () => void): void {
    this.beforeBatch.push(hook)
  }

  /** True when the record is in the cache (so load() will not touch the disk). */
  isCached(dbKey: string): boolean {
    return this.root.map.has(dbKey)
  }

  isCachedIn(space: KeySpace, sub: string): boolean {
    return space.map.has(sub)
  }

  /**
   * Sets (value !== undefined) or deletes (undefined) the record. The value is kept by reference.
   * transient: leave the cache once written, so rarely re-read records do not crowd out hot ones.
   * Returns the record's slot.
   */
  store(dbKey: string, value: unknown, codec: SlotCodec, transient = false): Slot {
    return this.storeAt(this.root, dbKey, value, codec, transient)
  }

  /** store() of record prefix+sub. */
  storeAt(space: KeySpace, sub: string, value: unknown, codec: SlotCodec, transient = false): Slot {
    let slot = space.map.get(sub)
    if (slot === undefined) {
      const part = codec.runtime === true ? 1 : 0
      slot = { space, sub, value, codec, dirty: false, flushing: 0, transient, part, live: true, queued: false }
      space.map.set(sub, slot)
      if (++this.sizes[part] > this.cacheEntries) this.evict(part)
    } else {
      slot.value = value
      slot.codec = codec
      slot.transient = transient
    }
    this.markDirty(slot)
    return slot
  }

  /** store() through a slot kept from loadSlot()/store(): no key lookup while it is still cached. */
  storeIn(slot: Slot, value: unknown): Slot {
    if (!slot.live) return this.storeAt(slot.space, slot.sub, value, slot.codec, slot.transient)
    slot.value = value
    this.markDirty(slot)
    return slot
  }

  private markDirty(slot: Slot): void {
    if (this.failure !== null) throw this.failure
    if (!slot.dirty) {
      slot.dirty = true
      this.dirty.push(slot)
      if (this.dirty.length > this.stats.maxDirty) this.stats.maxDirty = this.dirty.length
      // No batch is cut here: this store may be one of several an operation makes (a key record, then
      // its chain node, then the table's count), and a batch cut between them would put half an
      // operation on disk, which a crash before the next batch would leave inconsistent. The owner cuts
      // between operations (cutIfDue, flush).
    }
  }

  /**
   * Starts writing a batch when one is due and none is in flight, without waiting for it: called
   * between operations (LevelDbStateBackend.needsFlush, between steps), so the write overlaps the run.
   */
  cutIfDue(): void {
    if (this.dirty.length >= this.batchSize && this.inFlight === null && this.failure === null) void this.startBatch()
  }

  /** True when the caller should await flush() before going on (a batch is due or memory is over). */
  needsFlush(): boolean {
    return this.dirty.length >= this.batchSize || this.sizes[0] > this.cacheEntries * 2 || this.sizes[1] > this.cacheEntries * 2
  }

  /** Writes every dirty record; resolves when they are on disk (LevelDB's log). */
  async flush(): Promise<void> {
    while (this.inFlight !== null) await this.inFlight
    if (this.failure !== null) throw this.failure
    if (this.dirty.length > 0) await this.startBatch()
    if (this.failure !== null) throw this.failure
  }

  /** Forgets every cached and dirty record (after the database was cleared underneath). */
  async reset(): Promise<void> {
    while (this.inFlight !== null) await this.inFlight
    this.epoch++
    this.generation++
    for (const sp of this.spaces.values()) {
      for (const slot of sp.map.values()) slot.live = false
      sp.map.clear()
    }
    for (const q of this.queues) { q.slots = []; q.head = 0 }
    this.sizes[0] = 0
    this.sizes[1] = 0
    this.dirty = []
    this.failure = null
  }



  getStats(): StoreStats {
    const cached = this.sizes[0] + this.sizes[1]
    if (cached > this.stats.maxCached) this.stats.maxCached = cached
    return { cached, dirty: this.dirty.length, ...this.stats }
  }

  private startBatch(): Promise<void> {
    for (const hook of this.beforeBatch) hook()
    const batch = this.dirty
    this.dirty = []
    this.epoch++
    if (this.sizes[0] + this.sizes[1] > this.stats.maxCached) this.stats.maxCached = this.sizes[0] + this.sizes[1]
    // A chained batch: each record goes to the native write batch at once, so no array of operations
    // (and of encoded strings) outlives the cut; about twice as fast as db.batch(array) here.
    const ops = this.db.batch()
    for (const slot of batch) {
      slot.dirty = false
      slot.flushing++
      // Encoded now, synchronously: later in-place changes belong to the next batch.
      const key = keyOf(slot)
      if (slot.value === undefined) {
        ops.del(key)
      } else {
        ops.put(key, slot.codec.encode(slot.value))
      }
    }
    const done = ops.write().then(
      () => {
        for (const slot of batch) {
          slot.flushing--
          if (slot.dirty || slot.flushing > 0 || !slot.live) continue
          // Clean again: transient records leave at once, the others join the eviction queue.
          if (slot.transient) this.drop(slot)
          else if (!slot.queued) { slot.queued = true; this.queues[slot.part].slots.push(slot) }
        }
        this.stats.batches++
        this.stats.written += batch.length
        // Records pinned while dirty can leave now: without this a part stays over its cap (and
        // needsFlush() true) until the next insert happens to evict.
        if (this.sizes[0] > this.cacheEntries) this.evict(0)
        if (this.sizes[1] > this.cacheEntries) this.evict(1)
      },
      (err: unknown) => {
        // Keep the data: every slot of the failed batch is dirty again, and the error is reported
        // by the next store() or flush().
        for (const slot of batch) {
          slot.flushing--
          if (!slot.dirty && slot.live) { slot.dirty = true; this.dirty.push(slot) }
        }
        // An EngineAbort: also when the next store() inside the job's code throws it, it is not the job's fault.
        const message = err instanceof Error ? err.message : String(err)
        const full = /no space left|ENOSPC|quota/i.test(message)
        this.failure = new EngineAbort('STATE_WRITE_FAILED', `writing state to LevelDB in ${this.db.location} failed: ${message}; ` +
          (full ? 'free space on that disk, or choose a --state-dir on another disk, then run again' : 'check that disk, or choose another --state-dir, then run again'), err)
      },
    ).finally(() => {
      this.inFlight = null
    })
    this.inFlight = done
    return done
  }

  private drop(slot: Slot): void {
    slot.space.map.delete(slot.sub)
    slot.live = false
    this.sizes[slot.part]--
  }

  private evict(part: 0 | 1): void {
    // Evict down to 90 % so this runs once per many inserts, not on every one.
    const target = Math.floor(this.cacheEntries * 0.9)
    const q = this.queues[part]
    const slots = q.slots
    let i = q.head
    while (this.sizes[part] > target && i < slots.length) {
      const slot = slots[i++]
      slot.queued = false
      // Dirty or in flight again since it was queued: it is queued anew when it is clean again.
      if (!slot.live || slot.dirty || slot.flushing > 0) continue
      this.drop(slot)
    }
    q.head = i
    if (i > 1024 && i * 2 > slots.length) { q.slots = slots.slice(i); q.head = 0 }
  }
}
