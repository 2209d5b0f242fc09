// The runtime's key registry (runtime/key-registry.ts: every key an operator has seen, with key group,
// first/last step and record count) kept in LevelDB, so a run with millions of keys does not hold one
// object per key in memory. Same API and the same (insertion) order as KeyRegistry; `byKeyStr` is an
// iterable of [keyStr, info] walked from disk rather than a Map.
//
// A key's record also carries its pending timers (timers/leveldb-timer-queue.ts), one list per timer queue of
// the operator: the operator touches the record for every record and timer it processes anyway, so the
// timers cost no record of their own (no second read, no second write per event).
import type { KeyInfo } from '../../runtime/key-registry'
import type { MaybeFlush } from '../backend'
import { keyGroupOf } from '../../runtime/key-group'
import { type KeyChain, type KeyRecord, keyRecord } from './key-chain'
import type { SlotCodec } from './write-back-store'

/** A key's registry entry on LevelDB: its KeyInfo plus its pending timers, event-time (te) and
 * processing-time (tp), each a flat [timestamp, seq, timestamp, seq, …] list of pairs
 * (undefined when the key has none; in memory a removed timer's pair is NaN, NaN until reused).
 * Fixed fields, never deleted, so every entry has one shape. */
export interface StoredKeyInfo extends KeyInfo {
  te: number[] | undefined
  tp: number[] | undefined
  /** Not stored: the time index's handles of the te / tp timers (one per pair), while this entry is cached. */
  teh: unknown[] | undefined
  tph: unknown[] | undefined
  /** Not stored: the te / tp pairs by timestamp, built once a key holds more timers than are worth scanning. */
  tex: KeyTimerSlots | undefined
  tpx: KeyTimerSlots | undefined
  /** Not stored: the start of the encoded record, whose parts never change (seq, key, group, first step). */
  enc: string | undefined
}

/**
 * A key's many timers of one queue by timestamp: the pair each timestamp is in, the free pairs (NaN) to
 * reuse, and how many are live, so adding, finding and removing one costs O(1) whatever the key holds.
 */
export interface KeyTimerSlots { at: Map<number, number>; free: number[]; live: number }

/** The timer list fields of a StoredKeyInfo. */
export type TimerField = 'te' | 'tp'

/** Stored as [seq, [key, keyGroup, firstStep, lastTouchedStep, records], te?, tp?]; holder caches stay out. */
export const KEY_INFO_CODEC: SlotCodec = {
  runtime: true,
  // Written out by hand: one record per touched key per batch, and JSON.stringify of nested arrays
  // would first build them.
  encode: (r) => {
    const { s, v } = r as KeyRecord<StoredKeyInfo>
    const start = v.enc ?? (v.enc = `[${s},[${JSON.stringify(v.key)},${v.keyGroup},${v.firstStep},`)
    const head = `${start}${v.lastTouchedStep},${v.records}]`
    // Freed pairs (NaN) stay in memory for reuse; only live pairs are stored, and an empty list as none.
    const te = pairsText(v.te)
    const tp = pairsText(v.tp)
    if (te === null && tp === null) return `${head}]`
    return `${head},${te ?? 'null'},${tp ?? 'null'}]`
  },
  decode: (t) => {
    const [s, a, te, tp] = JSON.parse(t) as [number, [unknown, number, number, number, number], number[] | null | undefined, number[] | null | undefined]
    const v: StoredKeyInfo = { key: a[0], keyGroup: a[1], firstStep: a[2], lastTouchedStep: a[3], records: a[4], te: te ?? undefined, tp: tp ?? undefined, teh: undefined, tph: undefined, tex: undefined, tpx: undefined, enc: undefined }
    return keyRecord(s, v)
  },
}

/** A timer list as JSON without its freed (NaN) pairs, or null when no pair is live. */
function pairsText(list: number[] | undefined): string | null {
  if (list === undefined) return null
  let text = ''
  for (let i = 0; i < list.length; i += 2) {
    const t = list[i]
    if (t !== t) continue
    text += text === '' ? `${t},${list[i + 1]}` : `,${t},${list[i + 1]}`
  }
  return text === '' ? null : `[${text}]`
}

