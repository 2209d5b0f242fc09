// The runtime's key registry (runtime/key-registry.ts: every key an operator has seen, with key group,
// first/last step and record count) kept in LevelDB, so a run with millions of keys does not hold one
// object per key in memory. Same API and the same (insertion) order as KeyRegistry; `byKeyStr` is an
// iterable of [keyStr, info] walked from disk rather than a Map.
import type { KeyInfo } from '../../runtime/key-registry'
import { keyGroupOf } from '../../runtime/key-group'
import { KeyChain } from './key-chain'
import type { SlotCodec } from './write-back-store'

/** Stored as [seq, [key, keyGroup, firstStep, lastTouchedStep, records]]; timer-holder caches stay out. */
export const KEY_INFO_CODEC: SlotCodec = {
  encode: (r) => {
    const { s, v } = r as { s: number; v: KeyInfo }
    return JSON.stringify([s, [v.key, v.keyGroup, v.firstStep, v.lastTouchedStep, v.records]])
  },
  decode: (t) => {
    const [s, a] = JSON.parse(t) as [number, [unknown, number, number, number, number]]
    return { s, v: { key: a[0], keyGroup: a[1], firstStep: a[2], lastTouchedStep: a[3], records: a[4] } }
  },
}

export class LevelDbKeyRegistry {
  constructor(private readonly chain: KeyChain<KeyInfo>) {}

  /** The key's info, created on first sight; marks it touched at `step` (and counts a record). */
  touch(key: unknown, keyStr: string, step: number, isRecord: boolean): KeyInfo {
    let rec = this.chain.record(keyStr)
    if (rec === undefined) rec = this.chain.insert(keyStr, { key, keyGroup: keyGroupOf(key), firstStep: step, lastTouchedStep: step, records: 0 })
    const info = rec.v
    info.lastTouchedStep = step
    if (isRecord) info.records++
    this.chain.save(keyStr, rec)
    return info
  }

  get(keyStr: string): KeyInfo | undefined { return this.chain.record(keyStr)?.v }
  get size(): number { return this.chain.row.count }

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
    return [...this.byKeyStr].map(([k, v]) => [k, { key: v.key, keyGroup: v.keyGroup, firstStep: v.firstStep, lastTouchedStep: v.lastTouchedStep, records: v.records }])
  }

  restore(entries: Array<[string, KeyInfo]>): void {
    this.chain.clearSync()
    for (const [k, v] of entries) {
      this.chain.insert(k, { key: v.key, keyGroup: v.keyGroup, firstStep: v.firstStep, lastTouchedStep: v.lastTouchedStep, records: v.records })
    }
  }
}
