// JobRunOptions.onInput: a job hears of each input batch before the first of its steps (a Python job decodes a
// batch's records in one call), whether the run pulls it or a restore re-reads it.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HeapStateBackend } from '../../../../src-main/engine/state/heap/heap-backend'
import { JobRun } from '../../../../src-main/engine/runtime/job-run'
import { ArrayRecordingReader } from '../../../../src-main/replay/array-reader'
import type { RecordingItem } from '../../../../src-main/replay/recording-types'
import { compileJob } from '../../../../src-main/sandbox/compile-job'
import { loadJob } from '../../../../src-main/sandbox/load-job'
import { RIFFLE, tempDir } from '../../helpers/run-inline'

const record = (n: number, line: number): RecordingItem => ({ kind: 'record', value: { n }, sourceTimestamp: null, origin: { line } })
const items: RecordingItem[] = [record(1, 1), record(2, 2), { kind: 'watermark', watermark: 5, origin: { line: 3 } }, record(3, 4), record(4, 5), record(5, 6)]

// The job reports each record it maps, so the log shows batches and steps in the order they happened.
const JOB = `${RIFFLE}
export default (env: any) => env.fromRecording().map((e: any) => { (globalThis as any).riffleTestLog.push('map ' + e.n); return e })
`

async function newRun(log: string[]): Promise<JobRun> {
  (globalThis as { riffleTestLog?: string[] }).riffleTestLog = log
  const job = loadJob(await compileJob(join(tempDir(), 'job.ts'), JOB))
  const describeBatch = (items: readonly RecordingItem[]): string =>
    `batch ${items.map((i) => (i.kind === 'record' ? (i.value as { n: number }).n : i.kind)).join(',')}`
  return JobRun.create({
    main: job.main, mapper: job.mapper,
    backend: new HeapStateBackend(),
    reader: new ArrayRecordingReader(items),
    reopenReader: async (start) => new ArrayRecordingReader(items, '<memory>', start),
    processingTime: 'follow', drainProcessingTimers: false, batchSize: 2,
    onInput: (items) => log.push(describeBatch(items)),
  })
}

describe('JobRun onInput', () => {
  it('is told of every batch before its first step, and of the end of input', async () => {
    const log: string[] = []
    await (await newRun(log)).runToEnd()
    expect(log).toEqual(['batch 1,2', 'map 1', 'map 2', 'batch watermark,3', 'map 3', 'batch 4,5', 'map 4', 'map 5', 'batch '])
  })

  it('is told of the batch a restore re-reads before the restored run steps on', async () => {
    const log: string[] = []
    const run = await newRun(log)
    await run.step()
    await run.step()
    await run.step()
    const snap = await run.snapshot()
    log.length = 0
    await run.restore(snap)
    await run.step()
    expect(log).toEqual(['batch watermark,3', 'map 3'])
  })
})
