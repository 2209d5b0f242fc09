// A heap value table caches the current key's value in the key's registry entry (its KeyCells), so a
// record reads its state without a lookup by key: every read must still see what `data` holds, whatever
// changed it (the current key, another key, a restore, time travel).
import { describe, expect, it } from 'vitest'
import { HeapStateBackend, type HeapValueTable } from '../../../../../src-main/engine/state/heap/heap-backend'
import { KeyRegistry } from '../../../../../src-main/engine/runtime/key-registry'
import type { KeyContext } from '../../../../../src-main/engine/state/state-context'
import { TableHistory } from '../../../../../src-main/engine/history/table-history'

function setup(tables = 1): { b: HeapStateBackend; t: HeapValueTable[]; on: (key: string) => void; off: () => void } {
  const b = new HeapStateBackend()
  const ctx: KeyContext = { keyStr: null, cells: null }
  const t: HeapValueTable[] = []
  for (let i = 0; i < tables; i++) {
    const table = b.valueTable({ operatorId: 'op', stateName: `s${i}`, kind: 'value', ttl: false }) as HeapValueTable
    table.useKeyCells(ctx)
    t.push(table)
  }
  const registry = new KeyRegistry()
  let step = 0
  // As the keyed operator does for a record: the key, then its registry entry as the cells.
  const on = (key: string): void => {
    const keyStr = JSON.stringify(key)
    ctx.keyStr = keyStr
    ctx.cells = registry.touch(key, keyStr, ++step, true)
  }
  const off = (): void => { ctx.keyStr = null; ctx.cells = null }
  return { b, t, on, off }
}

describe('heap value table: the current key\'s value in its registry entry', () => {
  it('reads see the current key\'s own puts and deletes', () => {
    const { t: [t], on } = setup()
    on('a')
    expect(t.get('"a"')).toBeUndefined()
    t.put('"a"', { n: 1 })
    expect(t.get('"a"')).toEqual({ n: 1 })
    on('b')
    t.put('"b"', { n: 2 })
    on('a')
    expect(t.get('"a"')).toEqual({ n: 1 })
    t.delete('"a"')
    expect(t.get('"a"')).toBeUndefined()
  })

  it('a change of another key than the current one (a TTL cleanup) is seen when that key is current again', () => {
    const { t: [t], on, off } = setup()
    on('a')
    t.put('"a"', 1)
    expect(t.get('"a"')).toBe(1)
    // Each time b's own read comes last, so the table's memo of the last key read does not answer for a.
    on('b')
    t.put('"a"', 2) // while b is current
    t.get('"b"')
    on('a')
    expect(t.get('"a"')).toBe(2)
    on('b')
    t.delete('"a"')
    t.get('"b"')
    on('a')
    expect(t.get('"a"')).toBeUndefined()
    off()
    t.put('"a"', 3) // outside any keyed call
    t.get('"b"')
    on('a')
    expect(t.get('"a"')).toBe(3)
  })

  it('a restore of the backend replaces what the entries cached', () => {
    const { b, t: [t], on } = setup()
    on('a')
    t.put('"a"', { n: 1 })
    const dump = b.dumpSync()
    t.put('"a"', { n: 2 })
    expect(t.get('"a"')).toEqual({ n: 2 })
    b.restoreSync(dump)
    on('a')
    expect(t.get('"a"')).toEqual({ n: 1 })
  })

  it('two tables of one operator keep their own values for the same key', () => {
    const { t: [t0, t1, t2], on } = setup(3)
    on('a')
    t0.put('"a"', 'zero')
    t1.put('"a"', 'one')
    t2.put('"a"', 'two')
    on('b')
    on('a')
    expect([t0.get('"a"'), t1.get('"a"'), t2.get('"a"')]).toEqual(['zero', 'one', 'two'])
    t1.delete('"a"')
    expect([t0.get('"a"'), t1.get('"a"'), t2.get('"a"')]).toEqual(['zero', undefined, 'two'])
  })

  it('after time travel restored the table, reads give the restored values', () => {
    const { t: [t], on } = setup()
    const ords = new Map<string, number>()
    const list: string[] = []
    const history = new TableHistory(t, {
      ordinalOf: (k) => { let o = ords.get(k); if (o === undefined) { o = list.length; list.push(k); ords.set(k, o) } return o },
      keyAt: (o) => list[o],
    })
    on('a')
    history.noteWrite('"a"')
    t.put('"a"', { n: 1 })
    const frame = history.frame()
    history.noteWrite('"a"')
    t.put('"a"', { n: 2 })
    expect(t.get('"a"')).toEqual({ n: 2 })
    history.restore(frame, [])
    on('a')
    expect(t.get('"a"')).toEqual({ n: 1 })
  })
})
