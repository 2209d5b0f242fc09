// A reopened window picks up where the user was: the remembered job, recording, backend and step (a new
// session re-run to that step), and the breakpoint list; a stopped session is remembered without a step.
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { beforeEach, describe, expect, it } from 'vitest'
import { setClient } from '../../../src-renderer/src/client'
import { useBreakpointsStore } from '../../../src-renderer/src/stores/breakpoints'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { pickMark } from '../../../src-renderer/src/stores/session-reattach'
import {
  LAST_SESSION_KEY, parseLastSession, readLastSession, rememberSessions, restoreLastSession,
} from '../../../src-renderer/src/stores/session-memory'
import { fakeClient, status, type FakeClient } from '../fake-client'

let client: FakeClient
const REC = { path: '/p/recordings/clicks-small.jsonl', name: 'clicks-small.jsonl', bytes: 1, gzip: false, format: 'jsonl' as const, events: 40, controlLines: 0, firstTimestamp: 1, lastTimestamp: 2 }

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  setActivePinia(createPinia())
  let step = 0
  client = fakeClient({
    'session.start': () => { step = 0; return { sessionId: 's' + Math.random(), secret: 'x', status: status(0), operators: [] } },
    'session.step': () => { step++; return { steps: [], taken: 1, status: status(step) } },
    'session.seek': (_id, to) => { step = to as number; return { status: status(step), last: null, millis: 1, fromSnapshot: 0 } },
    'session.stop': () => undefined,
    'session.close': () => undefined,
    'session.setBreakpoints': (_id, list) => (list as { id: string }[]).map((b) => ({ id: b.id, ok: true })),
    'session.logpointHits': () => [],
    'files.read': (p) => ({ path: p, source: 'on disk' }),
    'recordings.list': () => [REC],
  })
  setClient(client)
})

async function settle(): Promise<void> { await nextTick(); await new Promise((r) => setTimeout(r, 600)) }

