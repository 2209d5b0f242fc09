// A heap table's time-travel side (engine/history/table-history.ts): frames and deltas hold keys as
// numbers and values as JSON text; a restore rebuilds the table's entries in the Map order a sequential
// run has (keys deleted and inserted again move to the end), with values parsed only when read.
import { describe, expect, it } from 'vitest'
import { HeapStateBackend, type HeapMapTable, type HeapValueTable } from '../../../../src-main/engine/state/heap/heap-backend'
import { TableHistory, mergeTableDeltas, type TableKeys } from '../../../../src-main/engine/history/table-history'
import { TextValue } from '../../../../src-main/engine/state/heap/text-value'

function keys(): TableKeys {
  const list: string[] = []
  return {
    ordinalOf: (k) => { let i = list.indexOf(k); if (i < 0) { i = list.length; list.push(k) } return i },
    keyAt: (o) => list[o],
  }
}

// Each write is told to the history first, as the run's observer does.
function valueTable(): { t: HeapValueTable; h: TableHistory; put: (k: string, v: unknown) => void; del: (k: string) => void } {
  const b = new HeapStateBackend()
  const t = b.valueTable({ operatorId: 'op', stateName: 's', kind: 'value', ttl: false }) as HeapValueTable
  const h = new TableHistory(t, keys())
  return {
    t, h,
    put: (k, v) => { h.noteWrite(k); t.put(k, v) },
    del: (k) => { h.noteWrite(k); t.delete(k) },
  }
}

const entries = (t: HeapValueTable): Array<[string, unknown]> => [...t.keys()].map((k) => [k, t.get(k)])

describe('heap table history', () => {
  it('a frame and the deltas after it restore the entries in a sequential run\'s Map order, deletes and re-inserts included', () => {
    const { t, h, put, del } = valueTable()
    put('a', { n: 1 }); put('b', { n: 2 }); put('c', 3)
    const frame = h.frame()
    h.delta()
    const atFrame = entries(t)
    del('a'); put('d', 4); put('a', { n: 9 }); put('b', { n: 5 }); del('c')
    const d1 = h.delta()
    const atD1 = entries(t)
    expect(atD1.map(([k]) => k)).toEqual(['b', 'd', 'a'])
    put('c', 7); del('d'); put('d', 8); put('b', { n: 6 })
    const d2 = h.delta()
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
    const { t, h, put } = valueTable()
    put('a', { n: 1, s: 'x' })
    const frame = h.frame()
    h.delta()
    h.restore(frame, [])
    const stored = t.data.get('a')
    expect(stored).toBeInstanceOf(TextValue)
    const v = t.get('a') as { n: number }
    expect(v).toEqual({ n: 1, s: 'x' })
    expect(t.get('a')).toBe(v)
    h.noteWrite('a')
    v.n = 2
    const d = h.delta()
    h.restore(frame, [d])
    expect(t.get('a')).toEqual({ n: 2, s: 'x' })
    h.restore(frame, [])
    expect(t.get('a')).toEqual({ n: 1, s: 'x' })
  })

  it('a map table\'s per-key entries come back in their order', () => {
    const b = new HeapStateBackend()
    const t = b.mapTable({ operatorId: 'op', stateName: 'm', kind: 'map', ttl: false }) as HeapMapTable
    const h = new TableHistory(t, keys())
    const put = (k: string, uk: string, v: unknown): void => { h.noteWrite(k); t.put(k, uk, v) }
    put('k', '"z"', 1)
    put('k', '"a"', { x: [1, 2] })
    put('j', '1', null)
    const frame = h.frame()
    h.delta()
    h.noteWrite('k')
    t.delete('k', '"z"')
    put('k', '"b"', 3)
    const d = h.delta()
    const after = [...t.keys()].map((k) => [k, [...t.entries(k)]])
    h.restore(frame, [])
    expect([...t.entries('k')]).toEqual([['"z"', 1], ['"a"', { x: [1, 2] }]])
    expect(t.get('j', '1')).toBeNull()
    expect(t.has('j', '1')).toBe(true)
    h.restore(frame, [d])
    expect([...t.keys()].map((k) => [k, [...t.entries(k)]])).toEqual(after)
  })
})
