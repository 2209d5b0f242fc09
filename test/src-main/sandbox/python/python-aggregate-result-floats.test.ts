// An AggregatingState's get() is the aggregate's get_result(acc), which PyFlink hands to the job as the Python object
// it returned: a sum of floats that reaches 3.0 is the float 3.0. The result crosses the engine as JavaScript's
// number, which has no 3.0, so the job's own get() and a debugger expression (a watch, a condition, `self.total.get()`)
// read the int 3 unless they take the Python value get_result returned.
import { describe, expect, it } from 'vitest'
import { PY, sumAggregateJob, warmPython } from './python-job-fixture'
import { mainValues, openInline, runInline } from '../../helpers/run-inline'

warmPython()

const JOB = sumAggregateJob('acc[0] if acc[1] < 3 else {"sum": acc[0], "parts": [acc[0] / 2, acc[1]]}', '        t = self.total.get()\n        yield repr(t)')

const EVENTS = [{ u: 'a', ts: 1000, amount: 1.5 }, { u: 'a', ts: 2000, amount: 1.5 }, { u: 'a', ts: 3000, amount: 3 }]
const LINE = JOB.split('\n').findIndex((l) => l.includes('yield repr(t)')) + 1

describe("an AggregatingState's whole-number float result", () => {
  it("is a float to the job's own get(), as get_result returned it", async () => {
    expect(mainValues(await runInline(JOB, EVENTS, PY))).toEqual(['1.5', '3.0', "{'sum': 6.0, 'parts': [3.0, 3]}"])
  }, 300_000)

  it('is a float to a watch, a condition and self.total.get(), as the job reads it', async () => {
    const s = await openInline(JOB, EVENTS, PY)
    try {
      expect(await s.setBreakpoints([{ id: 'c', kind: 'line', line: LINE, condition: 'type(total) is float and total == 3 and type(self.total.get()) is float' }, { id: 'l', kind: 'line', line: LINE, log: 'total' }]))
        .toEqual([{ id: 'c', ok: true }, { id: 'l', ok: true }])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toMatchObject({ id: 'c', keyStr: '"a"' })
      expect(r.breakpointHit?.error).toBeUndefined()
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const w = await s.watch(op, '"a"', ['total', 'self.total.get()', 'type(self.total.get()).__name__'])
      expect(w.map((v) => v.error ?? v.text)).toEqual(['3.0', '3.0', "'float'"])
      await s.step({ kind: 'end' })
      // A log message reads it as the job does at each hit.
      expect((await s.logpointHits('l')).map((h) => h.value)).toEqual(['1.5', '3.0', "{'sum': 6.0, 'parts': [3.0, 3]}"])
      expect((await s.watch(op, '"a"', ['total', 'self.total.get()'])).map((v) => v.error ?? v.text))
        .toEqual(["{'sum': 6.0, 'parts': [3.0, 3]}", "{'sum': 6.0, 'parts': [3.0, 3]}"])
    } finally {
      await s.close()
    }
  }, 300_000)
})
