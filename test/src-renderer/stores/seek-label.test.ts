// The time-travel bar's "seek N ms" (session.lastSeek) is the cost of the last Go to step / Step back: it stayed up
// after later steps and after Continue ("seek 103.2 ms" long after the seek), reading as the cost of where the session
// now stands. Any move other than a seek clears it; Continue's own re-take of a hit step is not the user's seek.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { BreakpointSpec, SeekResult } from '../../../src-main/common/debug-api'
import type { StepView } from '../../../src-main/common/views'
import { setClient } from '../../../src-renderer/src/client'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient, status, type FakeClient } from '../fake-client'

let client: FakeClient
const view = (step: number): StepView =>
  ({ step, kind: 'record', outputs: [], changes: [], touchedKeys: [], watermark: 0, processingTime: 0 })
const seekTo = (step: number): SeekResult => ({ status: status(step), last: step === 0 ? null : view(step), millis: 103.2, fromSnapshot: 0 })

beforeEach(() => {
  setActivePinia(createPinia())
  client = fakeClient({
    'session.start': () => ({ sessionId: 's1', status: status(0), operators: [] }),
    'session.close': () => undefined,
    'session.setBreakpoints': (_id, list) => (list as BreakpointSpec[]).map((b) => ({ id: b.id, ok: true })),
    'session.logpointHits': () => [],
    'session.seek': (_id, step) => seekTo(step as number),
    'session.stepBack': () => seekTo(4),
  })
  setClient(client)
  useEditorStore().load('/p/examples/job.ts', 'export default 1')
  useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
})

describe("the last seek's cost", () => {
  it('is shown after a seek and a step back, and cleared by the next step', async () => {
    const s = useSessionStore()
    await s.start()
    await s.seek(5)
    expect(s.lastSeek).toEqual({ millis: 103.2, fromSnapshot: 0 })
    client.answers['session.step'] = () => ({ steps: [view(6)], taken: 1, status: status(6) })
    await s.step('step')
    expect(s.lastSeek).toBe(null)
    await s.stepBack()
    expect(s.lastSeek).not.toBe(null)
  })

  it('is cleared by Continue, also when Continue re-takes the hit step to show it', async () => {
    const s = useSessionStore()
    await s.start()
    await s.seek(3)
    const hit = { id: 'bp1', kind: 'key' as const, step: 9, keyStr: '"u1"', detail: 'key "u1"' }
    client.answers['session.step'] = () => ({ steps: [view(9)], taken: 6, status: status(9), breakpointHit: hit })
    await s.run(false)
    expect(client.calls.at(-1)).toMatchObject({ name: 'session.seek', args: ['s1', 9] })
    expect(s.lastHit).toEqual(hit)
    expect(s.lastSeek).toBe(null)
  })
})
