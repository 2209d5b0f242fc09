// A step asked for while a watch expression that never returns is being stopped by the watchdog (the worker is busy
// in it, and then replaced): the step waits for the fresh worker and then happens, from the step the session stood
// at; only the watch's own answer says it was stopped, with the watch's message.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { SessionWorkerClient } from '../../../src-main/worker/session-worker-client'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

const JOB = `${RIFFLE}class Count extends KeyedProcessFunction<any, any, any> {
  n!: any
  open(ctx: any) { this.n = ctx.getState(new ValueStateDescriptor('n', Types.LONG)) }
  processElement(e: any, ctx: any, out: any) { this.n.update((this.n.value() ?? 0) + 1) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Count())
`

describe('a step asked for while the watchdog stops a watch expression', () => {
  it('waits for the session to be back and then steps; the watch alone says it was stopped, with its own message', async () => {
    const c = writeCase(JOB, [{ k: 'a' }, { k: 'a' }, { k: 'b' }], { jobName: 'job.ts' })
    const client = await SessionWorkerClient.start({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow',
      drainProcessingTimers: false, skipBadLines: false, watchdogMs: 500,
    })
    try {
      await client.step({ kind: 'step' })
      const op = (await client.operators()).find((o) => o.keyed)!.id
      const watch = client.watch(op, '"a"', ['(() => { for (;;) { /* never returns */ } })()']).then((w) => w[0]!.stopped && w[0]!.error, (e: Error) => e.message)
      const step = client.step({ kind: 'step' }).then((r) => r.status.step, (e: Error) => e.message)
      const keys = client.keys({ operatorId: op, offset: 0, limit: 10 }).then((p) => p.items.map((k) => k.keyStr), (e: Error) => e.message)
      expect(await watch).toBe('a watch expression did not return within 500 ms (an endless loop?): it was stopped, and the session is back at step 1')
      expect(await step).toBe(2)
      expect(await keys).toEqual(['"a"'])
      expect(await client.failure()).toBeNull()
      expect((await client.step({ kind: 'step' })).status.step).toBe(3)
    } finally {
      await client.close()
    }
  }, 60_000)
})
