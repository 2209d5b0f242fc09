// The in-memory state backend (Flink's HashMapStateBackend): one JS Map per table.
//
// Time travel (engine/history/table-history.ts) keeps values wrapped in TextValue (with their JSON text,
// parsed on first read after a restore); reads unwrap them, and a table that never held one never checks.
import type { MapTable, StateBackend, Table, TableDump, TableMeta, ValueTable } from '../backend'
import { tableId } from '../backend'
import { deepCopy } from '../copy'
import type { KeyCells, KeyContext } from '../state-context'
import { TextValue } from './text-value'

export class HeapValueTable implements ValueTable {
  /** Values, or TextValues holding them (time travel). */
  data = new Map<string, unknown>()
  readonly storesByReference = true
  /** True once `data` may hold TextValues (reads then check; a plain run never pays for it). */
  wrapped = false
  // The current key's value is cached in its KeyCells (its registry entry, which the operator looked up for
  // this record already) with this table's version (slot 0: fields c0, v0; slot n: cells[2n - 2], cells[2n - 1]):
  // a record reads its key's state without a lookup in `data`. The cache holds while every change to `data` goes through put,
  // delete and clearAll: a change to the current key updates its cells, any other bumps the version (every
  // cached cell of the table is then stale). Not used once wrapped (time travel changes `data` itself).
  // (This also serves value() then update(): the write finds the value without a second lookup, so no
  // separate memo of the last key read is kept.)
  private keyCtx: KeyContext | null = null
  private slot = 0
  private version = 1
  constructor(readonly meta: TableMeta) {}
  useKeyCells(keyContext: KeyContext): void {
    if (this.keyCtx !== null) return
    this.keyCtx = keyContext
    this.slot = keyContext.cellSlots ?? 0
    keyContext.cellSlots = this.slot + 1
  }
  get(key: string): unknown {
    if (this.wrapped) {
      const w = this.data.get(key)
      return w instanceof TextValue ? w.value : w
    }
    const ctx = this.keyCtx
    const owner = ctx === null || key !== ctx.keyStr ? null : ctx.cells ?? null
    if (owner === null) return this.data.get(key)
    if (this.slot === 0) {
      if (owner.v0 === this.version) return owner.c0
      owner.v0 = this.version
      return (owner.c0 = this.data.get(key))
    }
    const c = owner.cells
    const i = 2 * this.slot - 2
    if (c !== undefined && c[i + 1] === this.version) return c[i]
    const v = this.data.get(key)
    this.cache(owner, v)
    return v
  }
  put(key: string, value: unknown): void {
    this.data.set(key, value)
    this.changed(key, value)
  }
  delete(key: string): void {
    this.data.delete(key)
    this.changed(key, undefined)
  }
  /** Empties the table (a restore refills `data` directly). */
  clearAll(): void {
    this.data.clear()
    this.version++
  }

  /** Keeps the cached cells true to `data` after a change of key's value. */
  private changed(key: string, value: unknown): void {
    const ctx = this.keyCtx
    if (ctx === null) return
    const owner = key === ctx.keyStr ? ctx.cells ?? null : null
    if (owner === null) this.version++
    else this.cache(owner, value)
  }

  private cache(owner: KeyCells, value: unknown): void {
    if (this.slot === 0) {
      owner.c0 = value
      owner.v0 = this.version
      return
    }
    const c = owner.cells ?? (owner.cells = [])
    c[2 * this.slot - 2] = value
    c[2 * this.slot - 1] = this.version
  }
  keys(): IterableIterator<string> { return this.data.keys() }
  size(): number { return this.data.size }

}

