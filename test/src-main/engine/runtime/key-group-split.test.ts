// --parallelism N in the engine: each subtask runs the whole recording through the stateless prefix and
// keeps only its own key groups at keyBy. The subtasks' outputs together are the single run's output (as a
// multiset, each key's records in the same order), on random jobs and recordings (fast-check).
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import type { ProcessingTimeMode } from '../../../../src-main/common/views'
import { JobRun } from '../../../../src-main/engine/runtime/job-run'
import { HeapStateBackend } from '../../../../src-main/engine/state/heap/heap-backend'
import { ArrayRecordingReader } from '../../../../src-main/replay/array-reader'
import { compileJob } from '../../../../src-main/sandbox/compile-job'
import { loadJob } from '../../../../src-main/sandbox/load-job'
import { jobSource, jobSpecArb, recordingArb } from '../differential-jobs'
import { removeDifferentialDbs, runOn, toItems, type Options } from '../differential-run'

afterAll(removeDifferentialDbs)

const optionsArb: fc.Arbitrary<Options> = fc.record({ processingTime: fc.constantFrom<ProcessingTimeMode>('follow', 'manual'), drain: fc.boolean() })

/** True when `part` is `whole` with some lines left out (the order of those kept unchanged). */
function isSubsequence(part: string[], whole: string[]): boolean {
  let j = 0
  for (const line of part) {
    while (j < whole.length && whole[j] !== line) j++
    if (j === whole.length) return false
    j++
  }
  return true
}

describe('a run split by key group (--parallelism)', () => {
  it('two and three subtasks together output what one run does: the same multiset, each subtask in the order of the single run', async () => {
    let outputs = 0
    await fc.assert(
      fc.asyncProperty(jobSpecArb, recordingArb, optionsArb, fc.constantFrom(2, 3), async (spec, lines, o, n) => {
        const source = jobSource(spec)
        const items = toItems(lines)
        const whole = await runOn(source, items, o, { name: 'heap' })
        fc.pre(whole.error === null)
        const parts = []
        for (let index = 0; index < n; index++) parts.push(await runOn(source, items, { ...o, keyGroups: { index, of: n } }, { name: 'heap' }))
        for (const p of parts) expect(p.error).toBeNull()
        const joined = parts.flatMap((p) => p.out)
        expect([...joined].sort()).toEqual([...whole.out].sort())
        // A subtask outputs what the single run outputs for its keys, in the same order.
        for (const p of parts) expect(isSubsequence(p.out, whole.out)).toBe(true)
        outputs += whole.out.length
      }),
      { numRuns: Number(process.env.RIFFLE_DIFF_RUNS ?? 40), seed: Number(process.env.RIFFLE_DIFF_SEED ?? 20261205) },
    )
    expect(outputs).toBeGreaterThan(300)
  }, 120_000)

  it('refuses a job with two keyBy calls, naming --parallelism', async () => {
    const source = `export default function job(env: any) {
      return env.fromRecording().keyBy((e: any) => e.k).process({ processElement(e: any, ctx: any, out: any) { out.collect(e) } })
        .keyBy((e: any) => e.n).process({ processElement(e: any, ctx: any, out: any) { out.collect(e) } })
    }`
    const job = loadJob(await compileJob('/tmp/two-keybys.ts', source))
    expect(() => JobRun.create({
      main: job.main, mapper: job.mapper, backend: new HeapStateBackend(), reader: new ArrayRecordingReader([]),
      processingTime: 'follow', drainProcessingTimers: false, keyGroups: { index: 0, of: 2 },
    })).toThrow(/--parallelism above 1 .* 2 keyBy calls/)
  })
})
