// Time travel's LevelDB history under the backend alone: random writes to a value table, a map table, a
// key registry and a timer queue (its time index in memory, in LevelDB buckets, or moving there part-way),
// snapshots with and without frames, and restores to random earlier snapshots, nearer or farther than a
// frame (both ways of restoring). After each restore the backend must read exactly what it held at that
// snapshot — tables in order, keys, timers in firing order with their sequence numbers — and go on
// from there as a backend that never moved would (a new branch of snapshots after it).
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { LevelDbStateBackend } from '../../../../../../src-main/engine/state/leveldb/leveldb-backend'
import { LevelDbHistory, type HistoryPart } from '../../../../../../src-main/engine/state/leveldb/history/leveldb-history'
import { removeTempDirs, tempDir } from '../tmp-dirs'

afterAll(removeTempDirs)

type Op =
  | { kind: 'put' | 'remove' | 'mapPut' | 'timer' | 'deleteTimer' | 'poll'; key: number; n: number }
  | { kind: 'capture'; frame: boolean }
  | { kind: 'restore'; back: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 20, arbitrary: fc.record({ kind: fc.constantFrom('put', 'remove', 'mapPut', 'timer', 'timer', 'deleteTimer', 'poll') as fc.Arbitrary<'put'>, key: fc.nat(12), n: fc.nat(40) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('capture' as const), frame: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restore' as const), back: fc.nat(6) }) },
)

const META = { operatorId: 'op', stateName: 'v', kind: 'value', ttl: false } as const
const MAP_META = { operatorId: 'op', stateName: 'm', kind: 'map', ttl: false } as const

describe('LevelDB time-travel history', () => {
  it.each([['memory', Infinity], ['buckets', 0], ['memory, then buckets', 6]] as const)(
    'restores tables, keys and timers to any earlier snapshot exactly (time index in %s)', async (_kind, memoryLimit) => {
      const modes = new Set<string>()
      await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 60, maxLength: 200 }), async (ops) => {
        const b = await LevelDbStateBackend.open({ dir: tempDir(), cacheEntries: 16, batchSize: 4 })
        const h = await LevelDbHistory.open(b, `${tempDir()}/h`)
        try {
          const table = b.valueTable(META)
          const map = b.mapTable(MAP_META)
          const reg = b.keyRegistry('op')
          const q = b.timerQueue('op/event', { maxBucket: 4, memoryLimit })
          const view = async (): Promise<unknown> => {
            const probe = q.peek()
            return { tables: await b.dump(), keys: reg.dump(), timers: q.dump(), seq: q.nextSeq(), size: q.size, head: probe === undefined ? null : [probe.timestamp, probe.keyStr, probe.seq] }
          }
          const parts: HistoryPart[] = [await h.capture(true)]
          const views: unknown[] = [await view()]
          let base = 0
          let step = 0
          for (const o of ops) {
            step++
            const keyStr = JSON.stringify(`k${'key' in o ? o.key : 0}`)
            switch (o.kind) {
              case 'put': reg.touch(`k${o.key}`, keyStr, step, true); table.put(keyStr, { n: o.n, at: step }); break
              case 'remove': table.delete(keyStr); break
              case 'mapPut': map.put(keyStr, `u${o.n % 4}`, o.n); break
              case 'timer': reg.touch(`k${o.key}`, keyStr, step, false); q.register(o.n * 10, keyStr, `k${o.key}`); break
              case 'deleteTimer': q.delete(o.n * 10, keyStr); break
              case 'poll': q.poll(); break
              case 'capture':
                parts.push(await h.capture(o.frame))
                views.push(await view())
                base = parts.length - 1
                break
              case 'restore': {
                const target = Math.max(0, parts.length - 1 - o.back)
                await h.restore(parts, target, base)
                expect(await view(), `restore to ${target} from ${base} (${h.lastRestore?.mode})`).toEqual(views[target])
                modes.add(h.lastRestore!.mode)
                // What comes next is another branch: the snapshots after the target are dropped.
                parts.length = target + 1
                views.length = target + 1
                base = target
                break
              }
            }
            if (step % 7 === 0 && b.needsFlush()) await b.flush()
          }
          // One more restore to the first snapshot, from wherever the ops ended.
          await h.restore(parts, 0, base)
          expect(await view()).toEqual(views[0])
        } finally {
          await h.close()
          await b.close()
        }
      }), { numRuns: 15 })
      // Both ways of restoring were taken.
      expect([...modes].sort()).toEqual(['full', 'partial'])
    }, 300_000)
})
