// Next timer (Shift+F11) on a job with no timers, or Next output (F11) after the last output: the replay ran to the
// end of the recording and said nothing, so the jump to "finished" read as a step that skipped ahead, or a bug.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { StepView } from '../../../src-main/common/views'
import { setClient } from '../../../src-renderer/src/client'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient, status, type FakeClient } from '../fake-client'

let client: FakeClient
const view = (step: number, kind: 'record' | 'timer', outputs = 0): StepView =>
  ({ step, kind, outputs: Array.from({ length: outputs }, (_, i) => ({ seq: i })), changes: [], touchedKeys: [], watermark: 0, processingTime: 0 }) as unknown as StepView

beforeEach(() => {
  setActivePinia(createPinia())
  client = fakeClient({
    'session.start': () => ({ sessionId: 's1', secret: 'sec1', status: status(0), operators: [] }),
    'session.stop': () => undefined,
    'session.close': () => undefined,
  })
  setClient(client)
  sessionStorage.clear()
  useEditorStore().load('/p/examples/job.ts', 'export default 1')
  useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
})

describe('Next timer / Next output that reach the end without one', () => {
  it('say that none came before the end of the run', async () => {
    const s = useSessionStore()
    await s.start()
    client.answers['session.step'] = () => ({ steps: [view(40, 'record', 1)], taken: 40, status: status(40, { finished: true }) })
    await s.step('timer')
    expect(s.phase).toBe('finished')
    expect(s.requestNote?.text).toBe('Next timer: no timer fired from here to the end of the run (step 40).')
  })

  it('say nothing when the step they stopped at is the one they looked for, even at the end', async () => {
    const s = useSessionStore()
    await s.start()
    client.answers['session.step'] = () => ({ steps: [view(41, 'timer')], taken: 1, status: status(41, { finished: true }) })
    await s.step('timer')
    expect(s.requestNote).toBeNull()
    await s.start()
    client.answers['session.step'] = () => ({ steps: [view(9, 'record', 2)], taken: 3, status: status(9) })
    await s.step('output')
    expect(s.requestNote).toBeNull()
    client.answers['session.step'] = () => ({ steps: [view(40, 'record')], taken: 31, status: status(40, { finished: true }) })
    await s.step('output')
    expect(s.requestNote?.text).toBe('Next output: no step emitted an output from here to the end of the run (step 40).')
  })
  // The note stayed up after Stop, beside "Stopped.", until the next Start: it is about the session, so it goes with it.
  it('go when the session they were about ends: Stop, the service ending it, Restart', async () => {
    const s = useSessionStore()
    const noTimer = async (): Promise<void> => {
      client.answers['session.step'] = () => ({ steps: [view(40, 'record')], taken: 40, status: status(40, { finished: true }) })
      await s.step('timer')
      expect(s.requestNote?.text).toContain('Next timer: no timer fired')
    }
    await s.start()
    await noTimer()
    await s.stop()
    expect(s.requestNote).toBeNull()

    await s.start()
    await noTimer()
    client.emit('session.ended', { sessionId: 's1', reason: 'Closed after an hour without a client.', error: null })
    expect(s.requestNote).toBeNull()

    await s.start()
    await noTimer()
    // Restart: gone as soon as the old session is closed, not only once the new one has started.
    let noteWhileClosing: unknown = 'not asked'
    client.answers['session.close'] = () => { noteWhileClosing = s.requestNote; return undefined }
    await s.restart()
    expect(noteWhileClosing).toBeNull()
    expect(s.requestNote).toBeNull()
  })
})