export class HeapMapTable implements MapTable {
  /** Each key's entries, or a TextValue holding them as [userKey, value] pairs (time travel). */
  data = new Map<string, Map<string, unknown> | TextValue>()
  /** True once `data` may hold TextValues. */
  wrapped = false
  constructor(readonly meta: TableMeta) {}
  get(key: string, userKey: string): unknown { return this.map(key)?.get(userKey) }
  has(key: string, userKey: string): boolean { return this.map(key)?.has(userKey) ?? false }
  put(key: string, userKey: string, value: unknown): void {
    let m = this.map(key)
    if (m === undefined) {
      m = new Map()
      this.data.set(key, m)
    }
    m.set(userKey, value)
  }
  delete(key: string, userKey: string): void {
    const m = this.map(key)
    if (m === undefined) return
    m.delete(userKey)
    // M3: removing the last entry removes the whole map for the key.
    if (m.size === 0) this.data.delete(key)
  }
  entries(key: string): IterableIterator<[string, unknown]> {
    const m = this.map(key)
    return m === undefined ? new Map<string, unknown>().entries() : m.entries()
  }
  isEmpty(key: string): boolean { return (this.map(key)?.size ?? 0) === 0 }
  clear(key: string): void { this.data.delete(key) }
  keys(): IterableIterator<string> { return this.data.keys() }
  size(): number { return this.data.size }
  entryCount(key: string): number { return this.map(key)?.size ?? 0 }

  /** The key's entries (made a Map again, once, when a TextValue still holds them as pairs). */
  map(key: string): Map<string, unknown> | undefined {
    const m = this.data.get(key)
    if (!this.wrapped || !(m instanceof TextValue)) return m as Map<string, unknown> | undefined
    const v = m.value
    if (v instanceof Map) return v as Map<string, unknown>
    const own = new Map(v as Array<[string, unknown]>)
    this.data.set(key, own) // an existing key keeps its place; the next capture makes its text again
    return own
  }
}

export class HeapStateBackend implements StateBackend {
  readonly name = 'heap' as const
  private readonly byId = new Map<string, HeapValueTable | HeapMapTable>()

  valueTable(meta: TableMeta): ValueTable {
    return this.table(meta, false) as HeapValueTable
  }

  mapTable(meta: TableMeta): MapTable {
    return this.table(meta, true) as HeapMapTable
  }

  private table(meta: TableMeta, isMap: boolean): HeapValueTable | HeapMapTable {
    const id = tableId(meta)
    const existing = this.byId.get(id)
    if (existing !== undefined) {
      if (existing.meta.kind !== meta.kind || existing.meta.ttl !== meta.ttl) {
        throw new Error(`state "${meta.stateName}" of operator ${meta.operatorId} was registered as ` +
          `${existing.meta.kind}${existing.meta.ttl ? ' with TTL' : ''} and again as ${meta.kind}${meta.ttl ? ' with TTL' : ''}`)
      }
      return existing
    }
    const t = isMap ? new HeapMapTable({ ...meta }) : new HeapValueTable({ ...meta })
    this.byId.set(id, t)
    return t
  }

  tables(): Table[] { return [...this.byId.values()] }

  /** The tables as their heap classes (time travel reads and replaces their Maps). */
  heapTables(): Array<HeapValueTable | HeapMapTable> { return [...this.byId.values()] }

  async flush(): Promise<void> {}

  async dump(): Promise<TableDump[]> {
    return this.dumpSync()
  }

  /** Synchronous dump: the heap can snapshot between two steps without awaiting. */
  dumpSync(): TableDump[] {
    const out: TableDump[] = []
    for (const t of this.byId.values()) {
      const entries: Array<[string, unknown]> = []
      if (t instanceof HeapMapTable) {
        for (const k of t.data.keys()) entries.push([k, [...t.map(k)!].map(([uk, v]) => [uk, deepCopy(v)])])
      } else {
        for (const k of t.data.keys()) entries.push([k, deepCopy(t.get(k))])
      }
      out.push({ meta: { ...t.meta }, entries })
    }
    return out
  }

  async restore(dumps: TableDump[]): Promise<void> {
    this.restoreSync(dumps)
  }

  restoreSync(dumps: TableDump[]): void {
    for (const t of this.byId.values()) {
      if (t instanceof HeapValueTable) t.clearAll()
      else t.data.clear()
    }
    for (const d of dumps) {
      if (d.meta.kind === 'map') {
        const t = this.table(d.meta, true) as HeapMapTable
        for (const [k, entries] of d.entries) {
          t.data.set(k, new Map((entries as Array<[string, unknown]>).map(([uk, v]) => [uk, deepCopy(v)])))
        }
      } else {
        const t = this.table(d.meta, false) as HeapValueTable
        for (const [k, v] of d.entries) t.data.set(k, deepCopy(v))
      }
    }
  }

  async close(): Promise<void> {}
}
