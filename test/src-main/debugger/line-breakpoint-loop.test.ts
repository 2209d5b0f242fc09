// A conditional line breakpoint or logpoint on a line inside a loop (a TypeScript job): its condition is evaluated at
// each run of the line in the step, over the loop's variables as they were at that run (as VS Code evaluates one at
// each hit), not once at the line's first run; a long loop is evaluated for its first EACH_RUN_LIMIT runs per key.
import { describe, expect, it } from 'vitest'
import { EACH_RUN_LIMIT } from '../../../src-main/engine/observe/line-probe'
import { openInline, RIFFLE } from '../helpers/run-inline'

const JOB = `${RIFFLE}
class F extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) {
    let sum = 0
    for (const x of e.xs) {
      sum += x // BODY
    }
    out.collect([e.k, sum])
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`
const BODY = JOB.split('\n').findIndex((l) => l.includes('// BODY')) + 1
const RECORDS = [{ k: 'a', xs: [1, 2, 3] }, { k: 'b', xs: [1, 5, 2, 7] }, { k: 'a', xs: [0, 4] }]

describe('a conditional breakpoint inside a loop', () => {
  it('stops at the step where the condition holds at some run of the line, and a logpoint logs each run with its locals', async () => {
    const s = await openInline(JOB, RECORDS)
    try {
      expect(await s.setBreakpoints([
        { id: 'big', kind: 'line', line: BODY, condition: 'x > 3' },
        { id: 'lp', kind: 'line', line: BODY, log: '`${key}:${x}:${sum}`' },
      ])).toEqual([{ id: 'big', ok: true }, { id: 'lp', ok: true }])
      // Step 1's xs are 1, 2, 3: no run has x > 3. Step 2's second run has x = 5.
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toMatchObject({ id: 'big', step: 2, keyStr: '"b"', detail: `line ${BODY} (run 2)` })
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ id: 'big', step: 3, keyStr: '"a"', detail: `line ${BODY} (run 2)` })
      // Each run, the loop's variables as they were then (sum before the line's addition).
      expect((await s.logpointHits('lp')).map((h) => [h.step, h.value])).toEqual([
        [1, 'a:1:0'], [1, 'a:2:1'], [1, 'a:3:3'],
        [2, 'b:1:0'], [2, 'b:5:1'], [2, 'b:2:6'], [2, 'b:7:8'],
        [3, 'a:0:0'], [3, 'a:4:0'],
      ])
    } finally {
      await s.close()
    }
  })

  it('a condition that throws at a run is said once for its key and step; a name that is no local stays an error', async () => {
    const s = await openInline(JOB, RECORDS)
    try {
      await s.setBreakpoints([{ id: 'nope', kind: 'line', line: BODY, condition: 'nothere > 1' }])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit).toMatchObject({ id: 'nope', step: 1, detail: `condition at line ${BODY} threw` })
      expect(r.breakpointHit?.error).toMatch(/nothere is not defined/)
    } finally {
      await s.close()
    }
  })

  it('a loop longer than the limit is evaluated for its first runs only, in bounded time', async () => {
    const n = EACH_RUN_LIMIT + 500
    const s = await openInline(JOB, [{ k: 'a', xs: Array.from({ length: n }, (_, i) => i) }])
    try {
      await s.setBreakpoints([{ id: 'lp', kind: 'line', line: BODY, log: 'x' }])
      await s.step({ kind: 'end' })
      const hits = await s.logpointHits('lp')
      expect(hits).toHaveLength(EACH_RUN_LIMIT)
      expect(hits.at(-1)?.value).toBe(String(EACH_RUN_LIMIT - 1))
      expect((await s.outputs(0, 10)).items[0].value).toEqual(['a', (n * (n - 1)) / 2])
    } finally {
      await s.close()
    }
  })
})
