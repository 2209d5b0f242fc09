// How the stores follow one another: a selected key belongs to its session, so a new start (another job,
// another recording) starts with nothing selected.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { setClient } from '../../../src-renderer/src/client'
import { connectStores } from '../../../src-renderer/src/stores/connect-stores'
import { useInspectorStore } from '../../../src-renderer/src/stores/inspector'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { useTraceStore } from '../../../src-renderer/src/stores/trace'
import { notedView } from '../../../src-renderer/src/stores/tab-session-note'
import type { OperatorView } from '../../../src-main/common/views'
import { fakeClient } from '../fake-client'

beforeEach(() => {
  sessionStorage.clear()
  setActivePinia(createPinia())
  setClient(fakeClient({
    'session.keys': () => ({ total: 0, offset: 0, items: [] }),
    'session.timers': () => ({ total: 0, offset: 0, items: [] }),
    'session.outputs': () => ({ total: 0, offset: 0, items: [] }),
    'session.outputTail': () => ({ total: 0, offset: 0, items: [], step: 0 }),
    'session.keyState': () => null,
  }))
})

/** The stores connected, with session s1 ready (the state each test starts from). */
async function readySession(): Promise<{ session: ReturnType<typeof useSessionStore>; ins: ReturnType<typeof useInspectorStore> }> {
  connectStores()
  const session = useSessionStore()
  const ins = useInspectorStore()
  session.sessionId = 's1'
  session.phase = 'ready'
  await nextTick()
  return { session, ins }
}

describe('connectStores', () => {
  it('marks the key list busy in the same update that shows a new step, before its refresh starts', async () => {
    const { session, ins } = await readySession()
    await ins.refresh()
    expect(ins.listBusy).toBe(false)
    session.revision++
    await nextTick()
    expect(ins.listBusy).toBe(true)
    await vi.waitFor(() => expect(ins.listBusy).toBe(false))
  })

  it('clears the selected key when a new session starts', async () => {
    const { session, ins } = await readySession()
    ins.selected = { operatorId: 'op', keyStr: '"u1"' }
    session.phase = 'starting'
    await nextTick()
    expect(ins.selected).toBeNull()
    ins.selected = { operatorId: 'op', keyStr: '"u1"' }
    session.sessionId = 's2'
    await nextTick()
    expect(ins.selected).toBeNull()
  })

  it('keeps a pinned key across a restart: the new session shows it, and a job without its operator drops the pin', async () => {
    connectStores()
    const session = useSessionStore()
    const ins = useInspectorStore()
    const trace = useTraceStore()
    const op = (id: string): OperatorView => ({ id, name: 'p', kind: 'process', keyed: true, watermark: 0, parents: [] })
    const seed = { jobPath: '/p/examples/sessionizer-seed.ts', recordingPath: '/p/recordings/clicks-small.jsonl' }
    session.operators = [op('op')]
    session.startedRun = seed
    session.sessionId = 's1'
    await nextTick()
    await ins.selectKey('op', '"u1"')
    trace.togglePin()
    expect(trace.pinned).toEqual({ operatorId: 'op', keyStr: '"u1"' })
    // Restart after a fix: the same job's operator, so the pinned key is the one to watch in the new run.
    session.phase = 'starting'
    await nextTick()
    session.operators = [op('op')]
    session.sessionId = 's2'
    await nextTick()
    expect(trace.pinned).toEqual({ operatorId: 'op', keyStr: '"u1"' })
    expect(ins.selected).toEqual({ operatorId: 'op', keyStr: '"u1"' })
    // Noted with the new session, so a reload after the Restart finds it pinned there too.
    expect(notedView().pinned).toEqual({ sessionId: 's2', operatorId: 'op', keyStr: '"u1"' })
    // Another job: no such operator, so no such key to keep.
    session.phase = 'starting'
    await nextTick()
    session.operators = [op('other')]
    session.sessionId = 's3'
    await nextTick()
    expect(trace.pinned).toBeNull()
    expect(ins.selected).toBeNull()
  })

  it('a pin and the output log\'s key filter stay through a Restart of the same job and recording, not into another job', async () => {
    connectStores()
    const session = useSessionStore()
    const ins = useInspectorStore()
    const trace = useTraceStore()
    // Every example's keyed operator is 3-process: the operator alone does not tell the jobs apart.
    session.operators = [{ id: '3-process', name: 'p', kind: 'process', keyed: true, watermark: 0, parents: [] }]
    session.startedRun = { jobPath: '/p/examples/sessionizer-seed.ts', recordingPath: '/p/recordings/clicks-small.jsonl' }
    session.sessionId = 's1'
    await nextTick()
    await ins.selectKey('3-process', '"u1"')
    trace.togglePin()
    ins.outputKeyFilter = '"u1"'
    session.sessionId = 's2'
    await nextTick()
    expect(trace.pinned).toEqual({ operatorId: '3-process', keyStr: '"u1"' })
    expect(ins.outputKeyFilter).toBe('"u1"')
    // The dedup job over payments has no key "u1": its output log filtered by it showed "0 outputs" of 4,000.
    session.startedRun = { jobPath: '/p/examples/dedup-ttl.ts', recordingPath: '/p/recordings/payments.jsonl' }
    session.sessionId = 's3'
    await nextTick()
    expect(trace.pinned).toBeNull()
    expect(ins.selected).toBeNull()
    expect(ins.outputKeyFilter).toBeNull()
  })

  it('moves the pin to a key the user picks while one is pinned, so the pin names the key the inspector stays on', async () => {
    connectStores()
    const session = useSessionStore()
    const ins = useInspectorStore()
    const trace = useTraceStore()
    session.sessionId = 's1'
    await nextTick()
    await ins.selectKey('op', '"u1"')
    trace.togglePin()
    // "why?" on another key's output (or a click in the key list) shows that key; stepping then stays on it.
    await ins.selectKey('op', '"u2"')
    await nextTick()
    expect(trace.pinned).toEqual({ operatorId: 'op', keyStr: '"u2"' })
    // The pin button on the key shown unpins it (it did so before too, but named the other key).
    trace.togglePin()
    expect(trace.pinned).toBeNull()
  })
})

