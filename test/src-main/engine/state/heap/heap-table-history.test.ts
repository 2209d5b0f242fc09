// A heap table's time-travel side (issue 5 §1, heap-table-history.ts): frames and deltas hold keys as
// numbers and values as JSON text; a restore rebuilds the table's entries in the Map order a sequential
// run has (keys deleted and inserted again move to the end), with values parsed only when read.
import { describe, expect, it } from 'vitest'
import { HeapStateBackend, type HeapMapTable, type HeapValueTable } from '../../../../../src-main/engine/state/heap/heap-backend'
import { TableHistory, mergeTableDeltas, type TableKeys } from '../../../../../src-main/engine/state/heap/heap-table-history'
import { TextValue } from '../../../../../src-main/engine/state/heap/text-value'

function keys(): TableKeys {
  const list: string[] = []
  return {
    ordinalOf: (k) => { let i = list.indexOf(k); if (i < 0) { i = list.length; list.push(k) } return i },
    keyAt: (o) => list[o],
  }
}

function valueTable(): { t: HeapValueTable; h: TableHistory; written: Set<string>; put: (k: string, v: unknown) => void; del: (k: string) => void } {
  const b = new HeapStateBackend()
  b.startJournal()
  const t = b.valueTable({ operatorId: 'op', stateName: 's', kind: 'value', ttl: false }) as HeapValueTable
  const written = new Set<string>()
  return {
    t, h: new TableHistory(t, keys()), written,
    put: (k, v) => { written.add(k); t.put(k, v) },
    del: (k) => { written.add(k); t.delete(k) },
  }
}

const entries = (t: HeapValueTable): Array<[string, unknown]> => [...t.keys()].map((k) => [k, t.get(k)])
const take = (s: Set<string>): string[] => { const a = [...s]; s.clear(); return a }

describe('heap table history', () => {
  it('a frame and the deltas after it restore the entries in a sequential run\'s Map order, deletes and re-inserts included', () => {
    const { t, h, written, put, del } = valueTable()
    put('a', { n: 1 }); put('b', { n: 2 }); put('c', 3)
    const frame = h.frame()
    take(written)
    const atFrame = entries(t)
    del('a'); put('d', 4); put('a', { n: 9 }); put('b', { n: 5 }); del('c')
    const d1 = h.delta(take(written))
    const atD1 = entries(t)
    expect(atD1.map(([k]) => k)).toEqual(['b', 'd', 'a'])
    put('c', 7); del('d'); put('d', 8); put('b', { n: 6 })
    const d2 = h.delta(take(written))
    const atD2 = entries(t)

    h.restore(frame, [])
    expect(entries(t)).toEqual(atFrame)
    h.restore(frame, [d1])
    expect(entries(t)).toEqual(atD1)
    h.restore(frame, [d1, d2])
    expect(entries(t)).toEqual(atD2)
    h.restore(frame, [mergeTableDeltas(d1, d2)])
    expect(entries(t)).toEqual(atD2)
    h.restore(undefined, [])
    expect(entries(t)).toEqual([])
  })

  it('a restored value stays text until read; a read gives the table its own object, updated in place from then on', () => {
    const { t, h, written, put } = valueTable()
    put('a', { n: 1, s: 'x' })
    const frame = h.frame()
    take(written)
    h.restore(frame, [])
    const stored = t.data.get('a')
    expect(stored).toBeInstanceOf(TextValue)
    const v = t.get('a') as { n: number }
    expect(v).toEqual({ n: 1, s: 'x' })
    expect(t.get('a')).toBe(v)
    v.n = 2
    written.add('a')
    const d = h.delta(take(written))
    h.restore(frame, [d])
    expect(t.get('a')).toEqual({ n: 2, s: 'x' })
    h.restore(frame, [])
    expect(t.get('a')).toEqual({ n: 1, s: 'x' })
  })

  it('a map table\'s per-key entries come back in their order', () => {
    const b = new HeapStateBackend()
    b.startJournal()
    const t = b.mapTable({ operatorId: 'op', stateName: 'm', kind: 'map', ttl: false }) as HeapMapTable
    const h = new TableHistory(t, keys())
    t.put('k', '"z"', 1)
    t.put('k', '"a"', { x: [1, 2] })
    t.put('j', '1', null)
    const frame = h.frame()
    t.delete('k', '"z"')
    t.put('k', '"b"', 3)
    const d = h.delta(['k'])
    const after = [...t.keys()].map((k) => [k, [...t.entries(k)]])
    h.restore(frame, [])
    expect([...t.entries('k')]).toEqual([['"z"', 1], ['"a"', { x: [1, 2] }]])
    expect(t.get('j', '1')).toBeNull()
    expect(t.has('j', '1')).toBe(true)
    h.restore(frame, [d])
    expect([...t.keys()].map((k) => [k, [...t.entries(k)]])).toEqual(after)
  })
})
