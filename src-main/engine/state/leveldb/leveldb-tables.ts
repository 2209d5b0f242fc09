// The value and map tables of the LevelDB backend: StateBackend's synchronous table contract over
// a key chain (key-chain.ts) and the write-back store. Values are JSON; semantics stay with the
// callers above (kinds, TTL), as on the heap.
import type { MapTable, TableMeta, ValueTable } from '../backend'
import type { KeyRecord } from './key-chain'
import { KeyChain, keyRecord } from './key-chain'
import { checkKeyPart, entryPrefix } from './key-layout'
import type { SlotCodec } from './write-back-store'
import { JSON_CODEC } from './write-back-store'

/** Value-table key records are stored as [seq, value]. */
export const VALUE_RECORD_CODEC: SlotCodec = {
  encode: (r) => {
    const rec = r as KeyRecord<unknown>
    // The same text as JSON.stringify([s, v]), without building the pair.
    return `[${rec.s},${JSON.stringify(rec.v) ?? 'null'}]`
  },
  decode: (t) => {
    const a = JSON.parse(t) as [number, unknown]
    return keyRecord(a[0], a[1])
  },
}

/** Map-table key records (manifests) are stored as [seq, [userKey, ...]] in insertion order. */
export const MAP_RECORD_CODEC: SlotCodec = {
  encode: (r) => {
    const rec = r as KeyRecord<Set<string>>
    return JSON.stringify([rec.s, [...rec.v]])
  },
  decode: (t) => {
    const a = JSON.parse(t) as [number, string[]]
    return keyRecord(a[0], new Set(a[1]))
  },
}

export class LevelDbValueTable implements ValueTable {
  /** get() returns the cached object: a state may change it in place, then put() it to mark it dirty. */
  readonly storesByReference = true
  readonly putAfterInPlace = true

  constructor(readonly chain: KeyChain<unknown>) {}

  get meta(): TableMeta { return this.chain.row.meta }

  get(key: string): unknown {
    return this.chain.record(key)?.v
  }

  put(key: string, value: unknown): void {
    const rec = this.chain.record(key)
    if (rec === undefined) {
      checkKeyPart(key, 'state key')
      this.chain.insert(key, value)
    } else {
      rec.v = value
      this.chain.save(key, rec)
    }
  }

  delete(key: string): void {
    const rec = this.chain.record(key)
    if (rec !== undefined) this.chain.remove(key)
  }

  keys(): IterableIterator<string> { return this.chain.keys() }
  size(): number { return this.chain.row.count }
}

export class LevelDbMapTable implements MapTable {
  private readonly entryPrefix: string

  constructor(readonly chain: KeyChain<Set<string>>) {
    this.entryPrefix = entryPrefix(chain.index)
  }

  get meta(): TableMeta { return this.chain.row.meta }

  private entryKey(key: string, userKey: string): string {
    return `${this.entryPrefix}${key}\x00${userKey}`
  }

  get(key: string, userKey: string): unknown {
    // A cached manifest answers "absent" without touching the disk; otherwise read the entry directly
    // (one getSync) rather than the manifest and then the entry.
    if (this.chain.isCached(key)) {
      const m = this.chain.record(key)
      if (m === undefined || !m.v.has(userKey)) return undefined
    }
    return this.chain.store.load(this.entryKey(key, userKey), JSON_CODEC)
  }

  has(key: string, userKey: string): boolean {
    return this.chain.record(key)?.v.has(userKey) ?? false
  }

  put(key: string, userKey: string, value: unknown): void {
    const m = this.chain.record(key)
    if (m === undefined) {
      checkKeyPart(key, 'state key')
      checkKeyPart(userKey, 'map key')
      this.chain.insert(key, new Set([userKey]))
    } else if (!m.v.has(userKey)) {
      checkKeyPart(userKey, 'map key')
      m.v.add(userKey)
      this.chain.save(key, m)
    }
    this.chain.store.store(this.entryKey(key, userKey), value, JSON_CODEC)
  }

  delete(key: string, userKey: string): void {
    const m = this.chain.record(key)
    if (m === undefined || !m.v.has(userKey)) return
    m.v.delete(userKey)
    this.chain.store.store(this.entryKey(key, userKey), undefined, JSON_CODEC)
    // M3: removing the last entry removes the whole map for the key.
    if (m.v.size === 0) this.chain.remove(key)
    else this.chain.save(key, m)
  }

  *entries(key: string): IterableIterator<[string, unknown]> {
    const m = this.chain.record(key)
    if (m === undefined) return
    // Walk a copy of the user keys and re-check each one: the manifest may change (or be evicted and
    // reloaded) while the caller iterates, and removed entries must not be yielded.
    for (const userKey of [...m.v]) {
      if (!this.has(key, userKey)) continue
      yield [userKey, this.chain.store.load(this.entryKey(key, userKey), JSON_CODEC)]
    }
  }

  isEmpty(key: string): boolean { return this.entryCount(key) === 0 }

  clear(key: string): void {
    const m = this.chain.record(key)
    if (m === undefined) return
    for (const userKey of m.v) this.chain.store.store(this.entryKey(key, userKey), undefined, JSON_CODEC)
    this.chain.remove(key)
  }

  keys(): IterableIterator<string> { return this.chain.keys() }
  size(): number { return this.chain.row.count }
  entryCount(key: string): number { return this.chain.record(key)?.v.size ?? 0 }
}
