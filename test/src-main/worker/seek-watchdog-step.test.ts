// Go to step n past a record the job never returns from, before any step reached it: the watchdog named the last step
// taken one at a time ("Stopped by the watchdog in step 1") and the session went back to step 0, not to the step before
// the loop. Time travel's fast forward took its steps without telling the watchdog which step ran; every step now does.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { SessionWorkerClient } from '../../../src-main/worker/session-worker-client'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

const JOB = `${RIFFLE}class Spin extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    while (e.spin) { /* never returns */ }
    out.collect(e.k)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Spin())
`

describe('a seek into a step the watchdog stops', () => {
  it('names that step and puts the session back at the step before it', async () => {
    const c = writeCase(JOB, [{ k: 'a' }, { k: 'b' }, { k: 'c' }, { k: 'd', spin: true }, { k: 'e' }])
    const s = await SessionWorkerClient.start({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow',
      drainProcessingTimers: false, skipBadLines: false, watchdogMs: 2000,
    })
    try {
      await s.step({ kind: 'step' })
      await expect(s.seek(999)).rejects.toMatchObject({ code: 'JOB_TIMEOUT', message: expect.stringContaining(`${c.recordingPath}:4`) })
      expect(await s.failure()).toMatchObject({ step: 4, error: { code: 'JOB_TIMEOUT' } })
      expect(await s.status()).toMatchObject({ step: 3, recordsIn: 3 })
      expect((await s.outputs(0, 10)).items.map((o) => o.value)).toEqual(['a', 'b', 'c'])
    } finally {
      await s.close()
    }
  }, 120_000)
})
