// After a watchdog stop the session stands at the step before the stopped one, with its keys; the key detail said
// "Select a key" there (Continue from step 0: nothing selected yet), where a seek to that step selects its key. The
// stopped step has no trace (re-tracing it loops again), so the inspector follows the step the session stands at.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type EffectScope, nextTick } from 'vue'
import type { StepTrace } from '../../../src-main/common/trace-api'
import { RiffleError } from '../../../src-main/common/errors'
import { useInspectorStore } from '../../../src-renderer/src/stores/inspector'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { useTraceStore } from '../../../src-renderer/src/stores/trace'
import { connectedStores } from '../connected-stores'
import { status, type FakeClient } from '../fake-client'

const STOP = { code: 'JOB_TIMEOUT' as const, message: "the job's code did not return within 5000 ms" }
let client: FakeClient
let scope: EffectScope
const settle = async (): Promise<void> => { for (let i = 0; i < 10; i++) { await new Promise((r) => setTimeout(r, 1)); await nextTick() } }
const traceOf = (step: number, keyStr: string): StepTrace => ({
  step, kind: 'record', operatorId: 'op', keyStr, watermark: 0, watermarkBefore: 0, processingTime: 0, entries: [], lines: [], outputs: [], findings: [],
})

beforeEach(() => {
  localStorage.clear()
  ;({ client, scope } = connectedStores({
    // Continue: the watchdog stops step 3; the session is back at step 2 (u2's).
    'session.step': () => { throw RiffleError.fromInfo(STOP) },
    'session.status': () => status(2),
    'session.failure': () => ({ step: 3, error: STOP, where: null }),
    'session.trace': (_id, s) => { if (s === 3) throw RiffleError.fromInfo(STOP); return traceOf(s as number, s === 2 ? '"u2"' : '"u1"') },
    'session.findings': () => ({ enabled: true, findings: [], throughStep: 2 }),
    'session.keys': () => ({ total: 2, offset: 0, items: [] }),
    'session.keyState': (_id, op, key) => ({ operatorId: op, keyStr: key, keyGroup: 0, states: [], timers: [] }),
  }))
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
