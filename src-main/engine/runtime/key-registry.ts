// Every key a keyed operator has seen, with what the inspector sorts and filters by (key group,
// first and last step touched, record count).
//
// For time travel (engine/history/registry-history.ts) each key has an ordinal, its first-seen position:
// the registry only grows along a run and a replay is deterministic, so the key at an ordinal is the same
// on every re-execution. The registry is the first `size` entries of a catalogue of every key seen; a
// seek back only lowers `size` (the newer keys stay catalogued, hidden, for a later seek forward). The
// counts that change (last step touched, records) live in one typed array by ordinal, side by side
// (slot 2·ord: last step touched, 2·ord + 1: records), so a record's touch writes one cache line rather
// than one in each of two arrays, and a snapshot copies them in one go; a watcher is told of each touched
// ordinal, so a snapshot between two frames copies only those.
import { keyGroupOf } from './key-group'
import type { Timer, TimerHolder } from '../time/timer-queue'
import type { KeyCells } from '../state/state-context'

export interface KeyInfo extends KeyCells {
  key: unknown
  keyGroup: number
  firstStep: number
  lastTouchedStep: number
  records: number
  /** The key's timer holders, cached here so a record costs no extra lookup (not part of dumps). */
  et?: TimerHolder
  pt?: TimerHolder
}

/**
 * A catalogued key: its counts are read from and written to the registry's columns. It is also the key's
 * event-time timer holder (an in-memory queue takes it, TimerQueue.holderFor): the operator reaches the key's
 * timer through the entry it looked up for the record, not through one more object per key (a cache miss
 * per timer call on a run with many keys). Its `ord` is the ordinal time travel caches on a holder.
 */
export class RegistryEntry implements KeyInfo, TimerHolder {
  et?: TimerHolder
  pt?: TimerHolder
  // TimerHolder (timer-queue.ts), while this entry is its key's event-time holder.
  slot: Timer | Map<number, Timer> | undefined = undefined
  spare?: Timer = undefined
  // The key's values in the heap tables, cached (state-context.ts KeyCells; not part of dumps).
  c0: unknown = undefined
  v0 = 0
  cells?: unknown[]
  constructor(private readonly reg: KeyRegistry, readonly ord: number, readonly keyStr: string, readonly key: unknown, readonly keyGroup: number, public firstStep: number) {}
  get lastTouchedStep(): number { return this.reg.counts[2 * this.ord] }
  set lastTouchedStep(v: number) { this.reg.counts[2 * this.ord] = v }
  get records(): number { return this.reg.counts[2 * this.ord + 1] }
  set records(v: number) { this.reg.counts[2 * this.ord + 1] = v }
}

export class KeyRegistry {
  /**
   * Last step touched (slot 2·ord) and records (2·ord + 1), by ordinal (read through the entries; time
   * travel copies them whole). Doubles both: a record count stays exact far beyond any recording's length.
   */
  counts = new Float64Array(2048)
  /** Every key seen along the run, by key string and by ordinal; only ordinals below size are registered. */
  private readonly all = new Map<string, RegistryEntry>()
  /**
   * The string keys' entries again, by the key itself: a short string from JSON.parse is internalized, so
   * the lookup compares one pointer instead of hashing and comparing the key's freshly made canonical string.
   */
  private readonly byString = new Map<string, RegistryEntry>()
  private readonly entries: RegistryEntry[] = []
  private size_ = 0
  /** Time travel's journal, told of every touched ordinal (not of restores), when it watches this registry. */
  watcher: { touched(ord: number): void } | null = null

  touch(key: unknown, keyStr: string, step: number, isRecord: boolean): KeyInfo {
    let e = typeof key === 'string' ? this.byString.get(key) : this.all.get(keyStr)
    if (e === undefined || e.ord >= this.size_) e = this.add(e, key, keyStr, step)
    const ord = e.ord
    const c = this.counts
    c[2 * ord] = step
    if (isRecord) c[2 * ord + 1]++
    if (this.watcher !== null) this.watcher.touched(ord)
    return e
  }

  get(keyStr: string): KeyInfo | undefined {
    const e = this.all.get(keyStr)
    return e !== undefined && e.ord < this.size_ ? e : undefined
  }

  get size(): number { return this.size_ }

  /** Every registered key in first-seen order (the catalogue's prefix), iterable like a Map. */
  get byKeyStr(): RegisteredKeys {
    return new RegisteredKeys(this.entries, this.size_)
  }

