// The recording picker shows a progress bar while the service reads a large recording, then the summary.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { setClient } from '../../../src-renderer/src/client'
import RecordingPicker from '../../../src-renderer/src/components/RecordingPicker.vue'
import { useAppStore } from '../../../src-renderer/src/stores/app'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { fakeClient, type FakeClient } from '../fake-client'

let client: FakeClient
let finish: () => void = () => {}
const big = { path: '/p/recordings/big.jsonl', name: 'big.jsonl', bytes: 1e9, gzip: false, format: 'jsonl' as const, events: 2_000_000, controlLines: 0, firstTimestamp: 1708848000000, lastTimestamp: 1708934400000 }

beforeEach(() => {
  setActivePinia(createPinia())
  client = fakeClient({ 'recordings.list': () => new Promise((ok) => { finish = () => ok([big]) }) })
  setClient(client)
})

describe('RecordingPicker', () => {
  it('shows a progress bar during the scan, then format, count and time range', async () => {
    const rec = useRecordingsStore()
    const w = mount(RecordingPicker)
    const loading = rec.refresh()
    client.emit('recordings.progress', { path: big.path, bytesRead: 250_000_000, totalBytes: 1e9, done: false })
    await flushPromises()
    expect(w.find('[data-testid=recording-progress] .bar').attributes('style')).toContain('width: 25%')
    finish()
    await loading
    rec.select('big.jsonl')
    await flushPromises()
    expect(w.find('[data-testid=recording-progress]').exists()).toBe(false)
    expect(w.find('[data-testid=recording-info]').text()).toBe('jsonl · 2,000,000 events · 2024-02-25T08:00:00.000Z → 2024-02-26T08:00:00.000Z')
  })
})

describe('RecordingPicker in a narrow window (compact)', () => {
  it('still shows that the chosen recording has bad lines, the whole reason in its tooltip', async () => {
    const bad = { ...big, path: '/p/recordings/bad2.jsonl', name: 'bad2.jsonl', events: 4, error: '1 bad line (first at line 4: not JSON (Unexpected token \'o\'))' }
    const rec = useRecordingsStore()
    rec.add(bad)
    rec.select(bad.path)
    const w = mount(RecordingPicker, { props: { compact: true } })
    await flushPromises()
    // The summary moves to the tooltip when compact; a recording's error must not go with it (at 1024 px it did).
    const mark = w.find('[data-testid=recording-bad]')
    expect(mark.exists()).toBe(true)
    expect(mark.text()).toContain('1 bad line')
    expect(mark.attributes('title')).toBe(bad.error)
  })
})

describe('RecordingPicker "Open path…"', () => {
  const small = { ...big, path: '/p/recordings/small.jsonl', name: 'small.jsonl', events: 40 }
  async function typeMissing(): Promise<{ w: ReturnType<typeof mount>; rec: ReturnType<typeof useRecordingsStore> }> {
    client.answers['recordings.scan'] = (p) => { throw new Error(`${String(p)} does not exist`) }
    useAppStore().info = { mode: 'browser', version: '0', workspace: '/w', nativeDialogs: false, reattachMs: 30_000 }
    const rec = useRecordingsStore()
    rec.add(small)
    const w = mount(RecordingPicker)
    await flushPromises()
    const open = w.findAll('button').find((b) => b.text() === 'Open path…')!
    expect(open.attributes('title')).toContain('relative to the workspace folder /w')
    await open.trigger('click')
    await w.find('[data-testid=recording-path]').setValue('nope.jsonl')
    await w.find('form').trigger('submit')
    await flushPromises()
    return { w, rec }
  }

  it('shows a failure next to the path field and keeps the recording chosen before, saying so', async () => {
    const { w, rec } = await typeMissing()
    expect(w.find('[data-testid=recording-path-error]').text()).toBe('nope.jsonl does not exist; still using small.jsonl')
    expect(rec.selectedPath).toBe(small.path)
    expect((w.find('[data-testid=recording]').element as HTMLSelectElement).value).toBe(small.path)
  })

  it('keeps the recording chosen before after Escape closes the failed path box', async () => {
    const { w, rec } = await typeMissing()
    await w.find('form').trigger('keydown', { key: 'Escape' })
    expect(w.find('[data-testid=recording-path]').exists()).toBe(false)
    expect(rec.selectedPath).toBe(small.path)
    expect((w.find('[data-testid=recording]').element as HTMLSelectElement).value).toBe(small.path)
  })
})
