// Go to step n past a step where the job throws, before any step reached it: the app showed a lesser error than a
// step into the same throw gives ("onTimer threw: boom" with no job line, no input, no timer) and the session kept no
// failure (no trace of the throwing step). Seeking runs the same job code as stepping: its throw is the same error,
// at the job's line, with the record or timer it was processing, and the session stands at it as after a step.
import { describe, expect, it } from 'vitest'
import { DebugSession } from '../../../src-main/debugger/debug-session'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const JOB = `${RIFFLE}class B extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    out.collect(e.k)
    if (e.bad) throw new Error('bad ' + e.k)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new B())
`
const LINE = JOB.split('\n').findIndex((l) => l.includes("throw new Error('bad '")) + 1
const EVENTS = [{ k: 'a' }, { k: 'b' }, { k: 'c' }, { k: 'd', bad: true }, { k: 'e' }]

const c = writeCase(JOB, EVENTS)
async function open(): Promise<DebugSession> {
  return DebugSession.open({ jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false })
}

describe('seeking past a step the job throws in', () => {
  it('gives the error a step into it gives, at the job\'s line with its input, and stands at the throw', async () => {
    const stepped = await open()
    let expected: { message: string; where?: unknown; input?: unknown }
    try {
      expected = await stepped.step({ kind: 'end' }).then(() => { throw new Error('no throw') }, (e: { message: string; where?: unknown; input?: unknown }) => e)
    } finally {
      await stepped.close()
    }
    expect(expected.where).toMatchObject({ line: LINE })
    for (const target of [999, 4]) {
      const s = await open()
      try {
        await s.step({ kind: 'step' })
        const err = await s.seek(target).then(() => null, (e: { code: string; message: string; where?: unknown; input?: unknown }) => e)
        expect(err).toMatchObject({ code: 'JOB_THREW', where: { line: LINE }, input: { line: 4 } })
        expect(err!.message).toBe(expected.message)
        // The session stands at the throw, as after a step into it: the failure with its step and line.
        expect(await s.failure()).toMatchObject({ step: 4, where: { line: LINE } })
        // A step from there reaches the same throw; a seek back works.
        await expect(s.step({ kind: 'step' })).rejects.toMatchObject({ code: 'JOB_THREW', input: { line: 4 } })
        expect((await s.seek(2)).status.step).toBe(2)
      } finally {
        await s.close()
      }
    }
  }, 60_000)
})
