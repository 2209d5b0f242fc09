// The session store: starts from the editor's buffer and the chosen recording, applies step results,
// queues quick F10 presses instead of dropping them, pauses on a throwing job with the error shown in the
// editor, and treats the STOPPED replies of a session the user stopped as no error.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { watch } from 'vue'
import { RiffleError } from '../../../src-main/common/errors'
import { setClient } from '../../../src-renderer/src/client'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useMessagesStore } from '../../../src-renderer/src/stores/messages'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient, status, type FakeClient } from '../fake-client'

let client: FakeClient
let step = 0

beforeEach(() => {
  setActivePinia(createPinia())
  step = 0
  client = fakeClient({
    'session.start': () => ({ sessionId: 's1', secret: 'sec1', status: status(0), operators: [] }),
    'session.step': async () => { step++; await new Promise((r) => setTimeout(r, 5)); return { steps: [{ step, kind: 'record', outputs: [], changes: [], touchedKeys: [], watermark: 0, processingTime: 0 }], taken: 1, status: status(step) } },
    'session.stop': () => undefined,
    'session.close': () => undefined,
  })
  setClient(client)
  sessionStorage.clear()
  useEditorStore().load('/p/examples/job.ts', 'export default 1')
  useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
})

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
    const stepsAtPause = step
    await new Promise((r) => setTimeout(r, 20))
    expect(step).toBe(stepsAtPause)
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

  it('keeps the session\'s id and secret in this tab\'s sessionStorage while it runs, and forgets them when it ends', async () => {
    const s = useSessionStore()
    await s.start()
    expect(JSON.parse(sessionStorage.getItem('riffle.session')!)).toEqual({ sessionId: 's1', secret: 'sec1' })
    await s.stop()
    expect(sessionStorage.getItem('riffle.session')).toBeNull()
    await s.start()
    client.emit('session.ended', { sessionId: 's1', reason: 'gone', error: null })
    expect(sessionStorage.getItem('riffle.session')).toBeNull()
  })

  it('after a reload, reattaches the stored session: the same job, recording, backend and step', async () => {
    sessionStorage.setItem('riffle.session', JSON.stringify({ sessionId: 's9', secret: 'sec9' }))
    client.answers['session.attach'] = (id, secret) => ({
      sessionId: id, secret, status: status(7), operators: [],
      start: { jobPath: '/p/workspace/mine.ts', jobSource: 'export default 9', recordingPath: '/p/recordings/logins.jsonl', backend: 'leveldb', processingTime: 'manual' },
    })
    client.answers['files.read'] = () => ({ path: '/p/workspace/mine.ts', source: 'export default 8' })
    const s = useSessionStore()
    expect(await s.reattach()).toBe(true)
    expect(client.calls.find((c) => c.name === 'session.attach')?.args).toEqual(['s9', 'sec9'])
    expect(s.sessionId).toBe('s9')
    expect(s.status?.step).toBe(7)
    expect(s.phase).toBe('ready')
    expect(s.backend).toBe('leveldb')
    expect(s.processingTime).toBe('manual')
    expect(useRecordingsStore().selectedPath).toBe('/p/recordings/logins.jsonl')
    const editor = useEditorStore()
    expect(editor.path).toBe('/p/workspace/mine.ts')
    expect(editor.source).toBe('export default 9')
    expect(editor.dirty).toBe(true) // the running buffer differs from the file on disk
    expect(s.editedSinceStart).toBe(false)
  })

  // A loaded machine: the Examples pick landed before the reattach had put the session's job back, which then replaced
  // it (the Console browser scenario timed out waiting for the picked job's name). The user's last choice wins.
  it('a job and recording picked while a reload reattaches stay on screen; the session runs on with its own job', async () => {
    setActivePinia(createPinia()) // the reloaded page: nothing on screen yet
    sessionStorage.setItem('riffle.session', JSON.stringify({ sessionId: 's9', secret: 'sec9' }))
    let attached: () => void = () => {}
    client.answers['session.attach'] = (id, secret) => new Promise((r) => { attached = () => r({
      sessionId: id, secret, status: status(0), operators: [],
      start: { jobPath: '/p/workspace/mine.ts', jobSource: 'export default 9', recordingPath: '/p/recordings/logins.jsonl', backend: 'heap', processingTime: 'follow' },
    }) })
    client.answers['files.read'] = (p) => ({ path: p, source: p === '/p/examples/picked.ts' ? 'export default 5' : 'export default 8' })
    client.answers['session.failure'] = () => null
    client.answers['session.findings'] = () => ({ enabled: true, findings: [], throughStep: 0, notices: [] })
    const s = useSessionStore()
    const editor = useEditorStore()
    const reattached = s.reattach()
    await new Promise((r) => setTimeout(r, 1))
    await editor.open('/p/examples/picked.ts')
    useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
    attached()
    expect(await reattached).toBe(true)
    expect(s.sessionId).toBe('s9')
    expect(editor.path).toBe('/p/examples/picked.ts')
    expect(editor.source).toBe('export default 5')
    expect(useRecordingsStore().selectedPath).toBe('/p/recordings/clicks-small.jsonl')
    // The session still runs what it was started with: the pick is an edit since it started, for Restart to run.
    expect(s.startedSource).toBe('export default 9')
    expect(s.startedRun).toEqual({ jobPath: '/p/workspace/mine.ts', recordingPath: '/p/recordings/logins.jsonl' })
    expect(s.editedSinceStart).toBe(true)
    expect(s.optionsChanged.length).toBeGreaterThan(0)
  })

  // Start (F5) pressed while a reload still reattached: the new session started, then the reattach's answer made the
  // old session the page's again (its id, its status), and the new one was left running unseen.
  it('a Start pressed while a reload reattaches keeps the new session; the reattached one is let go', async () => {
    setActivePinia(createPinia())
    sessionStorage.setItem('riffle.session', JSON.stringify({ sessionId: 's9', secret: 'sec9' }))
    let attached: () => void = () => {}
    client.answers['session.attach'] = (id, secret) => new Promise((r) => { attached = () => r({
      sessionId: id, secret, status: status(6), operators: [],
      start: { jobPath: '/p/workspace/mine.ts', jobSource: 'export default 9', recordingPath: '/p/recordings/logins.jsonl', backend: 'heap', processingTime: 'follow' },
    }) })
    client.answers['files.read'] = (p) => ({ path: p, source: 'export default 8' })
    client.answers['session.failure'] = () => null
    client.answers['session.findings'] = () => ({ enabled: true, findings: [], throughStep: 6, notices: [] })
    client.answers['session.seek'] = (_id, n) => ({ status: status(n as number), last: null, millis: 1, fromSnapshot: true })
    const s = useSessionStore()
    useEditorStore().load('/p/examples/job.ts', 'export default 1')
    useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
    const reattached = s.reattach()
    await new Promise((r) => setTimeout(r, 1))
    await s.start()
    expect(s.sessionId).toBe('s1')
    attached()
    await reattached
    expect(s.sessionId).toBe('s1')
    expect(s.status?.step).toBe(0)
    expect(s.phase).toBe('ready')
    expect(useEditorStore().path).toBe('/p/examples/job.ts')
    expect(JSON.parse(sessionStorage.getItem('riffle.session')!).sessionId).toBe('s1')
    expect(client.calls.some((c) => c.name === 'session.close' && c.args[0] === 's9')).toBe(true)
  })

  it('a reload during Run to end goes on to the end after the reattach: finished when the run finished, not paused', async () => {
    const s = useSessionStore()
    await s.start()
    // The page goes away with a Run to end in flight: its reply never comes.
    client.answers['session.step'] = () => new Promise(() => {})
    void s.run(true)
    await new Promise((r) => setTimeout(r, 1))
    expect(s.phase).toBe('running')
    // The reload: a new page (new stores) with this tab's sessionStorage; the session stood at its last event,
    // the chunk having ended there before the run could see its end.
    setActivePinia(createPinia())
    useEditorStore().load('/p/examples/job.ts', 'export default 1')
    client.answers['session.attach'] = (id, secret) => ({
      sessionId: id, secret, status: status(40), operators: [],
      start: { jobPath: '/p/examples/job.ts', jobSource: 'export default 1', recordingPath: '/p/recordings/clicks-small.jsonl', backend: 'heap', processingTime: 'follow' },
    })
    client.answers['session.failure'] = () => null
    client.answers['files.read'] = () => ({ path: '/p/examples/job.ts', source: 'export default 1' })
    client.answers['session.step'] = (_id, target) => ({ steps: [], taken: 0, status: status(40, { finished: (target as { kind: string }).kind === 'end' }) })
    const again = useSessionStore()
    expect(await again.reattach()).toBe(true)
    for (let i = 0; i < 50 && again.phase !== 'finished'; i++) await new Promise((r) => setTimeout(r, 2))
    expect(again.phase).toBe('finished')
    expect(again.status?.finished).toBe(true)
    expect(client.calls.at(-1)).toMatchObject({ name: 'session.step', args: ['s1', { kind: 'end' }, 50_000] })
    // A run that ended (here: finished) leaves nothing to resume after another reload.
    setActivePinia(createPinia())
    const third = useSessionStore()
    const calls = client.calls.length
    expect(await third.reattach()).toBe(true)
    expect(client.calls.slice(calls).some((c) => c.name === 'session.step')).toBe(false)
  })

  it('a step pressed as soon as a reloaded page shows the session ready is taken, not undone by the reattach', async () => {
    sessionStorage.setItem('riffle.session', JSON.stringify({ sessionId: 's9', secret: 'sec9' }))
    // The service's session, at step 3 of the 4 reached; it answers calls in the order they are sent.
    let at = 3
    const later = <T>(v: () => T): Promise<T> => new Promise((r) => setTimeout(() => r(v()), 5))
    client.answers['session.attach'] = (id, secret) => ({
      sessionId: id, secret, status: status(at), operators: [],
      start: { jobPath: '/p/examples/job.ts', jobSource: 'export default 1', recordingPath: '/p/recordings/clicks-small.jsonl', backend: 'heap', processingTime: 'follow' },
    })
    client.answers['files.read'] = () => ({ path: '/p/examples/job.ts', source: 'export default 1' })
    client.answers['session.failure'] = () => null
    client.answers['session.findings'] = () => ({ enabled: true, findings: [], throughStep: 4, notices: [] })
    client.answers['session.seek'] = (_id, n) => { at = n as number; return later(() => ({ status: status(n as number), last: null, millis: 1, fromSnapshot: true })) }
    client.answers['session.step'] = () => { at++; const n = at; return later(() => ({ steps: [{ step: n, kind: 'record', outputs: [], changes: [], touchedKeys: [], watermark: 0, processingTime: 0 }], taken: 1, status: status(n) })) }
    const s = useSessionStore()
    // The page gives the session its breakpoint list first (one round trip), as connectStores does.
    s.beforeReady(() => new Promise((r) => setTimeout(r, 200)))
    // What the page shows on the way: never the session's step beside a phase that is not yet the session's (a reload
    // at the end read step 13 999 with the phase still idle).
    const shown: string[] = []
    watch(() => [s.status?.step, s.phase] as const, ([n, p]) => { shown.push(`${n ?? '-'} ${p}`) })
    const attached = s.reattach()
    // F10 the moment the page shows the session ready at its step.
    await vi.waitFor(() => expect(s.phase === 'ready' && s.status?.step === 3).toBe(true))
    await s.step()
    await attached
    expect(at).toBe(4)
    expect(s.status?.step).toBe(4)
    expect(shown).toEqual(['3 ready', '4 ready'])
  })

  it('a connection lost while a reloaded page reattaches leaves the session failed, not ready', async () => {
    sessionStorage.setItem('riffle.session', JSON.stringify({ sessionId: 's9', secret: 'sec9' }))
    client.answers['session.attach'] = (id, secret) => ({
      sessionId: id, secret, status: status(4), operators: [],
      start: { jobPath: '/p/examples/job.ts', jobSource: 'export default 1', recordingPath: '/p/recordings/clicks-small.jsonl', backend: 'heap', processingTime: 'follow' },
    })
    client.answers['files.read'] = () => ({ path: '/p/examples/job.ts', source: 'export default 1' })
    client.answers['session.failure'] = () => null
    client.answers['session.findings'] = () => ({ enabled: true, findings: [], throughStep: 4, notices: [] })
    client.answers['session.seek'] = () => { client.disconnect('The connection to the Riffle service closed (4000: chaos test).'); throw RiffleError.fromInfo({ code: 'INTERNAL', message: 'closed' }) }
    const s = useSessionStore()
    expect(await s.reattach()).toBe(true)
    expect(s.phase).toBe('failed')
    expect(s.connectionLost).toMatch(/Reload the page to reattach/)
    expect(s.canStep).toBe(false)
  })

  it('a stored session that is gone is forgotten without an error', async () => {
    sessionStorage.setItem('riffle.session', JSON.stringify({ sessionId: 's9', secret: 'sec9' }))
    client.answers['session.attach'] = () => { throw RiffleError.fromInfo({ code: 'SESSION_CLOSED', message: 'No session s9 here' }) }
    const s = useSessionStore()
    expect(await s.reattach()).toBe(false)
    expect(sessionStorage.getItem('riffle.session')).toBeNull()
    expect(s.phase).toBe('idle')
    expect(s.error).toBeNull()
    expect(await s.reattach()).toBe(false)
  })

  it('a lost connection is a clear error that says how to get the session back', async () => {
    const s = useSessionStore()
    await s.start()
    client.disconnect('The connection to the Riffle service closed (1006).')
    expect(s.phase).toBe('failed')
    expect(s.connectionLost).toMatch(/closed \(1006\)\. Reload the page to reattach to the session: it waits 30 s\./)
    expect(s.canStep).toBe(false)
    // The session is not forgotten: a reload reattaches it.
    expect(JSON.parse(sessionStorage.getItem('riffle.session')!)).toEqual({ sessionId: 's1', secret: 'sec1' })
  })
})
