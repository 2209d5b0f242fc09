// Positions and resuming (snapshots/savepoints): a reader opened at a saved position reads exactly the rest.
import { afterAll, describe, expect, it } from 'vitest'
import { openRecording } from '../../../src-main/replay'
import type { RecordingItem, RecordingPosition } from '../../../src-main/replay'
import { CHUNK_BYTES } from '../../../src-main/replay/chunk-source'
import { drain, readAll, rejection, tempDir } from './helpers'

const tmp = tempDir()
afterAll(() => tmp.remove())

/** Over 1 MB chunks, with 2-, 3- and 4-byte UTF-8 characters so chunk cuts and byte offsets are exercised. */
function bigContent(n: number): string {
  const words = ['plain', 'café', '東京', '🙂 emoji', 'x'.repeat(300)]
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    if (i % 997 === 0) lines.push('')
    if (i % 1500 === 750) lines.push('{"$watermark": ' + i + '}')
    lines.push(JSON.stringify({ i, w: words[i % words.length] }))
  }
  return lines.join('\n') + '\n'
}

async function positionsAndRest(path: string, cutEvery: number): Promise<{ cuts: RecordingPosition[]; items: RecordingItem[] }> {
  const r = await openRecording(path)
  const cuts: RecordingPosition[] = []
  const items: RecordingItem[] = []
  for (;;) {
    cuts.push(r.position())
    const b = await r.nextBatch(cutEvery)
    if (b.length === 0) break
    items.push(...b)
  }
  await r.close()
  return { cuts, items }
}

describe('resuming from a position', () => {
  const content = bigContent(20000) // ~1.6 MB: crosses the 1 MB chunk boundary

  it.each(['big.jsonl', 'big.jsonl.gz'])('%s: resuming at any saved position yields exactly the remaining items', async (name) => {
    const p = tmp.file(name, content)
    const { cuts, items } = await positionsAndRest(p, 1337)
    expect(Buffer.byteLength(content)).toBeGreaterThan(CHUNK_BYTES)
    expect(items.length).toBe(20000 + 13)
    expect(cuts.length).toBe(Math.ceil(20013 / 1337) + 1)
    for (const cut of cuts) {
      const rest = await readAll(p, { start: cut })
      expect(rest.length).toBe(items.length - cut.items)
      if (rest.length === 0) continue // the position after the last item
      expect(rest[0]).toEqual(items[cut.items])
      expect(rest[rest.length - 1]).toEqual(items[items.length - 1])
    }
  })

  it('byteOffset counts UTF-8 bytes and line the lines consumed, so a fresh reader continues the item count', async () => {
    const p = tmp.file('small.jsonl', '{"w":"café"}\n\n{"w":"🙂"}\n{"w":3}\n')
    const r = await openRecording(p)
    await r.nextBatch(2)
    const pos = r.position()
    await r.close()
    expect(pos).toEqual({ line: 3, byteOffset: Buffer.byteLength('{"w":"café"}\n\n{"w":"🙂"}\n'), items: 2 })
    const r2 = await openRecording(p, { start: pos })
    expect(await drain(r2)).toEqual([{ kind: 'record', value: { w: 3 }, sourceTimestamp: null, origin: { line: 4 } }])
    expect(r2.position()).toEqual({ line: 4, byteOffset: Buffer.byteLength('{"w":"café"}\n\n{"w":"🙂"}\n{"w":3}\n'), items: 3 })
    await r2.close()
  })

  it('byte offsets stay exact in a file with multi-byte characters and a line that is not UTF-8 (a skipped bad line)', async () => {
    const { writeFileSync } = await import('node:fs')
    const p = tmp.dir + '/latin1.jsonl'
    const bytes = Buffer.concat([Buffer.from('{"w":"café🙂"}\n{"w":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n{"w":"ok"}\n{"w":3}\n')])
    writeFileSync(p, bytes)
    const r = await openRecording(p, { skipBadLines: true })
    await r.nextBatch(1)
    expect(r.position()).toEqual({ line: 1, byteOffset: bytes.indexOf(0x0a) + 1, items: 1 })
    await r.nextBatch(1)
    const pos = r.position()
    await r.close()
    expect(pos).toEqual({ line: 3, byteOffset: bytes.indexOf(Buffer.from('{"w":3}')), items: 2 })
    const rest = await readAll(p, { start: pos })
    expect(rest.map((i) => (i.kind === 'record' ? i.value : null))).toEqual([{ w: 3 }])
  })

  it('resuming a CSV past its header still maps rows by the header', async () => {
    const p = tmp.file('r.csv', 'a,b\n1,2\n3,"x\ny"\n5,6\n')
    const r = await openRecording(p)
    await r.nextBatch(1)
    const pos = r.position()
    await r.close()
    const rest = await readAll(p, { start: pos })
    expect(rest.map((i) => (i.kind === 'record' ? [i.origin.line, i.value] : null))).toEqual([
      [3, { a: 3, b: 'x\ny' }],
      [5, { a: 5, b: 6 }],
    ])
  })

  it.each(['mid.jsonl', 'mid.jsonl.gz'])('%s: a position that is not at a line start is refused with BAD_ARGUMENT', async (name) => {
    const p = tmp.file(name, '{"a":1}\n{"a":2}\n')
    const err = await rejection(readAll(p, { start: { line: 1, byteOffset: 3, items: 1 } }))
    expect(err.code).toBe('BAD_ARGUMENT')
    expect(String(err.message)).toContain('not the start of a line')
  })

  it('a position beyond the end of the file is refused with BAD_ARGUMENT', async () => {
    const p = tmp.file('short.jsonl', '{"a":1}\n')
    const err = await rejection(readAll(p, { start: { line: 5, byteOffset: 500, items: 5 } }))
    expect(err.code).toBe('BAD_ARGUMENT')
  })

  it('reading with batch size 1 and the default batch gives the same items and final position', async () => {
    const p = tmp.file('same.jsonl', bigContent(3000))
    const a = await openRecording(p)
    const b = await openRecording(p)
    const ia = await drain(a, 1)
    const ib = await drain(b)
    expect(ia).toEqual(ib)
    expect(a.position()).toEqual(b.position())
    await a.close()
    await b.close()
  })
})
