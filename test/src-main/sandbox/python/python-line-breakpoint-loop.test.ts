// A conditional line breakpoint or logpoint on a line inside a loop of a Python job (real Pyodide): its condition is
// evaluated at each run of the line in the step, over the loop's variables as they were at that run, as a Python
// debugger evaluates one in the frame at each hit.
import { describe, expect, it } from 'vitest'
import { openInline } from '../../helpers/run-inline'
import { PY, warmPython } from './python-job-fixture'

warmPython()

const JOB = `from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, e, ctx):
        total = 0
        seen = []
        for x in e["xs"]:
            total += x  # BODY
            seen.append(x)
        yield [e["k"], total]

def job(events):
    return events.key_by(lambda e: e["k"]).process(F())
`
const BODY = JOB.split('\n').findIndex((l) => l.includes('# BODY')) + 1
const RECORDS = [{ k: 'a', xs: [1, 2, 3] }, { k: 'b', xs: [1, 5, 2, 7] }, { k: 'a', xs: [0, 4] }]

describe('a conditional breakpoint inside a loop (Python)', () => {
  it('stops at the step where the condition holds at some run of the line; a logpoint logs each run with its locals', async () => {
    const s = await openInline(JOB, RECORDS, PY)
    try {
      expect(await s.setBreakpoints([
        { id: 'big', kind: 'line', line: BODY, condition: 'x > 3' },
        { id: 'lp', kind: 'line', line: BODY, log: 'f"{key}:{x}:{total}:{seen}"' },
      ])).toEqual([{ id: 'big', ok: true }, { id: 'lp', ok: true }])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toMatchObject({ id: 'big', step: 2, keyStr: '"b"', detail: `line ${BODY} (run 2)` })
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ id: 'big', step: 3, keyStr: '"a"', detail: `line ${BODY} (run 2)` })
      // Each run, the locals as they were then (the list copied: it grows after).
      expect((await s.logpointHits('lp')).map((h) => [h.step, h.value])).toEqual([
        [1, 'a:1:0:[]'], [1, 'a:2:1:[1]'], [1, 'a:3:3:[1, 2]'],
        [2, 'b:1:0:[]'], [2, 'b:5:1:[1]'], [2, 'b:2:6:[1, 5]'], [2, 'b:7:8:[1, 5, 2]'],
        [3, 'a:0:0:[]'], [3, 'a:4:0:[0]'],
      ])
      // A step back re-runs the steps: the hits stay as they were.
      await s.stepBack()
      expect((await s.logpointHits('lp'))).toHaveLength(9)
    } finally {
      await s.close()
    }
  }, 120_000)
})
