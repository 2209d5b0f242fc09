// The recording picker shows a progress bar while the service reads a large recording, then the summary.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { setClient } from '../../../src-renderer/src/client'
import RecordingPicker from '../../../src-renderer/src/components/RecordingPicker.vue'
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
