// The one run opener: what it opened is closed again when a later step fails, the sink is made only once
// the job compiled and the inputs are open, close() may be called twice, and a run opened without
// observation has nothing to observe it with.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LevelDbStateBackend } from '../../../../src-main/engine/state/leveldb/leveldb-backend'
import { openRun, type OpenRunOptions } from '../../../../src-main/engine/runtime/open-run'
import { RIFFLE, writeCase } from '../../helpers/run-inline'

const JOB = `${RIFFLE}
class Pass extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { out.collect(e) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Pass())
`

function options(job: string, stateDir?: string): OpenRunOptions {
  const c = writeCase(job, [{ k: 'a' }, { k: 'b' }])
  return {
    jobPath: c.jobPath, recordingPath: c.recordingPath, skipBadLines: false, backend: stateDir === undefined ? 'heap' : 'leveldb',
    stateDir: stateDir === undefined ? undefined : join(c.dir, stateDir), processingTime: 'follow', drainProcessingTimers: false,
  }
}

describe('openRun', () => {
  it('a job that does not compile never gets its sink made, and leaves the state directory free', async () => {
    const o = options('export default (env: any) => {', 'state')
    let sinks = 0
    await expect(openRun({ ...o, sink: () => { sinks++; return () => {} } })).rejects.toMatchObject({ code: 'JOB_COMPILE' })
    expect(sinks).toBe(0)
    const again = await LevelDbStateBackend.open({ dir: o.stateDir! })
    await again.close()
  })

  it('runs to the end into its sink; close() twice ends the same way; without observation there is no hub', async () => {
    const seen: unknown[] = []
    const opened = await openRun({ ...options(JOB), sink: () => (_tag, v) => { seen.push(v) } })
    expect(opened.run.rc.observer).toBeNull()
    expect(() => opened.run.observe({})).toThrow(/without observation/)
    await opened.run.runToEnd()
    await opened.close()
    await opened.close()
    expect(seen).toEqual([{ k: 'a' }, { k: 'b' }])
  })
})