/** A new entry of the registry. */
function newInfo(key: unknown, step: number): StoredKeyInfo {
  return { key, keyGroup: keyGroupOf(key), firstStep: step, lastTouchedStep: step, records: 0, te: undefined, tp: undefined, teh: undefined, tph: undefined, tex: undefined, tpx: undefined, enc: undefined }
}

export class LevelDbKeyRegistry {
  constructor(private readonly chain: KeyChain<StoredKeyInfo>) {}

  /** The key's info, created on first sight; marks it touched at `step` (and counts a record). */
  touch(key: unknown, keyStr: string, step: number, isRecord: boolean): KeyInfo {
    let rec = this.chain.record(keyStr)
    if (rec === undefined) rec = this.chain.insert(keyStr, newInfo(key, step))
    const info = rec.v
    info.lastTouchedStep = step
    if (isRecord) info.records++
    this.chain.save(keyStr, rec)
    return info
  }

  get(keyStr: string): KeyInfo | undefined { return this.chain.record(keyStr)?.v }
  get size(): number { return this.chain.row.count }

  /** The key's stored record (info and timers), or undefined for a key never seen. */
  recordOf(keyStr: string): KeyRecord<StoredKeyInfo> | undefined {
    return this.chain.record(keyStr)
  }

  /**
   * The key's record, created (as seen at step 0, with no records) when a timer is registered for a key
   * the registry does not know: only queues used on their own (tests, restores) do that.
   */
  recordFor(keyStr: string, key: unknown): KeyRecord<StoredKeyInfo> {
    return this.chain.record(keyStr) ?? this.chain.insert(keyStr, newInfo(key, 0))
  }

  /** Marks a record changed in place (its timers) for writing. */
  saveRecord(keyStr: string, rec: KeyRecord<StoredKeyInfo>): void {
    this.chain.save(keyStr, rec)
  }

  /** Every key with its info, in first-seen order (as KeyRegistry.byKeyStr's Map order). */
  get byKeyStr(): Iterable<[string, KeyInfo]> {
    const chain = this.chain
    return {
      *[Symbol.iterator]() {
        for (const k of chain.keys()) {
          const info = chain.record(k)?.v
          if (info !== undefined) yield [k, info] as [string, KeyInfo]
        }
      },
    }
  }

  dump(): Array<[string, KeyInfo]> {
    return [...this.dumpStream()]
  }

  *dumpStream(): Iterable<[string, KeyInfo]> {
    for (const [k, v] of this.byKeyStr) yield [k, { key: v.key, keyGroup: v.keyGroup, firstStep: v.firstStep, lastTouchedStep: v.lastTouchedStep, records: v.records }]
  }

  /**
   * Replaces every key with the dump's. Timers live on the keys' records, so a restore of the operator
   * restores its registry first and its timer queues after (run-snapshot.ts restoreNodes).
   */
  restore(entries: Iterable<[string, KeyInfo]>, maybeFlush?: MaybeFlush): void | Promise<void> {
    this.chain.clearSync()
    if (maybeFlush !== undefined) return this.insertPaced(entries, maybeFlush)
    for (const [k, v] of entries) this.insertDumped(k, v)
  }

  async restoreStream(entries: AsyncIterable<[string, KeyInfo]>, maybeFlush?: MaybeFlush): Promise<void> {
    this.chain.clearSync()
    await this.insertPaced(entries, maybeFlush ?? (() => null))
  }

  /** restore()'s inserts with a flush whenever a batch is due, so the records never pile up unwritten. */
  private async insertPaced(entries: Iterable<[string, KeyInfo]> | AsyncIterable<[string, KeyInfo]>, maybeFlush: MaybeFlush): Promise<void> {
    for await (const [k, v] of entries) {
      this.insertDumped(k, v)
      const flushing = maybeFlush()
      if (flushing !== null) await flushing
    }
  }

  private insertDumped(k: string, v: KeyInfo): void {
    this.chain.insert(k, { key: v.key, keyGroup: v.keyGroup, firstStep: v.firstStep, lastTouchedStep: v.lastTouchedStep, records: v.records, te: undefined, tp: undefined, teh: undefined, tph: undefined, tex: undefined, tpx: undefined, enc: undefined })
  }
}
