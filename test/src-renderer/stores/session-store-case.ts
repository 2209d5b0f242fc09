// The session store tests' common setup: a fresh Pinia, a fake service whose steps count up (5 ms each), a job in
// the editor and a recording chosen, and no session remembered by the tab.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach } from 'vitest'
import { setClient } from '../../../src-renderer/src/client'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { fakeClient, status, type FakeClient } from '../fake-client'

export interface SessionStoreCase {
  client: FakeClient
  /** Steps the fake service has taken since the test began. */
  stepsTaken: number
}

/** Registers the setup (before each test of the calling file); the returned object holds the test's client. */
export function sessionStoreCase(): SessionStoreCase {
  const c: SessionStoreCase = { client: fakeClient(), stepsTaken: 0 }
  beforeEach(() => {
    setActivePinia(createPinia())
    c.stepsTaken = 0
    c.client = fakeClient({
      'session.start': () => ({ sessionId: 's1', secret: 'sec1', status: status(0), operators: [] }),
      'session.step': async () => {
        const step = ++c.stepsTaken
        await new Promise((r) => setTimeout(r, 5))
        return { steps: [{ step, kind: 'record', outputs: [], changes: [], touchedKeys: [], watermark: 0, processingTime: 0 }], taken: 1, status: status(step) }
      },
      'session.stop': () => undefined,
      'session.close': () => undefined,
    })
    setClient(c.client)
    sessionStorage.clear()
    useEditorStore().load('/p/examples/job.ts', 'export default 1')
    useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
  })
  return c
}
