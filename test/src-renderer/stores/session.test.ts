// The session store: starts from the editor's buffer and the chosen recording, applies step results,
// queues quick F10 presses instead of dropping them, pauses on a throwing job with the error shown in the
// editor, and treats the STOPPED replies of a session the user stopped as no error.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { watch } from 'vue'
import { RiffleError } from '../../../src-main/common/errors'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useMessagesStore } from '../../../src-renderer/src/stores/messages'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { status, type FakeClient } from '../fake-client'
import { sessionStoreCase } from './session-store-case'

const c = sessionStoreCase()
let client: FakeClient
beforeEach(() => { client = c.client })

describe('session store', () => {
  it('Start right after picking another job runs the picked job, not the one still on screen while it loads', async () => {
    const s = useSessionStore()
    client.answers['files.read'] = async (p) => { await new Promise((r) => setTimeout(r, 20)); return { path: p, source: 'export default 9' } }
    // The Examples menu opens without waiting; the user clicks Start before the file has arrived.
    const opened = useEditorStore().open('/p/examples/picked.ts')
    await s.start()
    await opened
    expect(client.calls.find((c) => c.name === 'session.start')!.args[0]).toMatchObject({ jobPath: '/p/examples/picked.ts', jobSource: 'export default 9' })
    expect(s.editedSinceStart).toBe(false)
  })

  it('F5 continues a run that can go on, and with nothing to continue (no session, the run\'s end, a throw) starts the editor\'s job', async () => {
    const s = useSessionStore()
    await s.continueOrStart()
    expect(client.calls.filter((c) => c.name === 'session.start')).toHaveLength(1)
    // Mid-run: Continue (to the run's end here), no new session.
    client.answers['session.step'] = () => ({ steps: [], taken: 0, status: status(5, { finished: true }) })
    await s.continueOrStart()
    expect(client.calls.filter((c) => c.name === 'session.start')).toHaveLength(1)
    expect(client.calls.some((c) => c.name === 'session.step' && (c.args[1] as { kind: string }).kind === 'continue')).toBe(true)
    // At the run's end, after picking another job: F5 starts it.
    expect(s.phase).toBe('finished')
    useEditorStore().load('/p/examples/other.ts', 'export default 3')
    await s.continueOrStart()
    expect(client.calls.filter((c) => c.name === 'session.start').map((c) => (c.args[0] as { jobPath: string }).jobPath)).toEqual(['/p/examples/job.ts', '/p/examples/other.ts'])
    // After the job threw (the run cannot go on) F5 starts it again; while a run goes, F5 does nothing.
    s.phase = 'failed'
    await s.continueOrStart()
    expect(client.calls.filter((c) => c.name === 'session.start')).toHaveLength(3)
    s.phase = 'running'
    await s.continueOrStart()
    expect(client.calls.filter((c) => c.name === 'session.start')).toHaveLength(3)
  })

  it('Start after a pick that failed to open runs the job on screen', async () => {
    const s = useSessionStore()
    client.answers['files.read'] = async () => { await new Promise((r) => setTimeout(r, 5)); throw new RiffleError('BAD_ARGUMENT', 'file not found: gone.ts') }
    const opened = useEditorStore().open('/p/examples/gone.ts').catch(() => {})
    await s.start()
    await opened
    expect(client.calls.find((c) => c.name === 'session.start')!.args[0]).toMatchObject({ jobPath: '/p/examples/job.ts', jobSource: 'export default 1' })
  })

  it('starts a session from the editor buffer and the chosen recording', async () => {
    const s = useSessionStore()
    useEditorStore().edit('export default 2')
    await s.start()
    expect(client.calls.find((c) => c.name === 'session.start')!.args[0]).toMatchObject({
      jobPath: '/p/examples/job.ts', jobSource: 'export default 2', recordingPath: '/p/recordings/clicks-small.jsonl', backend: 'heap', processingTime: 'follow',
    })
    expect(s.phase).toBe('ready')
    expect(s.editedSinceStart).toBe(false)
    useEditorStore().edit('export default 3')
    expect(s.editedSinceStart).toBe(true)
  })

  it('knows when the backend or processing-time menu no longer says what the session runs on (they apply at Restart)', async () => {
    const s = useSessionStore()
    await s.start()
    expect(s.optionsChanged).toEqual([])
    s.backend = 'leveldb'
    expect(s.optionsChanged).toEqual(['backend: heap'])
    s.processingTime = 'manual'
    expect(s.optionsChanged).toEqual(['backend: heap', 'processing time: follow'])
    await s.start()
    expect(client.calls.filter((c) => c.name === 'session.start').at(-1)!.args[0]).toMatchObject({ backend: 'leveldb', processingTime: 'manual' })
    expect(s.optionsChanged).toEqual([])
  })

  it('knows when the recording menu no longer names the recording the session replays (it applies at Restart)', async () => {
    const s = useSessionStore()
    await s.start()
    useRecordingsStore().select('/p/recordings/payments.jsonl')
    expect(s.optionsChanged).toEqual(['recording: clicks-small.jsonl'])
    await s.start()
    expect(client.calls.filter((c) => c.name === 'session.start').at(-1)!.args[0]).toMatchObject({ recordingPath: '/p/recordings/payments.jsonl' })
    expect(s.optionsChanged).toEqual([])
  })

  it('starting on a recording with no events says so plainly (and still starts)', async () => {
    const recs = useRecordingsStore()
    recs.add({ path: '/p/recordings/empty.jsonl', name: 'empty.jsonl', bytes: 0, gzip: false, format: 'jsonl', events: 0, controlLines: 0, firstTimestamp: null, lastTimestamp: null })
    const s = useSessionStore()
    await s.start()
    expect(s.phase).toBe('ready')
    const toast = useMessagesStore().toasts.find((t) => t.text.includes('empty.jsonl has no events'))
    expect(toast?.kind).toBe('warning')
    // A recording with events says nothing of the kind.
    useMessagesStore().toasts.forEach((t) => useMessagesStore().dismiss(t.id))
    useRecordingsStore().add({ path: '/p/recordings/clicks-small.jsonl', name: 'clicks-small.jsonl', bytes: 10, gzip: false, format: 'jsonl', events: 40, controlLines: 0, firstTimestamp: 1, lastTimestamp: 2 })
    await s.start()
    expect(useMessagesStore().toasts.some((t) => t.text.includes('no events'))).toBe(false)
  })

  it("a new Start clears the previous run's toasts, even when it fails to compile", async () => {
    const s = useSessionStore()
    await s.start()
    client.answers['session.step'] = () => { throw RiffleError.fromInfo({ code: 'JOB_TIMEOUT', message: "the job's code did not return within 2000 ms", where: { file: '/p/examples/other.ts', line: 41 } }) }
    await s.step()
    expect(useMessagesStore().toasts.some((t) => t.text.includes('other.ts:41'))).toBe(true)
    client.answers['session.start'] = () => { throw RiffleError.fromInfo({ code: 'JOB_COMPILE', message: 'job.ts:1:20: Expected ")"', where: { file: '/p/examples/job.ts', line: 1, column: 20 } }) }
    await s.start()
    expect(s.phase).toBe('failed')
    expect(useMessagesStore().toasts.filter((t) => t.kind !== 'info')).toEqual([])
    expect(useMessagesStore().history.some((m) => m.text.includes('other.ts:41'))).toBe(true) // still in Messages
  })

  it('two quick steps both happen, in order', async () => {
    const s = useSessionStore()
    await s.start()
    await Promise.all([s.step(), s.step()])
    expect(s.status?.step).toBe(2)
    expect(s.steps.map((x) => x.step)).toEqual([1, 2])
  })

  it('a throwing job pauses the replay and shows the error, the line and the event in the editor', async () => {
    const s = useSessionStore()
    await s.start()
    client.answers['session.step'] = () => { throw RiffleError.fromInfo({ code: 'JOB_THREW', message: 'boom', where: { file: 'job.ts', line: 7, column: 3 }, input: { line: 12, value: { a: 1 } } }) }
    await s.step()
    expect(s.phase).toBe('failed')
    expect(useEditorStore().error).toMatchObject({ kind: 'runtime', info: { where: { line: 7 }, input: { line: 12 } } })
    expect(s.canStep).toBe(false)
  })

  it('after a watchdog stop, says the session is being put back and how far its re-run got, not the re-run\'s step as where it stands', async () => {
    const s = useSessionStore()
    await s.start()
    client.emit('session.status', { sessionId: 's1', status: status(900) })
    let back = (): void => {}
    // The session's status answers once it is back at the step before the stopped one.
    client.answers['session.status'] = () => new Promise((resolve) => { back = () => resolve(status(999)) })
    client.answers['session.step'] = () => { throw RiffleError.fromInfo({ code: 'JOB_TIMEOUT', message: 'did not return', input: { line: 1000, value: null } }) }
    await s.step()
    expect(s.restoring).toEqual({ progress: null })
    client.emit('session.status', { sessionId: 's1', status: { ...status(400), restoringTo: 999 } })
    expect(s.restoring).toEqual({ progress: { step: 400, target: 999 } })
    expect(s.status?.step).toBe(900)
    back()
    await vi.waitFor(() => expect(s.restoring).toBeNull())
    expect(s.status?.step).toBe(999)
  })

  it('Stop during a run ends the session without reporting the STOPPED reply as an error', async () => {
    const s = useSessionStore()
    await s.start()
    let release: () => void = () => {}
    client.answers['session.step'] = () => new Promise((_ok, fail) => { release = () => fail(RiffleError.fromInfo({ code: 'STOPPED', message: 'stopped' })) })
    const running = s.run(false)
    await new Promise((r) => setTimeout(r, 1))
    expect(s.phase).toBe('running')
    await s.stop()
    release()
    await running
    expect(s.phase).toBe('ended')
    expect(s.error).toBeNull()
  })

  it('Pause stops a Continue between chunks', async () => {
    const s = useSessionStore()
    await s.start()
    const running = s.run(false)
    await new Promise((r) => setTimeout(r, 12))
    s.pause()
    await running
    expect(s.phase).toBe('ready')
    const stepsAtPause = c.stepsTaken
    await new Promise((r) => setTimeout(r, 20))
    expect(c.stepsTaken).toBe(stepsAtPause)
  })

  it('real time × N steps record by record, waiting the event-time distance divided by N', async () => {
    const s = useSessionStore()
    await s.start()
    const targets: string[] = []
    let pt = 1708848000000
    client.answers['session.step'] = (_id, target) => {
      targets.push((target as { kind: string }).kind)
      pt += 1000 // each record one second of event time later
      return { steps: [], taken: 1, status: status(targets.length, { processingTime: pt }) }
    }
    s.speed = 100 // 1 s of event time → 10 ms of wall time
    const t0 = performance.now()
    const running = s.run(false)
    await new Promise((r) => setTimeout(r, 120))
    s.pause()
    await running
    expect(new Set(targets)).toEqual(new Set(['record']))
    const perStep = (performance.now() - t0) / targets.length
    expect(perStep).toBeGreaterThanOrEqual(9)
    expect(targets.length).toBeLessThan(20)
  })

  // Before the first record the processing time is the epoch (1970): the first record's distance from it was taken
  // as event time to wait, so Continue at real time × N from step 0 (or after a seek there) sat for the 2 s cap
  // before the second step, as if the button did nothing.
  it('real time × N does not wait before the first record of the run (no earlier event to measure from)', async () => {
    const s = useSessionStore()
    await s.start()
    s.status = status(0, { recordsIn: 0, processingTime: 0, watermark: -9223372036854775808 })
    const targets: string[] = []
    let pt = 1708848000000
    client.answers['session.step'] = (_id, target) => {
      targets.push((target as { kind: string }).kind)
      pt += 1000
      return { steps: [], taken: 1, status: status(targets.length, { processingTime: pt }) }
    }
    s.speed = 100
    const running = s.run(false)
    await new Promise((r) => setTimeout(r, 150))
    s.pause()
    await running
    expect(targets.length).toBeGreaterThanOrEqual(3)
  })
})
