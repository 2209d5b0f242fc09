// The debugger's side of state: side-effect-free inspection views, entry counts, the change tracker's
// calls, and dump()/restore() round trips through the backend.
import { expect, it } from 'vitest'
import {
  AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, ValueStateDescriptor,
} from '../../../../../src-main/engine/api/descriptors'
import { Types } from '../../../../../src-main/engine/api/types'
import type { StateBackend } from '../../../../../src-main/engine/state/backend'
import { StateFixture, type UseFixture } from '../state-fixture'
import { onReadAndWrite, withTtl } from './ttl-helpers'

const sum = { createAccumulator: () => 0, add: (v: number, acc: number) => acc + v, getResult: (acc: number) => acc }

export function inspectionBehaviour(use: UseFixture, freshBackend: () => Promise<StateBackend>): void {
  it('inspectKey: one view per registered state, in registration order, with entries per element/entry', () => {
    const f = use().as('a')
    const v = f.ops.getState(new ValueStateDescriptor<number>('count', Types.LONG))
    const l = f.ops.getListState(new ListStateDescriptor<string>('seen', Types.STRING))
    const m = f.ops.getMapState(new MapStateDescriptor<string, number>('byType', Types.STRING, Types.LONG))
    v.update(2); l.addAll(['x', 'y']); m.put('click', 1)
    const views = f.ops.inspectKey('"a"')
    expect(views.map((s) => [s.name, s.kind, s.typeLabel])).toEqual([
      ['count', 'value', 'LONG'], ['seen', 'list', 'LIST<STRING>'], ['byType', 'map', 'MAP<STRING, LONG>'],
    ])
    expect(views[0]).toEqual({ operatorId: 'op-1', name: 'count', kind: 'value', typeLabel: 'LONG', ttl: null,
      entries: [{ entryKey: null, value: 2, ttl: null }] })
    expect(views[1].entries).toEqual([{ entryKey: 0, value: 'x', ttl: null }, { entryKey: 1, value: 'y', ttl: null }])
    expect(views[2].entries).toEqual([{ entryKey: 'click', value: 1, ttl: null }])
    expect(f.ops.inspectKey('"other"').every((s) => s.entries.length === 0)).toBe(true)
  })

  it('inspectKey: TTL entries carry lastAccess, expiresAt and expired by the TTL clock\'s now()', () => {
    const f = use().as('a')
    const l = f.ops.getListState(withTtl(new ListStateDescriptor<number>('l'), 10))
    l.add(1)
    f.clock.set(5)
    l.add(2)
    f.clock.set(12)
    const [view] = f.ops.inspectKey('"a"')
    expect(view.ttl).toMatchObject({ ttlMillis: 10, updateType: 'OnCreateAndWrite', cleanup: 'on access' })
    expect(view.entries).toEqual([
      { entryKey: 0, value: 1, ttl: { lastAccess: 0, expiresAt: 10, expired: true } },
      { entryKey: 1, value: 2, ttl: { lastAccess: 5, expiresAt: 15, expired: false } },
    ])
  })

  it('inspection has no side effects: no TTL refresh, no cleanup, no tracker call', () => {
    const f = use().as('a')
    const v = f.ops.getState(withTtl(new ValueStateDescriptor<number>('v'), 10, (b) => b.updateTtlOnReadAndWrite().cleanupIncrementally(5, true)))
    v.update(1)
    f.clock.set(4)
    f.tracker.reset()
    f.ops.inspectKey('"a"'); f.ops.readRaw('v', '"a"'); f.ops.entryCount('"a"'); [...f.ops.keys()]; f.ops.expiredNotCleaned()
    expect(f.ops.readRaw('v', '"a"')).toEqual({ v: 1, t: 0 })
    f.clock.set(10)
    f.ops.inspectKey('"a"'); f.ops.expiredNotCleaned()
    expect(f.ops.readRaw('v', '"a"')).toEqual({ v: 1, t: 0 })
    expect(f.ops.expiredNotCleaned()).toBe(1)
    expect(f.tracker.calls).toEqual([])
  })

  it('readRaw returns a copy: mutating it never changes state', () => {
    const f = use().as('a')
    const v = f.ops.getState(new ValueStateDescriptor<{ n: number }>('v'))
    v.update({ n: 1 })
    ;(f.ops.readRaw('v', '"a"') as { n: number }).n = 2
    expect(v.value()).toEqual({ n: 1 })
    expect(() => f.ops.readRaw('nope', '"a"')).toThrow('operator op-1 has no state named "nope" (known: v)')
  })

  it('entryCount counts list elements and map entries one by one; keys() is the union over states', () => {
    const f = use()
    const v = f.ops.getState(new ValueStateDescriptor<number>('v'))
    const l = f.ops.getListState(new ListStateDescriptor<number>('l'))
    const m = f.ops.getMapState(new MapStateDescriptor<string, number>('m'))
    const r = f.ops.getReducingState(new ReducingStateDescriptor<number>('r', (a, b) => a + b))
    const g = f.ops.getAggregatingState(new AggregatingStateDescriptor('g', sum))
    f.as('a'); v.update(1); l.addAll([1, 2, 3]); m.putAll({ x: 1, y: 2 }); r.add(1); g.add(1)
    f.as('b'); l.add(1)
    f.as('c'); m.put('z', 1)
    expect(f.ops.entryCount('"a"')).toBe(1 + 3 + 2 + 1 + 1)
    expect(f.ops.entryCount('"b"')).toBe(1)
    expect(f.ops.entryCount('"nobody"')).toBe(0)
    expect([...f.ops.keys()].sort()).toEqual(['"a"', '"b"', '"c"'])
  })

  it('descriptors() lists name, kind, type label and TTL view per registered state', () => {
    const f = use()
    f.ops.getState(new ValueStateDescriptor<number>('v', Types.LONG))
    f.ops.getMapState(withTtl(new MapStateDescriptor<string, number>('m', Types.STRING, Types.LONG), 60_000, onReadAndWrite))
    expect(f.ops.descriptors()).toEqual([
      { name: 'v', kind: 'value', typeLabel: 'LONG', ttl: null },
      { name: 'm', kind: 'map', typeLabel: 'MAP<STRING, LONG>', ttl: { ttlMillis: 60_000, updateType: 'OnReadAndWrite',
        stateVisibility: 'NeverReturnExpired', timeCharacteristic: 'ProcessingTime', cleanup: 'on access' } },
    ])
  })

  it('tracker: beforeWrite comes before every mutation, with the table meta and the key', () => {
    const f = use().as('a')
    const v = f.ops.getState(new ValueStateDescriptor<number>('v'))
    const l = f.ops.getListState(new ListStateDescriptor<number>('l'))
    const m = f.ops.getMapState(new MapStateDescriptor<string, number>('m'))
    v.update(1); v.update(2); v.clear()
    l.add(1); l.add(2)
    m.put('x', 1); m.remove('x')
    expect(f.tracker.calls).toEqual([
      { operatorId: 'op-1', stateName: 'v', ttl: false, keyStr: '"a"', before: undefined },
      { operatorId: 'op-1', stateName: 'v', ttl: false, keyStr: '"a"', before: 1 },
      { operatorId: 'op-1', stateName: 'v', ttl: false, keyStr: '"a"', before: 2 },
      { operatorId: 'op-1', stateName: 'l', ttl: false, keyStr: '"a"', before: undefined },
      { operatorId: 'op-1', stateName: 'l', ttl: false, keyStr: '"a"', before: [1] },
      { operatorId: 'op-1', stateName: 'm', ttl: false, keyStr: '"a"', before: undefined },
      { operatorId: 'op-1', stateName: 'm', ttl: false, keyStr: '"a"', before: [['"x"', 1]] },
    ])
  })

  it('tracker: in-place changes are told too (an object value rewritten member by member, appends to a TTL list)', () => {
    const f = use().as('a')
    const v = f.ops.getState(new ValueStateDescriptor<{ n: number }>('v'))
    const l = f.ops.getListState(withTtl(new ListStateDescriptor<number>('l'), 100))
    v.update({ n: 1 }); v.update({ n: 2 })
    l.add(1); l.add(2)
    expect(f.tracker.calls.map((c) => [c.stateName, c.before])).toEqual([
      ['v', undefined], ['v', { n: 1 }], ['l', undefined], ['l', [{ v: 1, t: 0 }]],
    ])
    expect(f.ops.readRaw('v', '"a"')).toEqual({ n: 2 })
  })

  it('tracker: reads, no-op clears and no-op removes are not writes', () => {
    const f = use().as('a')
    const v = f.ops.getState(new ValueStateDescriptor<number>('v'))
    const l = f.ops.getListState(new ListStateDescriptor<number>('l'))
    const m = f.ops.getMapState(new MapStateDescriptor<string, number>('m'))
    v.value(); v.clear(); v.update(null); l.get(); l.clear(); l.addAll([]); m.get('x'); m.remove('x'); m.clear(); m.isEmpty()
    expect(f.tracker.calls).toEqual([])
  })

  it('tracker: TTL refresh-on-read and cleanup-on-read are reported as writes', () => {
    const f = use().as('a')
    const r = f.ops.getState(withTtl(new ValueStateDescriptor<number>('r'), 10, onReadAndWrite))
    const e = f.ops.getState(withTtl(new ValueStateDescriptor<number>('e'), 10))
    r.update(1); e.update(1)
    f.tracker.reset()
    f.clock.set(5)
    r.value()
    f.clock.set(10)
    e.value()
    expect(f.tracker.calls).toEqual([
      { operatorId: 'op-1', stateName: 'r', ttl: true, keyStr: '"a"', before: { v: 1, t: 0 } },
      { operatorId: 'op-1', stateName: 'e', ttl: true, keyStr: '"a"', before: { v: 1, t: 0 } },
    ])
  })

  it('dump() and restore() round-trip every kind, TTL stamps included, into a fresh backend', async () => {
    const f = use().as('k')
    f.ops.getState(new ValueStateDescriptor<{ n: number }>('v')).update({ n: 1 })
    f.ops.getListState(withTtl(new ListStateDescriptor<number>('l'), 100)).addAll([1, 2])
    f.ops.getMapState(new MapStateDescriptor<unknown, number>('m')).putAll([[{ id: 1 }, 1], ['s', 2]])
    f.ops.getReducingState(new ReducingStateDescriptor<number>('r', (a, b) => a + b)).add(5)
    f.ops.getAggregatingState(new AggregatingStateDescriptor('g', sum)).add(7)
    f.clock.set(3)
    const dump = await f.backend.dump()
    const other = await freshBackend()
    try {
      await other.restore(dump)
      const g = new StateFixture(other)
      g.clock.set(3)
      g.as('k')
      expect(g.ops.getState(new ValueStateDescriptor<{ n: number }>('v')).value()).toEqual({ n: 1 })
      expect([...g.ops.getListState(withTtl(new ListStateDescriptor<number>('l'), 100)).get()]).toEqual([1, 2])
      expect(g.ops.readRaw('l', '"k"')).toEqual([{ v: 1, t: 0 }, { v: 2, t: 0 }])
      const m = g.ops.getMapState(new MapStateDescriptor<unknown, number>('m'))
      expect(m.get({ id: 1 })).toBe(1)
      expect(m.get('s')).toBe(2)
      expect(g.ops.getReducingState(new ReducingStateDescriptor<number>('r', (a, b) => a + b)).get()).toBe(5)
      expect(g.ops.getAggregatingState(new AggregatingStateDescriptor('g', sum)).get()).toBe(7)
      // restoring TTL state under a non-TTL descriptor fails (C-TTL4)
      expect(() => new StateFixture(other, 'op-1').ops.getListState(new ListStateDescriptor<number>('l'))).toThrow(/TTL/)
    } finally {
      await other.close()
    }
  })

  it('restore() replaces the current content: writes after a dump are gone after restoring it', async () => {
    const f = use().as('k')
    const v = f.ops.getState(new ValueStateDescriptor<number>('v'))
    v.update(1)
    const dump = await f.backend.dump()
    v.update(2)
    f.as('other'); v.update(3)
    await f.backend.restore(dump)
    f.ops.resetCleanupCursors()
    expect(v.value()).toBeNull()
    f.as('k')
    expect(v.value()).toBe(1)
    expect(dump[0].entries).toEqual([['"k"', 1]]) // the dump did not change with later writes
  })
}
