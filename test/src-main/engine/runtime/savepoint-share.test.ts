// One subtask's share of a savepoint: a key's owner found from its canonical string (as a savepoint stores
// it) is the subtask keyBy gives the key to, and a savepoint taken in the middle of a step is refused above
// parallelism 1 with a message that says how to resume it.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { keyToString } from '../../../../src-main/engine/runtime/key-codec'
import { ownsKey } from '../../../../src-main/engine/runtime/key-group'
import type { RunSnapshot } from '../../../../src-main/engine/runtime/run-snapshot'
import { ownsKeyString, snapshotShare } from '../../../../src-main/engine/runtime/savepoint-share'

const keyArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.maxSafeInteger(),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 4 }),
)

describe('a subtask\'s share of a savepoint', () => {
  it('owns a key by its canonical string exactly when keyBy gives it the key (any key, 1 to 5 subtasks)', () => {
    fc.assert(fc.property(keyArb, fc.integer({ min: 1, max: 5 }), (key, of) => {
      const owners = Array.from({ length: of }, (_, index) => ownsKeyString({ index, of }, keyToString(key)))
      expect(owners).toEqual(Array.from({ length: of }, (_, index) => ownsKey({ index, of }, key)))
      expect(owners.filter(Boolean)).toHaveLength(1)
    }), { numRuns: 500, seed: 20261205 })
    // Object members are sorted in the string; -0 is written 0: the owner is the same.
    expect(ownsKeyString({ index: 1, of: 2 }, keyToString({ b: 1, a: 'x' }))).toBe(ownsKey({ index: 1, of: 2 }, { a: 'x', b: 1 }))
    expect(ownsKeyString({ index: 0, of: 3 }, keyToString(-0))).toBe(ownsKey({ index: 0, of: 3 }, 0))
  })

  it('refuses a savepoint taken with a record half-delivered, naming --parallelism 1', () => {
    const snap: Omit<RunSnapshot, 'tables'> = {
      format: 'riffle-run-snapshot', version: 1, step: 3,
      driver: { inputEnded: false, endWatermarkSent: false, finished: false, recordsIn: 1, processingTime: 0,
        inFlight: { input: { kind: 'record', value: { k: 'a' }, sourceTimestamp: null, origin: { line: 1 } }, inbox: [], between: [], timerFiredSinceTake: true } },
      reader: { batchStart: { line: 0, byteOffset: 0, items: 0 }, consumed: 1 },
      nodes: [],
    }
    expect(() => snapshotShare('/tmp/sp', snap, { index: 0, of: 2 })).toThrow(/sp: the savepoint was taken in the middle of a step .* only with --parallelism 1/)
    const { inFlight: _, ...quiet } = snap.driver
    expect(snapshotShare('/tmp/sp', { ...snap, driver: quiet }, { index: 0, of: 2 }).step).toBe(3)
  })
})
