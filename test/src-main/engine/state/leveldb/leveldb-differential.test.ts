// Differential test (state level): random sequences of state calls of every kind, with
// and without TTL, a moving TTL clock and CL3 incremental cleanup, through OperatorState on the heap and
// on LevelDB with a tiny cache. Every call's result and the final dumps must be identical.
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, ValueStateDescriptor } from '../../../../../src-main/engine/api/descriptors'
import { StateTtlConfig } from '../../../../../src-main/engine/api/ttl-config'
import type { ListState, MapState, ReducingState, ValueState } from '../../../../../src-main/engine/api/state'
import type { StateBackend } from '../../../../../src-main/engine/state/backend'
import { HeapStateBackend } from '../../../../../src-main/engine/state/heap/heap-backend'
import { LevelDbStateBackend } from '../../../../../src-main/engine/state/leveldb/leveldb-backend'
import { OperatorState } from '../../../../../src-main/engine/state/operator-state'
import { keyToString } from '../../../../../src-main/engine/runtime/key-codec'
import { removeTempDirs, tempDir } from './tmp-dirs'

afterAll(removeTempDirs)

type Op = { key: number; advance: number; what: number; a: number; b: number }
const opArb: fc.Arbitrary<Op> = fc.record({ key: fc.nat(8), advance: fc.constantFrom(0, 0, 1, 7, 40), what: fc.nat(19), a: fc.nat(5), b: fc.integer({ min: -50, max: 50 }) })

interface Handles { v: ValueState<number>; l: ListState<number>; m: MapState<number, number>; r: ReducingState<number>; tv: ValueState<number>; tl: ListState<number>; tm: MapState<number, number> }

function setup(backend: StateBackend, clock: { t: number }, key: { keyStr: string | null }): { ops: OperatorState; h: Handles } {
  const time = { stampTime: () => clock.t, now: () => clock.t }
  const ops = new OperatorState({ operatorId: 'op', backend, keyContext: key, ttlTime: time })
  const ttl = (visible: boolean): StateTtlConfig => {
    const b = StateTtlConfig.newBuilder(30)
    if (visible) b.returnExpiredIfNotCleanedUp()
    return b.cleanupIncrementally(3, true).cleanupFullSnapshot().build()
  }
  const tv = new ValueStateDescriptor<number>('tv'); tv.enableTimeToLive(ttl(true))
  const tl = new ListStateDescriptor<number>('tl'); tl.enableTimeToLive(ttl(false))
  const tm = new MapStateDescriptor<number, number>('tm'); tm.enableTimeToLive(ttl(true))
  const h: Handles = {
    v: ops.getState(new ValueStateDescriptor<number>('v')),
    l: ops.getListState(new ListStateDescriptor<number>('l')),
    m: ops.getMapState(new MapStateDescriptor<number, number>('m')),
    r: ops.getReducingState(new ReducingStateDescriptor<number>('r', (x, y) => x + y)),
    tv: ops.getState(tv), tl: ops.getListState(tl), tm: ops.getMapState(tm),
  }
  return { ops, h }
}

function call(h: Handles, o: Op): unknown {
  switch (o.what) {
    case 0: h.v.update(o.b); return null
    case 1: return h.v.value()
    case 2: h.v.clear(); return null
    case 3: h.l.add(o.b); return null
    case 4: return [...h.l.get()]
    case 5: h.l.update(o.b > 40 ? [] : [o.b, o.a]); return null
    case 6: h.m.put(o.a, o.b); return null
    case 7: return h.m.get(o.a)
    case 8: h.m.remove(o.a); return null
    case 9: return [...h.m.entries()]
    case 10: return [h.m.isEmpty(), h.m.contains(o.a)]
    case 11: h.r.add(o.b); return h.r.get()
    case 12: h.tv.update(o.b); return null
    case 13: return h.tv.value()
    case 14: h.tl.add(o.b); return null
    case 15: return [...h.tl.get()]
    case 16: h.tm.put(o.a, o.b); return null
    case 17: return [...h.tm.entries()]
    case 18: return [h.tm.get(o.a), h.tm.isEmpty()]
    default: h.m.clear(); h.tm.clear(); return null
  }
}

async function runOn(backend: StateBackend, ops: Op[]): Promise<{ results: unknown[]; dump: unknown; keys: string[] }> {
  const clock = { t: 1 }
  const key = { keyStr: null as string | null }
  const { ops: os, h } = setup(backend, clock, key)
  const results: unknown[] = []
  for (const [i, o] of ops.entries()) {
    clock.t += o.advance
    key.keyStr = keyToString(o.key)
    os.onRecord()
    results.push(call(h, o))
    if (i % 50 === 49) await backend.flush()
  }
  return { results, dump: await backend.dump(), keys: [...os.keys()] }
}

describe('heap and LevelDB agree', () => {
  it('on every state call result, key order and final dump for random call sequences', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 150, maxLength: 400, size: 'max' }), async (ops) => {
      const ldb = await LevelDbStateBackend.open({ dir: tempDir(), cacheEntries: 24, batchSize: 6 })
      try {
        const a = await runOn(new HeapStateBackend(), ops)
        const b = await runOn(ldb, ops)
        expect(b.results).toEqual(a.results)
        expect(b.keys).toEqual(a.keys)
        expect(b.dump).toEqual(a.dump)
      } finally {
        await ldb.close()
      }
    }), { numRuns: 40 })
  })
})
