// While a session is put back after a watchdog stop (a TypeScript job stuck outside a loop of its own, in a regular
// expression that backtracks without end, which no loop guard reaches: a fresh worker re-runs it from the start to the
// step before the stopped one), its progress is pushed as statuses that say so (restoringTo), so the app can show
// how far the re-run got rather than take the re-run's step for where the session stands.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunStatusView } from '../../../src-main/common/views'
import { SessionWorkerClient } from '../../../src-main/worker/session-worker-client'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

const JOB = `${RIFFLE}class Spin extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    if (e.spin) /^(a+)+$/.test('a'.repeat(40) + '!') // backtracks for longer than anyone waits
    out.collect(e.k)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Spin())
`

describe('putting a session back after a watchdog stop', () => {
  it('pushes its progress as statuses marked restoringTo, up to the step it goes back to, and none after', async () => {
    const n = 3000
    const c = writeCase(JOB, Array.from({ length: n }, (_, i) => ({ k: `k${i % 10}`, ...(i + 1 === n ? { spin: true } : {}) })))
    const pushed: RunStatusView[] = []
    const client = await SessionWorkerClient.start({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow',
      drainProcessingTimers: false, skipBadLines: false, watchdogMs: 1000,
    }, { onStatus: (s) => pushed.push(s) })
    try {
      await expect(client.step({ kind: 'end' })).rejects.toMatchObject({ code: 'JOB_TIMEOUT' })
      expect((await client.status()).step).toBe(n - 1)
      const progress = pushed.filter((s) => s.restoringTo !== undefined)
      // The first 256 steps re-run say so at once (no wait for the push interval): at least that one.
      expect(progress.length).toBeGreaterThanOrEqual(1)
      expect(progress[0]!.step).toBe(256)
      for (const s of progress) {
        expect(s.restoringTo).toBe(n - 1)
        expect(s.step).toBeLessThan(n - 1)
      }
      // Steps taken afterwards push plain statuses again.
      await client.seek(0)
      const before = pushed.length
      await client.step({ kind: 'continue' }).catch(() => null)
      expect(pushed.slice(before).every((s) => s.restoringTo === undefined)).toBe(true)
    } finally {
      await client.close()
    }
  }, 60_000)
})
