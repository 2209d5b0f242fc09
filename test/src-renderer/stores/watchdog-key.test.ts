// After a watchdog stop the session stands at the step before the stopped one, with its keys; the key detail said
// "Select a key" there (Continue from step 0: nothing selected yet), where a seek to that step selects its key. The
// stopped step has no trace (re-tracing it loops again), so the inspector follows the step the session stands at.
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type EffectScope, effectScope, nextTick } from 'vue'
import type { BreakpointSpec } from '../../../src-main/common/debug-api'
import type { StepTrace } from '../../../src-main/common/trace-api'
import { RiffleError } from '../../../src-main/common/errors'
import { setClient } from '../../../src-renderer/src/client'
import { connectStores } from '../../../src-renderer/src/stores/connect-stores'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useInspectorStore } from '../../../src-renderer/src/stores/inspector'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { useTraceStore } from '../../../src-renderer/src/stores/trace'
import { fakeClient, status, type FakeClient } from '../fake-client'

const STOP = { code: 'JOB_TIMEOUT' as const, message: "the job's code did not return within 5000 ms" }
let client: FakeClient
let scope: EffectScope
const settle = async (): Promise<void> => { for (let i = 0; i < 10; i++) { await new Promise((r) => setTimeout(r, 1)); await nextTick() } }
const traceOf = (step: number, keyStr: string): StepTrace => ({
  step, kind: 'record', operatorId: 'op', keyStr, watermark: 0, watermarkBefore: 0, processingTime: 0, entries: [], lines: [], outputs: [], findings: [],
})

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
  client = fakeClient({
    'session.start': () => ({ sessionId: 's1', status: status(0), operators: [] }),
    'session.close': () => undefined,
    'session.setBreakpoints': (_id, list) => (list as BreakpointSpec[]).map((b) => ({ id: b.id, ok: true })),
    'session.logpointHits': () => [],
    // Continue: the watchdog stops step 3; the session is back at step 2 (u2's).
    'session.step': () => { throw RiffleError.fromInfo(STOP) },
    'session.status': () => status(2),
    'session.failure': () => ({ step: 3, error: STOP, where: null }),
    'session.trace': (_id, s) => { if (s === 3) throw RiffleError.fromInfo(STOP); return traceOf(s as number, s === 2 ? '"u2"' : '"u1"') },
    'session.findings': () => ({ enabled: true, findings: [], throughStep: 2 }),
    'session.keys': () => ({ total: 2, offset: 0, items: [] }),
    'session.keyState': (_id, op, key) => ({ operatorId: op, keyStr: key, keyGroup: 0, states: [], timers: [] }),
    'session.timers': () => ({ total: 0, offset: 0, items: [] }), 'session.outputs': () => ({ total: 0, offset: 0, items: [] }),
    'session.outputTail': () => ({ total: 0, offset: 0, items: [], step: 0 }),
  })
  setClient(client)
  useEditorStore().load('/p/examples/job.ts', 'export default 1')
  useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
  scope = effectScope()
  scope.run(() => connectStores())
})
afterEach(() => scope.stop())

describe('after a watchdog stop', () => {
  it('the inspector shows the key of the step the session stands at, as a seek there does', async () => {
    const s = useSessionStore()
    await s.start()
    await s.run(false)
    await settle()
    expect(s.phase).toBe('failed')
    expect(s.status?.step).toBe(2)
    expect(useInspectorStore().selected).toEqual({ operatorId: 'op', keyStr: '"u2"' })
  })

  it('a pinned key stays selected, as through a seek', async () => {
    const s = useSessionStore()
    await s.start()
    await useInspectorStore().selectKey('op', '"u1"')
    useTraceStore().togglePin()
    await s.run(false)
    await settle()
    expect(useInspectorStore().selected).toEqual({ operatorId: 'op', keyStr: '"u1"' })
  })
})