describe('session memory', () => {
  it('remembers the job, recording, backend and the step reached', async () => {
    rememberSessions()
    useEditorStore().load('/p/examples/seed.ts', 'the source')
    await useRecordingsStore().refresh()
    useRecordingsStore().select(REC.path)
    const s = useSessionStore()
    s.backend = 'leveldb'
    await s.start()
    await s.step()
    await s.step()
    await settle()
    expect(readLastSession()).toEqual({
      jobPath: '/p/examples/seed.ts', jobSource: 'the source', recordingPath: REC.path, backend: 'leveldb', processingTime: 'follow', step: 2,
    })
    await s.stop()
    await settle()
    expect(readLastSession()?.step).toBeNull()
  })

  // A job picked while a reload reattached stays on screen (the last choice wins): what is remembered is what the
  // session runs, not the picked job's path beside the session's source.
  it('remembers the job and recording the session runs, not another one picked while it reattached', async () => {
    rememberSessions()
    sessionStorage.setItem('riffle.session', JSON.stringify({ sessionId: 's9', secret: 'sec9' }))
    let attached: () => void = () => {}
    client.answers['session.attach'] = (id, secret) => new Promise((r) => { attached = () => r({
      sessionId: id, secret, status: status(3), operators: [],
      start: { jobPath: '/p/workspace/mine.ts', jobSource: 'mine', recordingPath: REC.path, backend: 'heap', processingTime: 'follow' },
    }) })
    client.answers['session.failure'] = () => null
    client.answers['session.findings'] = () => ({ enabled: true, findings: [], throughStep: 3, notices: [] })
    const reattached = useSessionStore().reattach()
    await new Promise((r) => setTimeout(r, 1))
    await useEditorStore().open('/p/examples/picked.ts')
    useRecordingsStore().select('/p/recordings/other.jsonl')
    attached()
    await reattached
    await settle()
    expect(useEditorStore().path).toBe('/p/examples/picked.ts')
    expect(readLastSession()).toMatchObject({ jobPath: '/p/workspace/mine.ts', jobSource: 'mine', recordingPath: REC.path })
  })

  it('a reopened window restores them and re-runs a new session to the step', async () => {
    localStorage.setItem(LAST_SESSION_KEY, JSON.stringify({
      jobPath: '/p/examples/seed.ts', jobSource: 'edited source', recordingPath: REC.path, backend: 'leveldb', processingTime: 'manual', step: 7,
    }))
    await useRecordingsStore().refresh()
    expect(await restoreLastSession()).toBe(true)
    const s = useSessionStore()
    expect(client.calls.find((c) => c.name === 'session.start')!.args[0]).toMatchObject({
      jobPath: '/p/examples/seed.ts', jobSource: 'edited source', recordingPath: REC.path, backend: 'leveldb', processingTime: 'manual',
    })
    expect(client.calls.find((c) => c.name === 'session.seek')!.args[1]).toBe(7)
    expect(s.status?.step).toBe(7)
    expect(useEditorStore().dirty).toBe(true) // the buffer differs from the file on disk
  })

  // A reopened window restoring the last session read its job's file first; an example picked meanwhile was put
  // on screen, then replaced by the remembered job, and the remembered session was started as if nothing happened.
  it('a job picked while a reopened window restores the last session stays on screen, and nothing is re-run', async () => {
    localStorage.setItem(LAST_SESSION_KEY, JSON.stringify({
      jobPath: '/p/examples/seed.ts', jobSource: 'edited source', recordingPath: REC.path, backend: 'leveldb', processingTime: 'manual', step: 7,
    }))
    await useRecordingsStore().refresh()
    const since = pickMark()
    let read: () => void = () => {}
    client.answers['files.read'] = (p) => (p === '/p/examples/seed.ts'
      ? new Promise((r) => { read = () => r({ path: p, source: 'on disk' }) })
      : { path: p, source: 'picked source' })
    const restoring = restoreLastSession(readLastSession(), since)
    await new Promise((r) => setTimeout(r, 1))
    await useEditorStore().open('/p/examples/picked.ts')
    read()
    expect(await restoring).toBe(false) // the window's defaults fill in the rest (the recording)
    expect(useEditorStore().path).toBe('/p/examples/picked.ts')
    expect(useEditorStore().source).toBe('picked source')
    expect(client.calls.some((c) => c.name === 'session.start')).toBe(false)
  })

  it('a stopped session is restored without starting one', async () => {
    localStorage.setItem(LAST_SESSION_KEY, JSON.stringify({ jobPath: '/p/a.ts', jobSource: 's', recordingPath: REC.path, backend: 'heap', processingTime: 'follow', step: null }))
    await useRecordingsStore().refresh()
    expect(await restoreLastSession()).toBe(true)
    expect(useRecordingsStore().selectedPath).toBe(REC.path)
    expect(client.calls.some((c) => c.name === 'session.start')).toBe(false)
  })

  it('nothing remembered, or something unreadable: nothing restored', async () => {
    expect(await restoreLastSession()).toBe(false)
    expect(parseLastSession({ jobPath: 1 })).toBeNull()
    expect(parseLastSession({ jobPath: '/a', jobSource: '', recordingPath: '/r', backend: 'rocks', step: -1 })).toEqual({
      jobPath: '/a', jobSource: '', recordingPath: '/r', backend: 'heap', processingTime: 'follow', step: null,
    })
  })

  it('the breakpoint list survives a new launch, and new ids follow the remembered ones', async () => {
    await useBreakpointsStore().add({ kind: 'key', keyStr: '"u1"' })
    await useBreakpointsStore().add({ kind: 'late' })
    await nextTick()
    setActivePinia(createPinia())
    const bps = useBreakpointsStore()
    expect(bps.list.map((b) => b.kind)).toEqual(['key', 'late'])
    expect(await bps.add({ kind: 'output' })).toBe('bp3')
  })
})
