// TTL cleanup strategies: on access (CL1), full snapshot (CL2), incremental (CL3) and its switches.
import { expect, it } from 'vitest'
import {
  ListStateDescriptor, MapStateDescriptor, ValueStateDescriptor,
} from '../../../../../src-main/engine/api/descriptors'
import { StateTtlConfig } from '../../../../../src-main/engine/api/ttl-config'
import type { StateBackend, TableDump } from '../../../../../src-main/engine/state/backend'
import { dropExpiredForFullSnapshot } from '../../../../../src-main/engine/state/operator-state'
import { StateFixture, type UseFixture } from '../state-fixture'
import { withTtl } from './ttl-helpers'

function ttlWith(config: StateTtlConfig): ValueStateDescriptor<number> {
  const d = new ValueStateDescriptor<number>('v')
  d.enableTimeToLive(config)
  return d
}

export function ttlCleanupBehaviour(use: UseFixture, freshBackend: () => Promise<StateBackend>): void {
  it('CL1: without background cleanup nothing expired is removed until it is read', () => {
    const f = use()
    const s = f.ops.getState(withTtl(new ValueStateDescriptor<number>('v'), 10))
    for (const k of ['a', 'b', 'c']) { f.as(k); s.update(1) }
    f.clock.set(10)
    f.as('z'); s.update(1); s.value(); f.ops.onRecord()
    expect(f.ops.expiredNotCleaned()).toBe(3)
    f.as('b'); expect(s.value()).toBeNull()
    expect(f.ops.expiredNotCleaned()).toBe(2)
  })

  it('CL3: each access of a state advances the cleanup cursor by n keys, dropping expired values', () => {
    const f = use()
    const s = f.ops.getState(ttlWith(StateTtlConfig.newBuilder(10).cleanupIncrementally(5, false).build()))
    for (let i = 0; i < 10; i++) { f.as(`k${i}`); s.update(i) }
    f.ops.resetCleanupCursors() // start the runs below from the first key
    f.clock.set(10)
    expect(f.ops.expiredNotCleaned()).toBe(10)
    f.as('fresh')
    s.value() // absent key: the read itself removes nothing
    expect(f.ops.expiredNotCleaned()).toBe(5)
    s.value()
    expect(f.ops.expiredNotCleaned()).toBe(0)
  })

  it('CL3: default background cleanup is incremental with n = 5, per state access only', () => {
    const f = use()
    const s = f.ops.getState(ttlWith(StateTtlConfig.newBuilder(10).build()))
    for (let i = 0; i < 7; i++) { f.as(i); s.update(i) }
    f.ops.resetCleanupCursors()
    f.clock.set(10)
    f.ops.onRecord() // not per record by default
    expect(f.ops.expiredNotCleaned()).toBe(7)
    f.as('x'); s.value()
    expect(f.ops.expiredNotCleaned()).toBe(2)
  })

  it('CL3: when the cursor runs out it restarts from the first key on the next access', () => {
    const f = use()
    const s = f.ops.getState(ttlWith(StateTtlConfig.newBuilder(10).cleanupIncrementally(2, false).build()))
    for (const k of ['a', 'b', 'c']) { f.as(k); s.update(1) }
    f.ops.resetCleanupCursors()
    f.as('x')
    f.clock.set(5)
    s.value() // visits 2 keys (nothing expired yet)
    s.value() // visits the last key and runs out
    f.clock.set(10)
    expect(f.ops.expiredNotCleaned()).toBe(3)
    s.value() // restarts: 2 keys
    expect(f.ops.expiredNotCleaned()).toBe(1)
    s.value()
    expect(f.ops.expiredNotCleaned()).toBe(0)
  })

  it('CL3: a cursor that ended exactly on the last key restarts at once on the next access (as initIteratorIfNot)', () => {
    const f = use()
    const s = f.ops.getState(ttlWith(StateTtlConfig.newBuilder(10).cleanupIncrementally(2, false).build()))
    for (const k of ['a', 'b', 'c', 'd']) { f.as(k); s.update(1) }
    f.ops.resetCleanupCursors()
    f.as('x')
    f.clock.set(5)
    s.value() // a, b
    s.value() // c, d: the cursor is at the end but has not said so yet
    f.clock.set(10)
    s.value() // finds the end first, so starts again: a, b
    expect(f.ops.expiredNotCleaned()).toBe(2)
  })

  it('CL3: runCleanupForEveryRecord also advances the cursor on every record, without any state access', () => {
    const f = use()
    const s = f.ops.getState(ttlWith(StateTtlConfig.newBuilder(10).cleanupIncrementally(2, true).build()))
    for (const k of ['a', 'b', 'c', 'd']) { f.as(k); s.update(1) }
    f.ops.resetCleanupCursors()
    f.clock.set(10)
    f.ops.onRecord()
    expect(f.ops.expiredNotCleaned()).toBe(2)
  })

  it('CL3: incremental cleanup drops expired list elements and map entries and keeps unexpired ones', () => {
    const f = use()
    const cfg = StateTtlConfig.newBuilder(10).cleanupIncrementally(10, true).build()
    const l = new ListStateDescriptor<number>('l'); l.enableTimeToLive(cfg)
    const m = new MapStateDescriptor<string, number>('m'); m.enableTimeToLive(cfg)
    const ls = f.ops.getListState(l)
    const ms = f.ops.getMapState(m)
    f.as('a')
    ls.add(1); ms.put('old', 1)
    f.clock.set(5)
    ls.add(2); ms.put('new', 2)
    f.ops.resetCleanupCursors()
    f.clock.set(10)
    f.ops.onRecord()
    expect(f.ops.readRaw('l', '"a"')).toEqual([{ v: 2, t: 5 }])
    expect(f.ops.readRaw('m', '"a"')).toEqual([['"new"', { v: 2, t: 5 }]])
    expect(f.ops.expiredNotCleaned()).toBe(0)
  })

  it('CL3: disableCleanupInBackground() turns incremental cleanup off', () => {
    const f = use()
    const s = f.ops.getState(ttlWith(StateTtlConfig.newBuilder(10).disableCleanupInBackground().build()))
    for (let i = 0; i < 3; i++) { f.as(i); s.update(i) }
    f.clock.set(10)
    f.as('x'); s.value(); s.value(); f.ops.onRecord()
    expect(f.ops.expiredNotCleaned()).toBe(3)
    expect(f.ops.descriptors()[0].ttl?.cleanup).toBe('on access')
  })

  it('CL3: the tracker is told before incremental cleanup deletes another key\'s value', () => {
    const f = use()
    const s = f.ops.getState(ttlWith(StateTtlConfig.newBuilder(10).cleanupIncrementally(5, true).build()))
    f.as('a'); s.update(1)
    f.ops.resetCleanupCursors()
    f.clock.set(10)
    f.tracker.reset()
    f.ops.onRecord()
    expect(f.tracker.calls).toEqual([{ operatorId: 'op-1', stateName: 'v', ttl: true, keyStr: '"a"', before: { v: 1, t: 0 } }])
  })

  it('CL2: the full-snapshot filter drops expired entries from the dump only; local state is untouched', async () => {
    const f = use()
    const v = f.ops.getState(ttlWith(StateTtlConfig.newBuilder(10).disableCleanupInBackground().cleanupFullSnapshot().build()))
    const l = f.ops.getListState(withTtl(new ListStateDescriptor<number>('l'), 10, (b) => b.cleanupFullSnapshot()))
    const m = f.ops.getMapState(withTtl(new MapStateDescriptor<string, number>('m'), 10, (b) => b.cleanupFullSnapshot()))
    const keep = f.ops.getState(withTtl(new ValueStateDescriptor<number>('keep'), 10)) // no cleanupFullSnapshot
    f.as('a'); v.update(1); l.add(1); m.put('old', 1); keep.update(1)
    f.clock.set(5)
    f.as('b'); v.update(2); l.add(2); m.put('new', 2)
    f.as('a'); l.add(3)
    f.clock.set(10)
    const filtered = f.ops.filterForFullSnapshot(await f.backend.dump())
    // The streamed form (savepoints of LevelDB state larger than memory) keeps exactly the same entries.
    const streamed: TableDump[] = []
    for await (const t of f.ops.filterStreamForFullSnapshot(await f.backend.dump())) {
      const entries: Array<[string, unknown]> = []
      for await (const e of t.entries) entries.push(e)
      streamed.push({ meta: t.meta, entries })
    }
    expect(streamed).toEqual(filtered)
    const byName = new Map(filtered.filter((d) => d.meta.operatorId === 'op-1').map((d) => [d.meta.stateName, d.entries]))
    expect(byName.get('v')).toEqual([['"b"', { v: 2, t: 5 }]])
    expect(new Map(byName.get('l'))).toEqual(new Map([['"a"', [{ v: 3, t: 5 }]], ['"b"', [{ v: 2, t: 5 }]]]))
    expect(byName.get('m')).toEqual([['"b"', [['"new"', { v: 2, t: 5 }]]]])
    expect(byName.get('keep')).toEqual([['"a"', { v: 1, t: 0 }]])
    expect(f.ops.expiredNotCleaned()).toBe(4) // v/a, l/a[0], m/a/old, keep/a: nothing was removed locally
    expect(f.ops.readRaw('v', '"a"')).toEqual({ v: 1, t: 0 })

    // After a restore the expired entries are gone (CL2).
    const other = await freshBackend()
    try {
      await other.restore(filtered)
      const g = new StateFixture(other)
      const v2 = g.ops.getState(ttlWith(StateTtlConfig.newBuilder(10).disableCleanupInBackground().cleanupFullSnapshot().build()))
      g.clock.set(10)
      g.as('b')
      expect(v2.value()).toBe(2)
      expect(g.ops.expiredNotCleaned()).toBe(0)
      expect([...g.ops.keys()]).toEqual(['"b"'])
    } finally {
      await other.close()
    }
  })

  it('CL2: dropExpiredForFullSnapshot passes tables through when they have no TTL or no cleanupFullSnapshot', () => {
    const dumps = [
      { meta: { operatorId: 'o', stateName: 'plain', kind: 'value' as const, ttl: false }, entries: [['"a"', 1]] as Array<[string, unknown]> },
      { meta: { operatorId: 'o', stateName: 't', kind: 'value' as const, ttl: true }, entries: [['"a"', { v: 1, t: 0 }]] as Array<[string, unknown]> },
    ]
    const out = dropExpiredForFullSnapshot(dumps, new Map([['o/t', StateTtlConfig.newBuilder(10).build()]]), 100)
    expect(out).toEqual(dumps)
  })
}
