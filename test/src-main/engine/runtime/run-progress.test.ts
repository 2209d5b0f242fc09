// The file position a run's progress says: by the records processed within a batch the reader read ahead, on a
// real recording reader over real files (plain and gzipped).
import { statSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { openRecording } from '../../../../src-main/replay'
import { BatchSpan } from '../../../../src-main/engine/runtime/run-progress'
import { tempDir } from '../../replay/helpers'

const tmp = tempDir()
afterAll(() => tmp.remove())
/** 20,000 lines of one length: more than one 8,192-record batch, and byte shares equal record shares. */
const text = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ k: 'k' + (i % 10), i: String(i).padStart(6, '0'), pad: 'x'.repeat(16) })).join('\n') + '\n'

describe('BatchSpan', () => {
  it('places a processed record of a plain file at its own bytes, not where the reader has read to', async () => {
    const path = tmp.file('plain.jsonl', text)
    const reader = await openRecording(path)
    const span = new BatchSpan()
    const lineBytes = text.length / 20_000
    expect(await span.read(reader, 8192)).toHaveLength(8192)
    expect(span.fileBytesAt(0)).toBe(0)
    expect(span.fileBytesAt(1000)).toBeCloseTo(1000 * lineBytes, -1)
    expect(span.fileBytesAt(8192)).toBeCloseTo(8192 * lineBytes, -1)
    expect(reader.progress().fileBytes).toBeCloseTo(8192 * lineBytes, -1) // the reader's position, not what it read ahead
    expect(await span.read(reader, 8192)).toHaveLength(8192)
    expect(span.fileBytesAt(100)).toBeCloseTo(8292 * lineBytes, -1)
    await reader.close()
  })

  // Before, a gzipped file's bytes were the compressed bytes read (a megabyte ahead): all of this one at once.
  it('for a gzipped file, places a processed record at the compressed bytes that hold it', async () => {
    const path = tmp.file('zipped.jsonl.gz', text) // gzipped by its name
    const size = statSync(path).size
    const reader = await openRecording(path)
    const span = new BatchSpan()
    await span.read(reader, 8192)
    expect(span.fileBytesAt(0)).toBe(0)
    expect(span.fileBytesAt(4096) / size).toBeCloseTo(4096 / 20_000, 1)
    expect(span.fileBytesAt(8192) / size).toBeCloseTo(8192 / 20_000, 1)
    expect(reader.progress().fileBytes).toBe(span.fileBytesAt(8192))
    await span.read(reader, 8192)
    expect(span.fileBytesAt(0) / size).toBeCloseTo(8192 / 20_000, 1)
    expect(span.fileBytesAt(8192) / size).toBeCloseTo(16_384 / 20_000, 1)
    await reader.close()
  })

  it('says where a run resumed in the file started (for the time left), plain or gzipped', async () => {
    for (const name of ['resumed.jsonl', 'resumed.jsonl.gz']) {
      const path = tmp.file(name, text)
      const first = await openRecording(path)
      await first.nextBatch(8192)
      const at = first.position()
      const bytes = first.progress().fileBytes
      await first.close()
      const reader = await openRecording(path, { start: at })
      const span = new BatchSpan()
      await span.read(reader, 100)
      expect(span.bytesAt(50).startFileBytes).toBeCloseTo(bytes, 0)
      await span.read(reader, 100)
      expect(span.bytesAt(50).startFileBytes).toBeCloseTo(bytes, 0)
      expect(span.bytesAt(50).fileBytes).toBeGreaterThan(bytes)
      await reader.close()
    }
  })
})
