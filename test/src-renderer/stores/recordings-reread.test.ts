// The recordings menu reads recordings/ again when it takes the focus (stores/recordings.ts reread): a file opened by
// path while that read was under way was dropped from the menu when the read came back (it lists recordings/ only).
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, expect, it } from 'vitest'
import type { RecordingInfo } from '../../../src-main/common/contract'
import { setClient } from '../../../src-renderer/src/client'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { fakeClient } from '../fake-client'

const info = (path: string, events = 40): RecordingInfo => ({
  path, name: path.replace(/^.*\//, ''), bytes: 1, gzip: false, format: 'jsonl', events, controlLines: 0, firstTimestamp: 1, lastTimestamp: 2,
})

beforeEach(() => {
  setActivePinia(createPinia())
  setClient(fakeClient({
    'recordings.list': () => [info('/p/recordings/clicks-small.jsonl'), info('/p/recordings/new.jsonl', 7)],
    // The chosen file, gone from recordings/, is scanned again (slowly); the file opened by path at once.
    'recordings.scan': async (path) => {
      if (path === '/p/recordings/gone.jsonl') { await new Promise((r) => setTimeout(r, 20)); return { ...info(path, 0), error: 'the file does not exist' } }
      return info(path as string, 3)
    },
  }))
})

it('keeps a file opened by path during the re-read, and lists what recordings/ holds now', async () => {
  const rec = useRecordingsStore()
  rec.list = [info('/p/recordings/clicks-small.jsonl'), info('/p/recordings/gone.jsonl')]
  rec.select('/p/recordings/gone.jsonl')
  const reading = rec.reread()
  await new Promise((r) => setTimeout(r, 5))
  await rec.openPath('/w/mine.jsonl')
  await reading
  // gone.jsonl, no longer chosen, is not offered; mine.jsonl, opened meanwhile, is.
  expect(rec.list.map((r) => r.name).sort()).toEqual(['clicks-small.jsonl', 'mine.jsonl', 'new.jsonl'])
  expect(rec.selected?.path).toBe('/w/mine.jsonl')
})
