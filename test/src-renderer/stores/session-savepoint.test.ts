// Save savepoint… / Load savepoint… in the renderer's stores (the service end to end is in
// test/src-main/service/debugger-service-savepoints.test.ts and the e2e scenario scenarios-sp37.mjs): a load replaces the
// run the views show and time travel starts at its step; a refusal is said and moves nothing; a seek the session
// refuses (before the savepoint's step) is a note, not a failed session.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { RiffleError } from '../../../src-main/common/errors'
import { setClient } from '../../../src-renderer/src/client'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { loadSavepoint, saveSavepoint, useSavepointStore } from '../../../src-renderer/src/stores/session-savepoint'
import { useTraceStore } from '../../../src-renderer/src/stores/trace'
import { fakeClient, status, type FakeClient } from '../fake-client'

let client: FakeClient

beforeEach(() => {
  setActivePinia(createPinia())
  client = fakeClient({
    'session.start': () => ({ sessionId: 's1', status: status(0), operators: [] }),
    'session.setBreakpoints': () => [],
    'session.step': () => ({ steps: [], taken: 40, status: status(40, { finished: true }) }),
    'session.saveSavepoint': (_id, path) => ({ path: '/ws/' + String(path), step: 40 }),
    'session.loadSavepoint': (_id, path) => ({ path: '/ws/' + String(path), status: status(6) }),
    'session.seek': (_id, step) => { throw new RiffleError('BAD_ARGUMENT', `cannot go back before step 6: the session was restored from a snapshot there (asked ${String(step)})`) },
  })
  setClient(client)
  useEditorStore().load('/p/examples/job.ts', 'export default 1')
  useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
})

describe('savepoints in the session store', () => {
  it('a save says where and which step; a load stands the session at the savepoint\'s step and time travel starts there', async () => {
    const s = useSessionStore()
    const sp = useSavepointStore()
    await s.start()
    await s.run(true)
    expect(s.phase).toBe('finished')
    expect(await saveSavepoint('sp')).toBe('Saved a savepoint of step 40 to /ws/sp')
    expect(client.calls.at(-1)).toMatchObject({ name: 'session.saveSavepoint', args: ['s1', 'sp'] })
    const revision = s.revision
    await loadSavepoint('sp')
    expect(s.status?.step).toBe(6)
    expect(s.phase).toBe('ready')
    expect(s.revision).toBe(revision + 1)
    expect(sp.loadedAt).toBe(6)
    // The replaced run's furthest step (40) is not this run's: the timeline ends at 6, as a reload shows it (findings' throughStep).
    expect(s.furthest).toBe(6)
    expect(s.requestNote).toMatchObject({ kind: 'done', text: expect.stringMatching(/Loaded the savepoint \/ws\/sp: the session stands at step 6/) })
    // The session refuses a step before it: said beside Go to step, the session still ready at 6.
    await s.seek(2)
    expect(s.phase).toBe('ready')
    expect(s.status?.step).toBe(6)
    expect(s.requestNote).toMatchObject({ kind: 'refused', text: expect.stringMatching(/Go to step 2 was not done: cannot go back before step 6/) })
  })

  it('refuses while the run moves or with no session, and a refused load changes nothing', async () => {
    const s = useSessionStore()
    await expect(saveSavepoint('sp')).rejects.toThrow(/no session/)
    await s.start()
    s.busy = true
    await expect(loadSavepoint('sp')).rejects.toThrow(/Pause first/)
    s.busy = false
    client.answers['session.loadSavepoint'] = () => { throw new RiffleError('SAVEPOINT_INVALID', '/ws/notes: not a savepoint') }
    await expect(loadSavepoint('notes')).rejects.toThrow(/not a savepoint/)
    expect(s.status?.step).toBe(0)
    expect(s.busy).toBe(false)
    expect(useSavepointStore().loadedAt).toBeNull()
  })

  it("asks no trace of the loaded savepoint's step (it ran in the run that wrote it): no error, nothing shown as failed", async () => {
    client.answers['session.trace'] = () => { throw new RiffleError('BAD_ARGUMENT', 'trace: step 6 ran before the loaded savepoint (step 6)') }
    const s = useSessionStore()
    await s.start()
    await loadSavepoint('sp')
    const tr = useTraceStore()
    await tr.refresh()
    expect(client.calls.some((c) => c.name === 'session.trace')).toBe(false)
    expect(tr.trace).toBeNull()
    expect(tr.error).toBeNull()
  })

  /** A reload finds session s9 that loaded a savepoint at step 6. */
  function reloadedSession(): void {
    sessionStorage.setItem('riffle.session', JSON.stringify({ sessionId: 's9', secret: 'sec9' }))
    client.answers['session.attach'] = (id, secret) => ({
      sessionId: id, secret, status: status(9), operators: [], loadedAt: 6,
      start: { jobPath: '/p/examples/job.ts', jobSource: 'export default 1', recordingPath: '/p/recordings/clicks-small.jsonl', backend: 'heap', processingTime: 'follow' },
    })
  }

  it("after a reload, the reattached session's savepoint step is where time travel starts again (not 0)", async () => {
    reloadedSession()
    expect(await useSessionStore().reattach()).toBe(true)
    await nextTick()
    expect(useSavepointStore().loadedAt).toBe(6)
    // A new session (Restart) runs from step 0 again.
    await useSessionStore().start()
    await nextTick()
    expect(useSavepointStore().loadedAt).toBeNull()
  })

  it('the same when the savepoint store was in use before the reattach (the time-travel bar already shown)', async () => {
    reloadedSession()
    const sp = useSavepointStore()
    expect(sp.loadedAt).toBeNull()
    expect(await useSessionStore().reattach()).toBe(true)
    expect(sp.loadedAt).toBe(6)
    await useSessionStore().start()
    expect(sp.loadedAt).toBeNull()
  })
})
