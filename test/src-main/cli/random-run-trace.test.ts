// `riffle run` and `riffle trace --step N` give a job's Math.random() the same numbers at each step: the seed of a
// step is its number, however the step was reached (straight on, or a session that went to the end and then back).
import { describe, expect, it } from 'vitest'
import { buildRiffleOnce, riffle } from '../helpers/riffle-cli'
import { RIFFLE, writeCase } from '../helpers/run-inline'

buildRiffleOnce()

// Only some keys draw, so the last step that drew is often the step a trace re-runs.
const JOB = `${RIFFLE}class Draw extends KeyedProcessFunction<string, { u: string; n: number }, unknown> {
  processElement(e: { u: string; n: number }, ctx: any, out: any) {
    const got: number[] = []
    for (let i = 0; i < e.n; i++) got.push(Math.random())
    out.collect({ u: e.u, got })
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.u).process(new Draw())
`
const EVENTS = [{ u: 'x', n: 2 }, { u: 'y', n: 0 }, { u: 'x', n: 1 }, { u: 'z', n: 3 }, { u: 'y', n: 0 }]

describe('a job\'s random numbers on the command line', () => {
  it('riffle trace --step N shows the outputs riffle run wrote at step N', () => {
    const c = writeCase(JOB, EVENTS)
    const run = riffle('run', c.jobPath, c.recordingPath, '--out', '-')
    expect(run.code).toBe(0)
    const written = run.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l).value as { got: number[] })
    expect(written.map((v) => v.got.length)).toEqual([2, 0, 1, 3, 0])
    for (const step of [1, 3, 4]) {
      const t = riffle('trace', c.jobPath, c.recordingPath, '--step', String(step), '--json')
      expect(t.code).toBe(0)
      expect(JSON.parse(t.stdout).outputs.map((o: { value: unknown }) => o.value), `step ${step}`).toEqual([written[step - 1]])
    }
  }, 120_000)
})
