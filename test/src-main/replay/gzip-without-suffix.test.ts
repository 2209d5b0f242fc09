// A gzip file whose name does not end in .gz (a download saved as clicks.jsonl) is read by its name, as text
// (recordings/README.md: the .gz suffix means gzip), so it failed as a bad line 1 of binary garbage. The reader
// says what the file is and what to do, before any line.
import { afterAll, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { readAll, tempDir } from './helpers'

const tmp = tempDir()
afterAll(() => tmp.remove())

describe('a gzip file not named .gz', () => {
  it.each(['clicks.jsonl', 'clicks.csv', 'clicks.ndjson'])('%s: RECORDING_UNREADABLE saying it is gzip data and to name it .gz', async (name) => {
    const p = tmp.file(name, gzipSync('{"a":1}\n{"a":2}\n'))
    const err = await readAll(p).then(() => null, (e: unknown) => e as { code: string; message: string })
    expect(err?.code).toBe('RECORDING_UNREADABLE')
    expect(err?.message).toBe(`${p}: the file is gzip-compressed (it starts with gzip's bytes) but its name does not end in .gz: ` +
      `rename it to ${name}.gz, or decompress it (zcat ${p} | npx riffle run JOB -)`)
  })

  // The converse: a plain file named .gz (saved after zcat, or named so by hand) failed as "corrupt or truncated gzip
  // data (incorrect header check)", which reads as a damaged download.
  it('a plain file named .gz: RECORDING_UNREADABLE saying it is not gzip data and to drop the .gz', async () => {
    const p = join(tmp.dir, 'plain.jsonl.gz')
    writeFileSync(p, '{"a":1}\n')
    const err = await readAll(p).then(() => null, (e: unknown) => e as { code: string; message: string })
    expect(err?.code).toBe('RECORDING_UNREADABLE')
    expect(err?.message).toBe(`${p}: the name ends in .gz but the file is not gzip-compressed (it does not start with gzip's bytes): ` +
      'rename it to plain.jsonl')
  })

  it('a .gz file and a plain one are read as before', async () => {
    expect(await readAll(tmp.file('a.jsonl.gz', '{"a":1}\n'))).toHaveLength(1)
    expect(await readAll(tmp.file('b.jsonl', '{"a":1}\n'))).toHaveLength(1)
  })
})
