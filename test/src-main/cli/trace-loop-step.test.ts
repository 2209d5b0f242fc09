// `riffle trace` on a step that calls in a loop (thousands of out.collect, prints): the text and --json list the
// step's first 1000 calls and say how many more there were, by kind, instead of printing every one (a step with
// 100,000 outputs took 27 s and 10 MB of text).
import { describe, expect, it } from 'vitest'
import { buildRiffleOnce, riffle } from '../helpers/riffle-cli'
import { RIFFLE, writeCase } from '../helpers/run-inline'

buildRiffleOnce()

const job = `${RIFFLE}class F extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) {
    for (let i = 0; i < 20000; i++) out.collect(i)
    for (let i = 0; i < 3; i++) console.log('done', i)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`

describe('riffle trace on a step with 20,000 outputs', () => {
  it('prints the first 1000 calls, then how many more and of which kinds', () => {
    const c = writeCase(job, [{ k: 'a' }])
    const r = riffle('trace', c.jobPath, c.recordingPath, '--step', '1')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const calls = r.stdout.split('\n').filter((l) => l.includes('out.collect('))
    expect(calls).toHaveLength(1000)
    const line = job.split('\n').findIndex((l) => l.includes('out.collect(i)')) + 1
    expect(calls.at(-1)).toMatch(new RegExp(`job\\.ts:${line} +out\\.collect\\(999\\) +emitted #999$`))
    expect(r.stdout).toContain('\n  … and 19,003 more calls, not listed: 19,000 outputs, 3 printed lines\n')
  })

  it('--json lists as many and counts the rest, calls by kind and outputs', () => {
    const c = writeCase(job, [{ k: 'a' }])
    const r = riffle('trace', c.jobPath, c.recordingPath, '--step', '1', '--json')
    expect(r.code).toBe(0)
    const t = JSON.parse(r.stdout)
    expect(t.entries).toHaveLength(1000)
    expect(t.outputs).toHaveLength(1000)
    expect(t.notListed).toEqual({ entries: 19003, byKind: { output: 19000, console: 3 }, outputs: 19000 })
  })
})