  dump(): Array<[string, KeyInfo]> {
    const out: Array<[string, KeyInfo]> = new Array(this.size_)
    for (let i = 0; i < this.size_; i++) {
      const e = this.entries[i]
      out[i] = [e.keyStr, { key: e.key, keyGroup: e.keyGroup, firstStep: e.firstStep, lastTouchedStep: this.counts[2 * i], records: this.counts[2 * i + 1] }]
    }
    return out
  }

  dumpStream(): Iterable<[string, KeyInfo]> { return this.dump() }

  async restoreStream(entries: AsyncIterable<[string, KeyInfo]>): Promise<void> {
    const all: Array<[string, KeyInfo]> = []
    for await (const e of entries) all.push(e)
    this.restore(all)
  }

  restore(entries: Iterable<[string, KeyInfo]>): void {
    this.truncate(0)
    for (const [k, v] of entries) {
      const e = this.append(k, v.key, v.firstStep)
      this.counts[2 * e.ord] = v.lastTouchedStep
      this.counts[2 * e.ord + 1] = v.records
    }
  }

  // ---- time travel (engine/history/registry-history.ts) ----

  /** The catalogued key at an ordinal (registered or not). */
  entryAt(ord: number): RegistryEntry {
    const e = this.entries[ord]
    if (e === undefined) throw new Error(`internal: the key registry knows ${this.entries.length} keys, not one at position ${ord} (the run is not deterministic?)`)
    return e
  }

  /** A catalogued key's ordinal, or -1. */
  ordinalOf(keyStr: string): number {
    return this.all.get(keyStr)?.ord ?? -1
  }

  /** Registers exactly the first n catalogued keys; the caller then sets their counts. */
  setSize(n: number): void {
    if (n > this.entries.length) throw new Error(`internal: the key registry knows ${this.entries.length} keys, a snapshot needs ${n} (the run is not deterministic?)`)
    this.size_ = n
  }

  /** A key seen now for the first time at this point of the run (`known`: catalogued, not registered). */
  private add(known: RegistryEntry | undefined, key: unknown, keyStr: string, step: number): RegistryEntry {
    const ord = this.size_
    let e: RegistryEntry
    if (known !== undefined && known.ord === ord) {
      // The same key at the same position again, after a seek back (its timer-holder caches stay valid).
      e = known
      e.firstStep = step
      this.size_++
    } else {
      // A new key; a catalogue past this point belonged to another run and is dropped.
      this.truncate(ord)
      e = this.append(keyStr, key, step)
    }
    this.counts[2 * ord + 1] = 0
    return e
  }

  private append(keyStr: string, key: unknown, firstStep: number): RegistryEntry {
    const ord = this.entries.length
    if (2 * ord >= this.counts.length) this.grow(ord * 4)
    const e = new RegistryEntry(this, ord, keyStr, key, keyGroupOf(key), firstStep)
    this.entries.push(e)
    this.all.set(keyStr, e)
    if (typeof key === 'string') this.byString.set(key, e)
    this.size_ = ord + 1
    this.counts[2 * ord] = firstStep
    this.counts[2 * ord + 1] = 0
    return e
  }

  /** Forgets catalogued keys from ordinal n on. */
  private truncate(n: number): void {
    for (let i = this.entries.length - 1; i >= n; i--) {
      const e = this.entries[i]
      this.all.delete(e.keyStr)
      if (typeof e.key === 'string') this.byString.delete(e.key)
    }
    this.entries.length = n
    this.size_ = Math.min(this.size_, n)
  }

  /** Room for n / 2 keys' counts. */
  private grow(n: number): void {
    const c = new Float64Array(n)
    c.set(this.counts)
    this.counts = c
  }
}

/** The registered keys as a read-only, Map-like view (entries, keys, values, size) in first-seen order. */
export class RegisteredKeys implements Iterable<[string, KeyInfo]> {
  constructor(private readonly list: ReadonlyArray<RegistryEntry>, readonly size: number) {}
  *entries(): IterableIterator<[string, KeyInfo]> { for (let i = 0; i < this.size; i++) yield [this.list[i].keyStr, this.list[i]] }
  *keys(): IterableIterator<string> { for (let i = 0; i < this.size; i++) yield this.list[i].keyStr }
  *values(): IterableIterator<KeyInfo> { for (let i = 0; i < this.size; i++) yield this.list[i] }
  [Symbol.iterator](): IterableIterator<[string, KeyInfo]> { return this.entries() }
}
