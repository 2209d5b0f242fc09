// An AggregatingState's accumulator of a declared type (Types.TUPLE([Types.DOUBLE(), Types.LONG()])) in the key
// detail's Python text (the editor's hover shows it below get()'s value) and in a step's trace: the engine keeps the
// JSON [3, 2], which they showed as [3, 2] where the job's add() and create_accumulator() hold the tuple (3.0, 2).
// get()'s own value is get_result's, of no declared type: the accumulator's type is never applied to it; the trace
// writes it as get_result returned it (the editor's inline hint showed `get: → 3` where the job read 3.0).
import { describe, expect, it } from 'vitest'
import { PY, sumAggregateJob, warmPython } from './python-job-fixture'
import { openInline } from '../../helpers/run-inline'

warmPython()

const JOB = sumAggregateJob('[acc[1], acc[0]]', '        yield self.total.get()')

describe("an AggregatingState's declared accumulator", () => {
  it("is written as the job holds it in the key detail and the trace; get()'s value is not typed by it", async () => {
    const s = await openInline(JOB, [{ u: 'a', ts: 1000, amount: 1.5 }, { u: 'a', ts: 2000, amount: 1.5 }], PY)
    try {
      await s.step({ kind: 'end' })
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const total = (await s.keyState(op, '"a"'))?.states.find((st) => st.name === 'total')
      expect(total?.entries[0]?.value).toEqual([3, 2])
      expect(total?.pythonText).toBe('(3.0, 2)')
      const t = await s.trace(2)
      expect(t.entries.filter((e) => e.kind === 'stateRead' || e.kind === 'stateWrite').map((e) => [e.call, e.result])).toEqual([
        ['total.add(1.5)', '(1.5, 1) → (3.0, 2)'],
        // get() as the job read it: get_result's [2, 3.0], not the engine's JSON [2, 3].
        ['total.get()', '→ [2, 3.0]'],
      ])
    } finally {
      await s.close()
    }
  }, 300_000)
})
