// The status line with no run to show says what stands between the user and one: after a compile error,
// that the job does not compile (not "pick a job and a recording" when both are picked).
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { setClient } from '../../../src-renderer/src/client'
import StatusBar from '../../../src-renderer/src/components/StatusBar.vue'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient, status } from '../fake-client'

beforeEach(() => {
  setActivePinia(createPinia())
  setClient(fakeClient())
})

describe('StatusBar', () => {
  it('says the job does not compile after a compile error, with job and recording picked', async () => {
    useEditorStore().load('/w/job.ts', 'export default nope(')
    useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
    const s = useSessionStore()
    s.error = { code: 'JOB_COMPILE', message: 'job.ts:1:20: Expected ")"', where: { file: '/w/job.ts', line: 1, column: 20 } }
    s.phase = 'failed'
    const w = mount(StatusBar)
    await nextTick()
    const idle = w.find('[data-testid=status-idle]').text()
    expect(idle).toContain('the job does not compile')
    expect(idle).not.toMatch(/Pick a job/)
    // Cut to "…" when longer than the bar's one row: whole in its tooltip.
    expect(w.find('[data-testid=status-idle]').attributes('title')).toBe(idle)
  })

  it('once the job is edited after the compile error, says the error was of the earlier text, not that the job does not compile', async () => {
    const editor = useEditorStore()
    editor.load('/w/job.ts', 'export default nope(')
    useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
    const s = useSessionStore()
    s.error = { code: 'JOB_COMPILE', message: 'job.ts:1:20: Expected ")"', where: { file: '/w/job.ts', line: 1, column: 20 } }
    s.phase = 'failed'
    editor.setError(s.error)
    const w = mount(StatusBar)
    editor.edit('export default nope()')
    await nextTick()
    expect(w.find('[data-testid=status-idle]').text()).toBe('Not started: the job did not compile before your edit. Press Start to compile it again.')
  })

  it('a session on a recording with no events says so beside "event 0 of 0"', async () => {
    useRecordingsStore().add({ path: '/p/recordings/empty.jsonl', name: 'empty.jsonl', bytes: 0, gzip: false, format: 'jsonl', events: 0, controlLines: 0, firstTimestamp: null, lastTimestamp: null })
    const s = useSessionStore()
    s.status = status(0, { recordsIn: 0, totalRecords: null, finished: true, pendingTimers: 0, keys: 0 })
    const w = mount(StatusBar)
    await nextTick()
    expect(w.find('[data-testid=status-events]').text()).toBe('event 0 of 0: the recording has no events')
  })

  it('names only what is missing before a start', async () => {
    useEditorStore().load('/w/job.ts', 'export default 1')
    const w = mount(StatusBar)
    await nextTick()
    expect(w.find('[data-testid=status-idle]').text()).toBe('No session. Pick a recording, then Start.')
    useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
    await nextTick()
    expect(w.find('[data-testid=status-idle]').text()).toBe('No session. Press Start to replay.')
  })

  it('counts the events of the recording the session replays, not of the one the menu now names', async () => {
    const recs = useRecordingsStore()
    const rec = (name: string, events: number) => ({ path: '/p/recordings/' + name, name, bytes: 1, gzip: false, format: 'jsonl' as const, events, controlLines: 0, firstTimestamp: null, lastTimestamp: null })
    recs.add(rec('payments.jsonl', 4000))
    recs.add(rec('bad2.jsonl', 4))
    const s = useSessionStore()
    s.startedRun = { jobPath: '/p/examples/dedup-ttl.ts', recordingPath: '/p/recordings/payments.jsonl' }
    s.status = status(4000, { recordsIn: 4000, totalRecords: null })
    // The user picks another recording for the next Restart: this session still replays payments.jsonl.
    recs.select('/p/recordings/bad2.jsonl')
    const w = mount(StatusBar)
    await nextTick()
    expect(w.find('[data-testid=status-events]').text()).toBe('event 4,000 of 4,000')
  })

  it('shows the times in their readable form only, the milliseconds in the tooltip, so the line stays short', async () => {
    const s = useSessionStore()
    s.status = status(0, { watermark: 1708848000000, processingTime: 1708848005000 })
    const w = mount(StatusBar)
    await nextTick()
    const wm = w.find('[data-testid=status-watermark]')
    expect(wm.text()).toBe('watermark 2024-02-25T08:00:00.000Z')
    expect(wm.attributes('title')).toBe('watermark 1708848000000 (2024-02-25T08:00:00.000Z)')
    const pt = w.find('[data-testid=status-processing-time]')
    expect(pt.text()).toBe('processing time 2024-02-25T08:00:05.000Z')
    expect(pt.attributes('title')).toBe('processing time 1708848005000 (2024-02-25T08:00:05.000Z)')
    s.status = status(0, { watermark: -(2 ** 63) })
    await nextTick()
    expect(w.find('[data-testid=status-watermark]').text()).toBe('watermark MIN_TIMESTAMP')
    expect(w.find('[data-testid=status-watermark]').attributes('title')).toBe('watermark MIN_TIMESTAMP (no watermark yet)')
  })

  it('says "1 bad line skipped", not "1 bad lines"', async () => {
    const s = useSessionStore()
    s.status = status(3, { badLines: [{ line: 2, reason: 'not JSON' }] as never })
    const w = mount(StatusBar)
    await nextTick()
    expect(w.text()).toContain('1 bad line skipped')
  })

  it('on LevelDB says the expired count is as of the last background sweep, and at which step', async () => {
    const s = useSessionStore()
    s.status = status(300, { expiredNotRemoved: 7, expiredCountedAtStep: 120 })
    const w = mount(StatusBar)
    await nextTick()
    const el = w.find('[data-testid=status-expired]')
    expect(el.text()).toBe('expired not cleaned 7 (as of step 120)')
    expect(el.attributes('title')).toMatch(/last background sweep.*step 120/)
    expect(el.attributes('title')).toMatch(/not in this count/)
  })

  it('on LevelDB before any sweep has finished says the expired entries are not counted yet, not 0', async () => {
    const s = useSessionStore()
    s.status = status(3, { expiredNotRemoved: 0, expiredCountedAtStep: null })
    const w = mount(StatusBar)
    await nextTick()
    const el = w.find('[data-testid=status-expired]')
    expect(el.text()).toBe('expired not cleaned: not counted yet')
    expect(el.attributes('title')).toMatch(/no background sweep has finished/i)
  })

  // After Run to end on LevelDB the line still said "not counted yet", as if a count were coming: at the end of the
  // run none is, and it says so, and why, so it does not read as a bug.
  it('on LevelDB at the end of a run with no sweep count says it is not counted, not "yet", and that this is how LevelDB works', async () => {
    const s = useSessionStore()
    s.status = status(40, { finished: true, expiredNotRemoved: 0, expiredCountedAtStep: null })
    const w = mount(StatusBar)
    await nextTick()
    const el = w.find('[data-testid=status-expired]')
    expect(el.text()).toBe('expired not cleaned: not counted on LevelDB')
    expect(el.attributes('title')).toMatch(/the run ended before its background sweep finished a pass/i)
    expect(el.attributes('title')).toMatch(/not an error/)
  })

  it('on the heap says the expired count is exact at this step', async () => {
    const s = useSessionStore()
    s.status = status(3, { expiredNotRemoved: 2 })
    const w = mount(StatusBar)
    await nextTick()
    const el = w.find('[data-testid=status-expired]')
    expect(el.text()).toBe('expired not cleaned 2')
    expect(el.attributes('title')).toMatch(/counted at this step/)
  })
})
