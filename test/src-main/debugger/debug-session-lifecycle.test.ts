// Opening and closing a DebugSession: failures to open release what they took, so the
// app can reopen the same recording and LevelDB state directory after the user fixes the job.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DebugSession } from '../../../src-main/debugger/debug-session'
import { RIFFLE, tempDir, writeCase } from '../helpers/run-inline'

const job = (openBody: string): string => `${RIFFLE}class X extends KeyedProcessFunction<any, any, any> {
  c: any
  open(rc: any) {
    ${openBody}
    this.c = rc.getState(new ValueStateDescriptor('c', Types.INT))
  }
  processElement(e: any, ctx: any, out: any) { this.c.update((this.c.value() ?? 0) + 1); out.collect(this.c.value()) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new X())
`

describe('DebugSession lifecycle', () => {
  it('a job whose open() throws fails with JOB_THREW at that line and leaves the LevelDB state directory unlocked', async () => {
    const bad = writeCase(job("throw new Error('cannot open')"), [{ k: 1 }, { k: 1 }])
    const good = writeCase(job(''), [{ k: 1 }, { k: 1 }])
    const stateDir = join(tempDir(), 'state')
    const o = { backend: 'leveldb' as const, stateDir, processingTime: 'follow' as const, drainProcessingTimers: false, skipBadLines: false }
    const err = await DebugSession.open({ ...o, jobPath: bad.jobPath, recordingPath: bad.recordingPath }).then(() => null, (e: { code: string; where?: { line: number } }) => e)
    expect(err).toMatchObject({ code: 'JOB_THREW', where: { line: 9 } })
    const s = await DebugSession.open({ ...o, jobPath: good.jobPath, recordingPath: good.recordingPath })
    try {
      const r = await s.step({ kind: 'end' })
      expect(r.status).toMatchObject({ finished: true, recordsOut: 2 })
      expect((await s.outputs(0, 10)).items.map((x) => x.value)).toEqual([1, 2])
    } finally {
      await s.close()
    }
  })

  it('jobSource replaces the file\'s content (the editor\'s unsaved buffer), and errors still name the job path', async () => {
    const c = writeCase(job(''), [{ k: 1 }])
    const s = await DebugSession.open({
      jobPath: c.jobPath, jobSource: job("if (1 + 1 === 2) throw new Error('from the buffer')"), recordingPath: c.recordingPath,
      backend: 'heap', processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false,
    }).then(() => null, (e: { code: string; where?: { file: string; line: number } }) => e)
    expect(s).toMatchObject({ code: 'JOB_THREW', where: { file: c.jobPath, line: 9 } })
  })

  it('a closed session refuses to step with SESSION_CLOSED', async () => {
    const c = writeCase(job(''), [{ k: 1 }])
    const s = await DebugSession.open({ jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false })
    await s.close()
    await expect(s.step({ kind: 'step' })).rejects.toMatchObject({ code: 'SESSION_CLOSED' })
    await s.close() // closing twice is harmless
  })
})

describe('after the job threw', () => {
  const throwing = `${RIFFLE}class B extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { out.collect('before ' + e.k); if (e.bad) throw new Error('bad ' + e.k); out.collect('after ' + e.k) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new B())
`
  it('the session stays stopped at the throw (same error) instead of skipping the rest of the record, and views still answer', async () => {
    const c = writeCase(throwing, [{ k: 'a' }, { k: 'b', bad: true }, { k: 'c' }])
    const s = await DebugSession.open({ jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false })
    try {
      await expect(s.step({ kind: 'end' })).rejects.toMatchObject({ code: 'JOB_THREW', input: { line: 2 } })
      await expect(s.step({ kind: 'step' })).rejects.toMatchObject({ code: 'JOB_THREW', input: { line: 2 } })
      expect((await s.outputs(0, 10)).items.map((o) => o.value)).toEqual(['before a', 'after a', 'before b'])
      expect((await s.keys({ sort: 'key', offset: 0, limit: 10 })).items.map((k) => k.key)).toEqual(['a', 'b'])
    } finally {
      await s.close()
    }
  })

  it('restoring an earlier snapshot lets it step again (and reach the same throw)', async () => {
    const c = writeCase(throwing, [{ k: 'a' }, { k: 'b', bad: true }, { k: 'c' }])
    const s = await DebugSession.open({ jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false })
    try {
      await s.step({ kind: 'step' })
      const snap = await s.snapshot()
      await expect(s.step({ kind: 'step' })).rejects.toMatchObject({ code: 'JOB_THREW' })
      await s.restore(snap)
      expect((await s.status()).step).toBe(1)
      await expect(s.step({ kind: 'step' })).rejects.toMatchObject({ code: 'JOB_THREW', input: { line: 2 } })
    } finally {
      await s.close()
    }
  })
})
