// The session store across a page reload: the tab remembers its session (id and secret, in sessionStorage) while it
// runs and reattaches to it after a reload with its job, recording, backend and step; a pick, a Start or a step made
// while the reattach is under way wins; a session gone or a connection lost meanwhile is said plainly.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { watch } from 'vue'
import { RiffleError } from '../../../src-main/common/errors'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { status, type FakeClient } from '../fake-client'
import { sessionStoreCase } from './session-store-case'

const c = sessionStoreCase()
let client: FakeClient
beforeEach(() => { client = c.client })

describe('session store across a page reload', () => {
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
