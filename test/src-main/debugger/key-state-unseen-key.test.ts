// The key detail of a key the run has not reached at this step (after a seek back, or a pinned key): its key
// group is the key's own (Flink's murmur hash of the key), never -1, and the view says the key does not exist at
// this step (the app says so, as a debugger says a variable is out of scope), until the run reaches it again.
import { describe, expect, it } from 'vitest'
import { DebugSession } from '../../../src-main/debugger/debug-session'
import { keyGroupOf } from '../../../src-main/engine/runtime/key-group'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const JOB = `${RIFFLE}class C extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { out.collect(e.k) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new C())
`

describe('keyState of a key not seen yet', () => {
  it('has its real key group after seeking back before its first event', async () => {
    const c = writeCase(JOB, [{ k: 'a' }, { k: 'b' }])
    const s = await DebugSession.open({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false,
      skipBadLines: false, echoJobOutput: false,
    })
    try {
      await s.step({ kind: 'step' })
      const op = (await s.operators()).find((o) => o.keyed)!.id
      await s.step({ kind: 'step' })
      expect((await s.keyState(op, '"b"'))!.keyGroup).toBe(keyGroupOf('b'))
      await s.seek(0)
      expect((await s.keyState(op, '"b"'))!.keyGroup).toBe(keyGroupOf('b'))
    } finally {
      await s.close()
    }
  }, 60_000)

  it('says the key does not exist at a step before its first event, and exists again once a seek forward passes it', async () => {
    const c = writeCase(JOB, [{ k: 'a' }, { k: 'b' }, { k: 'a' }])
    const s = await DebugSession.open({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false,
      skipBadLines: false, echoJobOutput: false,
    })
    try {
      await s.step({ kind: 'step' })
      const op = (await s.operators()).find((o) => o.keyed)!.id
      expect((await s.keyState(op, '"b"'))!.notReached).toBe(true)
      expect((await s.keyState(op, '"a"'))!.notReached).toBeUndefined()
      await s.step({ kind: 'step' })
      await s.step({ kind: 'step' })
      expect((await s.keyState(op, '"b"'))!.notReached).toBeUndefined()
      await s.seek(1)
      expect((await s.keyState(op, '"b"'))!.notReached).toBe(true)
      await s.seek(3)
      expect((await s.keyState(op, '"b"'))!.notReached).toBeUndefined()
    } finally {
      await s.close()
    }
  }, 60_000)
})
