// Restart while a Continue runs (Ctrl+Shift+F5, and the Restart button, which was greyed out while running): the old
// session's step in flight answered after the new session had started, and its reply was applied to the new one (its
// step, its status, "finished"), so the fresh session showed the old run's place.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, expect, it } from 'vitest'
import { setClient } from '../../../src-renderer/src/client'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient, status } from '../fake-client'

let starts = 0

beforeEach(() => {
  setActivePinia(createPinia())
  starts = 0
  setClient(fakeClient({
    'session.start': () => { starts++; return { sessionId: 's' + starts, secret: 'sec', status: status(0), operators: [] } },
    // The old session's step answers late (its run ends there), after the Restart made a new session.
    'session.step': async (id) => {
      await new Promise((r) => setTimeout(r, 30))
      return { steps: [], taken: 25, status: status(id === 's1' ? 25 : 1, { finished: id === 's1' }) }
    },
    'session.stop': () => undefined,
    'session.close': () => undefined,
  }))
  sessionStorage.clear()
  useEditorStore().load('/p/examples/job.ts', 'export default 1')
  useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
})

it('a Restart during a run shows the new session at step 0, not the old session\'s late step reply', async () => {
  const s = useSessionStore()
  await s.start()
  const running = s.run(false)
  await new Promise((r) => setTimeout(r, 5))
  await s.restart()
  await running
  await new Promise((r) => setTimeout(r, 40))
  expect(s.sessionId).toBe('s2')
  expect(s.status?.step).toBe(0)
  expect(s.phase).toBe('ready')
  expect(s.furthest).toBe(0)
})
