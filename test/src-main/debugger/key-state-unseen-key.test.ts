// The key detail of a key the run has not reached at this step (after a seek back, or a pinned key): its key
// group is the key's own (Flink's murmur hash of the key), never -1, and the view says the key does not exist at
// this step (the app says so, as a debugger says a variable is out of scope), until the run reaches it again.
import { describe, expect, it } from 'vitest'
import type { DebugSession } from '../../../src-main/debugger/debug-session'
import { keyGroupOf } from '../../../src-main/engine/runtime/key-group'
import { openInline, RIFFLE, type RecLine } from '../helpers/run-inline'

const JOB = `${RIFFLE}class C extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { out.collect(e.k) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new C())
`

/** Opens a session over JOB and the records, takes the first step (so the keyed operator exists) and runs the check
 *  with the session and that operator's id; the session is closed after, pass or fail. */
async function afterFirstStep(records: RecLine[], check: (s: DebugSession, op: string) => Promise<void>): Promise<void> {
  const s = await openInline(JOB, records)
  try {
    await s.step({ kind: 'step' })
    await check(s, (await s.operators()).find((o) => o.keyed)!.id)
  } finally {
    await s.close()
  }
}

describe('keyState of a key not seen yet', () => {
  it('has its real key group after seeking back before its first event', async () => {
    await afterFirstStep([{ k: 'a' }, { k: 'b' }], async (s, op) => {
      await s.step({ kind: 'step' })
      expect((await s.keyState(op, '"b"'))!.keyGroup).toBe(keyGroupOf('b'))
      await s.seek(0)
      expect((await s.keyState(op, '"b"'))!.keyGroup).toBe(keyGroupOf('b'))
    })
  }, 60_000)

  it('says the key does not exist at a step before its first event, and exists again once a seek forward passes it', async () => {
    await afterFirstStep([{ k: 'a' }, { k: 'b' }, { k: 'a' }], async (s, op) => {
      expect((await s.keyState(op, '"b"'))!.notReached).toBe(true)
      expect((await s.keyState(op, '"a"'))!.notReached).toBeUndefined()
      await s.step({ kind: 'step' })
      await s.step({ kind: 'step' })
      expect((await s.keyState(op, '"b"'))!.notReached).toBeUndefined()
      await s.seek(1)
      expect((await s.keyState(op, '"b"'))!.notReached).toBe(true)
      await s.seek(3)
      expect((await s.keyState(op, '"b"'))!.notReached).toBeUndefined()
    })
  }, 60_000)
})
