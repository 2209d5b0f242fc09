// --stop-after N (JobRun.runToEnd's stopAfterRecords): the run stops once N input records were processed, and
// N = 0 processes none, so `--stop-after 0 --savepoint-out DIR` is a savepoint of the run before its first record.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HeapStateBackend } from '../../../../src-main/engine/state/heap/heap-backend'
import { JobRun } from '../../../../src-main/engine/runtime/job-run'
import { ArrayRecordingReader } from '../../../../src-main/replay/array-reader'
import type { RecordingItem } from '../../../../src-main/replay/recording-types'
import { compileJob } from '../../../../src-main/sandbox/compile-job'
import { loadJob } from '../../../../src-main/sandbox/load-job'
import { RIFFLE, tempDir } from '../../helpers/run-inline'

const record = (n: number): RecordingItem => ({ kind: 'record', value: { n }, sourceTimestamp: null, origin: { line: n } })
const items: RecordingItem[] = [record(1), record(2), record(3)]

// The job logs each record it maps: what the run processed.
const JOB = `${RIFFLE}
export default (env: any) => env.fromRecording().map((e: any) => { (globalThis as any).riffleTestLog.push(e.n); return e })
`

async function processed(stopAfter: number): Promise<{ mapped: number[]; recordsIn: number; finished: boolean }> {
  const mapped: number[] = []
  ;(globalThis as { riffleTestLog?: number[] }).riffleTestLog = mapped
  const job = loadJob(await compileJob(join(tempDir(), 'job.ts'), JOB))
  const run = await JobRun.create({
    main: job.main, mapper: job.mapper,
    backend: new HeapStateBackend(),
    reader: new ArrayRecordingReader(items),
    reopenReader: async (start) => new ArrayRecordingReader(items, '<memory>', start),
    processingTime: 'follow', drainProcessingTimers: false, batchSize: 2,
  })
  await run.runToEnd(undefined, stopAfter)
  return { mapped, recordsIn: run.driver.recordsIn, finished: run.finished }
}

describe('runToEnd with stopAfterRecords (--stop-after N)', () => {
  it('0 processes no record', async () => {
    expect(await processed(0)).toEqual({ mapped: [], recordsIn: 0, finished: false })
  })

  it('N processes exactly the first N records', async () => {
    expect(await processed(1)).toEqual({ mapped: [1], recordsIn: 1, finished: false })
    expect(await processed(2)).toEqual({ mapped: [1, 2], recordsIn: 2, finished: false })
  })
})
