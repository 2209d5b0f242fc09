// Pause (F6) during a Continue at real time × N: the replay waited out its pacing wait (up to the 2 s cap) before it
// looked at the Pause, so the button seemed to do nothing for two seconds, the status bar still saying "running".
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, expect, it } from 'vitest'
import { setClient } from '../../../src-renderer/src/client'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient, status } from '../fake-client'

let steps = 0

beforeEach(() => {
  setActivePinia(createPinia())
  steps = 0
  let pt = 1708848000000
  setClient(fakeClient({
    'session.start': () => ({ sessionId: 's1', secret: 'sec1', status: status(0), operators: [] }),
    // Each record a minute of event time after the one before: at ×1 the wait after it is the 2 s cap.
    'session.step': () => { steps++; pt += 60_000; return { steps: [], taken: 1, status: status(steps, { processingTime: pt }) } },
    'session.stop': () => undefined,
    'session.close': () => undefined,
  }))
  sessionStorage.clear()
  useEditorStore().load('/p/examples/job.ts', 'export default 1')
  useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
})

it('Pause during a real-time wait stops the run at once, without another step', async () => {
  const s = useSessionStore()
  await s.start()
  s.speed = 1
  const running = s.run(false)
  await new Promise((r) => setTimeout(r, 100))
  expect(steps).toBeGreaterThanOrEqual(1)
  const at = steps
  const t0 = performance.now()
  s.pause()
  await running
  expect(performance.now() - t0).toBeLessThan(300)
  expect(s.phase).toBe('ready')
  expect(steps).toBe(at)
})

it('Stop during a real-time wait ends the session at once', async () => {
  const s = useSessionStore()
  await s.start()
  s.speed = 1
  const running = s.run(false)
  await new Promise((r) => setTimeout(r, 100))
  const t0 = performance.now()
  await s.stop()
  await running
  expect(performance.now() - t0).toBeLessThan(300)
  expect(s.phase).toBe('ended')
})
