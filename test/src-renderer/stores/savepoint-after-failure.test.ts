// Load savepoint… after the job threw: the loaded savepoint replaces the run that failed (the session forgets its
// failure), so the editor's error banner and line mark and the Trace view's failed step go too; a step to the failed
// step's number in the loaded run is traced afresh, not shown as the old run's failure. A trace still being read when
// the load comes leaves no "Tracing the step…" over the savepoint's step, which has no trace to read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EffectScope } from 'vue'
import type { FailureView, StepTrace } from '../../../src-main/common/trace-api'
import { RiffleError } from '../../../src-main/common/errors'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { loadSavepoint } from '../../../src-renderer/src/stores/session-savepoint'
import { useTraceStore } from '../../../src-renderer/src/stores/trace'
import { connectedStores } from '../connected-stores'
import { status, type FakeClient } from '../fake-client'
import { findingsThrough, oneStep, settle, startedSession } from './step-answers'

const JOB = '/p/examples/sessionizer-seed.ts'
const thrown = { code: 'JOB_THREW' as const, message: 'boom', where: { file: JOB, line: 33, column: 5 } }
const traceOf = (s: number, error?: typeof thrown): StepTrace => ({
  step: s, kind: 'record', operatorId: 'op', keyStr: '"u1"', watermark: 0, watermarkBefore: 0, processingTime: 0, outputs: [], findings: [],
  entries: [], lines: [26], ...(error ? { error } : {}),
})
const failure: FailureView = { step: 3, error: thrown, where: { file: JOB, line: 33 }, trace: traceOf(3, thrown) }

let client: FakeClient
let scope: EffectScope
let step = 0
/** The run before the load throws at its step 3; the loaded run does not. */
let loaded = false

beforeEach(() => {
  step = 0
  loaded = false
  ;({ client, scope } = connectedStores({
    'session.step': () => {
      if (step === 2 && !loaded) throw RiffleError.fromInfo(thrown)
      return oneStep(++step)
    },
    'session.status': () => status(step),
    'session.failure': () => failure,
    'session.loadSavepoint': (_id, path) => { step = 1; loaded = true; return { path: '/ws/' + String(path), status: status(1) } },
    'session.trace': (_id, s) => traceOf(s as number),
    'session.findings': () => findingsThrough(step),
  }, JOB))
})
afterEach(() => scope.stop())

describe('a savepoint loaded after the job threw', () => {
  it('takes the failure off the editor and the Trace view; the loaded run\'s steps are traced afresh', async () => {
    const s = await startedSession()
    await s.step()
    await s.step()
    await s.step()
    await settle()
    const tr = useTraceStore()
    expect(s.phase).toBe('failed')
    expect(useEditorStore().error?.info.message).toBe('boom')
    expect(tr.failure?.step).toBe(3)

    // The session forgot the failure with the run it replaced.
    client.answers['session.failure'] = () => null
    await loadSavepoint('sp')
    await settle()
    expect(s.phase).toBe('ready')
    expect(useEditorStore().error).toBeNull()
    expect(tr.failure).toBeNull()
    await s.step()
    await s.step()
    await settle()
    expect(s.status?.step).toBe(3)
    expect(tr.trace).toEqual(traceOf(3))
  })

  it('a trace still being read when the savepoint is loaded leaves no "Tracing the step…" behind', async () => {
    const s = await startedSession()
    await s.step()
    await s.step()
    await settle()
    // Step 2's trace is slow (a long step): the load comes while it is read.
    let answer: (t: StepTrace) => void = () => {}
    client.answers['session.trace'] = () => new Promise<StepTrace>((ok) => { answer = ok })
    const tr = useTraceStore()
    const reading = tr.refresh()
    expect(tr.loading).toBe(true)
    await loadSavepoint('sp')
    await settle()
    answer(traceOf(2))
    await reading
    await settle()
    // The savepoint's step has no trace to wait for: the Trace view says why (TracePanel), not that it is tracing.
    expect(s.status?.step).toBe(1)
    expect(tr.trace).toBeNull()
    expect(tr.loading).toBe(false)
  })
})
