// The replay toolbar's Start button: after a Start that failed (the job's open() threw) no session runs, so it
// reads as a fresh Start with no "edited since this session started" mark left from an older session.
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { RiffleError } from '../../../src-main/common/errors'
import { setClient } from '../../../src-renderer/src/client'
import ReplayBar from '../../../src-renderer/src/components/ReplayBar.vue'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient, status, type FakeClient } from '../fake-client'

let client: FakeClient

beforeEach(() => {
  setActivePinia(createPinia())
  client = fakeClient({
    'session.start': () => ({ sessionId: 's1', secret: 'sec1', status: status(0), operators: [] }),
    'session.close': () => undefined,
  })
  setClient(client)
  sessionStorage.clear()
  useEditorStore().load('/p/examples/job.ts', 'export default 1')
  useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
})

describe('ReplayBar Start button', () => {
  it('after a failed Start reads "Start" with no edited mark, though an older session ran another text', async () => {
    const s = useSessionStore()
    const w = mount(ReplayBar)
    await s.start()
    await nextTick()
    expect(w.find('[data-testid=start]').text()).toMatch(/^Restart/)
    // The user edits the job (open() now throws) and starts again: the start fails, no session runs.
    useEditorStore().edit('export default 2 // throws in open()')
    client.answers['session.start'] = () => { throw new RiffleError('JOB_THREW', 'boom in open') }
    await s.start()
    await nextTick()
    expect(s.sessionId).toBe(null)
    expect(s.editedSinceStart).toBe(false)
    const start = w.find('[data-testid=start]')
    expect(start.text()).toBe('Start')
    expect(w.find('[data-testid=edited-mark]').exists()).toBe(false)
    expect(start.attributes('title')).not.toMatch(/edited/)
  })
})
