// Test helper: the renderer's stores as the window runs them. A fresh Pinia, the fake service (fake-client.ts) with the
// test's answers over those of a session 's1' with no keys, timers or outputs that takes every breakpoint, a job in the
// editor over clicks-small, and the stores following one another (connectStores) until the returned scope is stopped
// (the next test has new stores).
import { createPinia, setActivePinia } from 'pinia'
import { type EffectScope, effectScope } from 'vue'
import type { RequestName } from '../../src-main/common/contract'
import type { BreakpointSpec } from '../../src-main/common/debug-api'
import { setClient } from '../../src-renderer/src/client'
import { connectStores } from '../../src-renderer/src/stores/connect-stores'
import { useEditorStore } from '../../src-renderer/src/stores/editor'
import { useRecordingsStore } from '../../src-renderer/src/stores/recordings'
import { fakeClient, status, type FakeClient } from './fake-client'

const EMPTY_SESSION: Partial<Record<RequestName, (...args: unknown[]) => unknown>> = {
  'session.start': () => ({ sessionId: 's1', status: status(0), operators: [] }),
  'session.close': () => undefined,
  'session.setBreakpoints': (_id, list) => (list as BreakpointSpec[]).map((b) => ({ id: b.id, ok: true })),
  'session.logpointHits': () => [],
  'session.keys': () => ({ total: 0, offset: 0, items: [] }),
  'session.timers': () => ({ total: 0, offset: 0, items: [] }),
  'session.outputs': () => ({ total: 0, offset: 0, items: [] }),
  'session.outputTail': () => ({ total: 0, offset: 0, items: [], step: 0 }),
}

export function connectedStores(answers: FakeClient['answers'], jobPath = '/p/examples/job.ts'): { client: FakeClient; scope: EffectScope } {
  setActivePinia(createPinia())
  const client = fakeClient({ ...EMPTY_SESSION, ...answers })
  setClient(client)
  useEditorStore().load(jobPath, 'export default 1')
  useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
  const scope = effectScope()
  scope.run(() => connectStores())
  return { client, scope }
}
