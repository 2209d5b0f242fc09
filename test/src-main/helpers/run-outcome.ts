// Test helper: what a debug session's run has produced so far (its outputs and one key's state), and that of the same
// job run to its end with nothing else done, so a test can check that something it did (a watch) changed nothing.
import type { DebugSession } from '../../../src-main/debugger/debug-session'
import { openInline, type InlineOptions, type RecLine } from './run-inline'

/** The values of every output the session has so far, and key `keyStr`'s state values, state by state. */
export async function runOutcome(s: DebugSession, keyStr: string): Promise<unknown> {
  const outs = (await s.outputs(0, 1000)).items.map((o) => o.value)
  const op = (await s.operators()).find((o) => o.keyed)!.id
  return { outs, state: (await s.keyState(op, keyStr))?.states.map((v) => v.entries.map((e) => e.value)) }
}

/** runOutcome of the job run to its end in a session of its own, with nothing else done. */
export async function plainOutcome(job: string, lines: RecLine[], keyStr: string, o: InlineOptions = {}): Promise<unknown> {
  const s = await openInline(job, lines, o)
  try {
    await s.step({ kind: 'end' })
    return await runOutcome(s, keyStr)
  } finally {
    await s.close()
  }
}
