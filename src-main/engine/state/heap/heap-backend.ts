// The in-memory state backend (Flink's HashMapStateBackend): one JS Map per table.
import type { MapTable, StateBackend, Table, TableDump, TableMeta, ValueTable } from '../backend'
import { tableId } from '../backend'
import { deepCopy } from '../copy'

class HeapValueTable implements ValueTable {
  readonly data = new Map<string, unknown>()
  readonly storesByReference = true
  constructor(readonly meta: TableMeta) {}
  get(key: string): unknown { return this.data.get(key) }
  put(key: string, value: unknown): void { this.data.set(key, value) }
  delete(key: string): void { this.data.delete(key) }
  keys(): IterableIterator<string> { return this.data.keys() }
  size(): number { return this.data.size }
}

class HeapMapTable implements MapTable {
  readonly data = new Map<string, Map<string, unknown>>()
  constructor(readonly meta: TableMeta) {}
  get(key: string, userKey: string): unknown { return this.data.get(key)?.get(userKey) }
  has(key: string, userKey: string): boolean { return this.data.get(key)?.has(userKey) ?? false }
  put(key: string, userKey: string, value: unknown): void {
    let m = this.data.get(key)
    if (m === undefined) { m = new Map(); this.data.set(key, m) }
    m.set(userKey, value)
  }
  delete(key: string, userKey: string): void {
    const m = this.data.get(key)
    if (m === undefined) return
    m.delete(userKey)
    // M3: removing the last entry removes the whole map for the key.
    if (m.size === 0) this.data.delete(key)
  }
  entries(key: string): IterableIterator<[string, unknown]> {
    const m = this.data.get(key)
    return m === undefined ? new Map<string, unknown>().entries() : m.entries()
  }
  isEmpty(key: string): boolean { return (this.data.get(key)?.size ?? 0) === 0 }
  clear(key: string): void { this.data.delete(key) }
  keys(): IterableIterator<string> { return this.data.keys() }
  size(): number { return this.data.size }
  entryCount(key: string): number { return this.data.get(key)?.size ?? 0 }
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
        for (const [k, m] of t.data) entries.push([k, [...m].map(([uk, v]) => [uk, deepCopy(v)])])
      } else {
        for (const [k, v] of t.data) entries.push([k, deepCopy(v)])
      }
      out.push({ meta: { ...t.meta }, entries })
    }
    return out
  }

  async restore(dumps: TableDump[]): Promise<void> {
    this.restoreSync(dumps)
  }

  restoreSync(dumps: TableDump[]): void {
    for (const t of this.byId.values()) t.data.clear()
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
