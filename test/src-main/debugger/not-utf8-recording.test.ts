// The debugger (DebugSession) on a recording with a line that is not UTF-8: the step that reaches it fails with
// BAD_LINE file:line: not UTF-8: …, or with skipBadLines the line is listed in the status and the keys stay apart
// (before, "u\xff\xfe" and "u\xfe\xff" both decoded to "u��": one key counted twice).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DebugSession } from '../../../src-main/debugger/debug-session'

const tmp = mkdtempSync(join(tmpdir(), 'riffle-debug-not-utf8-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const rec = join(tmp, 'rec.jsonl')
writeFileSync(rec, Buffer.concat([
  Buffer.from('{"ts":1,"user_id":"a","type":"view"}\n{"ts":2,"user_id":"u'), Buffer.from([0xff, 0xfe]), Buffer.from('","type":"view"}\n'),
  Buffer.from('{"ts":3,"user_id":"u'), Buffer.from([0xfe, 0xff]), Buffer.from('","type":"view"}\n{"ts":4,"user_id":"日本🙂","type":"view"}\n'),
]))

const open = (skipBadLines: boolean): Promise<DebugSession> => DebugSession.open({
  jobPath: join(__dirname, '../../../examples/running-count.ts'), recordingPath: rec, backend: 'heap',
  processingTime: 'follow', drainProcessingTimers: false, skipBadLines, echoJobOutput: false,
})

describe('the debugger on a recording line that is not UTF-8', () => {
  it('without skipping, the step that reaches it fails with BAD_LINE naming file, line, byte and column', async () => {
    const s = await open(false)
    try {
      const err = await s.step({ kind: 'end' }).then(() => null, (e: { code: string; message: string }) => e)
      expect(err?.code).toBe('BAD_LINE')
      expect(err?.message).toBe(`${rec}:2: not UTF-8: byte 0xFF at column 21 (a recording is UTF-8 text)`)
    } finally {
      await s.close()
    }
  })

  it('with skipBadLines, both lines are listed with their reason and the other records run', async () => {
    const s = await open(true)
    try {
      const r = await s.step({ kind: 'end' })
      expect(r.status).toMatchObject({ finished: true, recordsIn: 2, recordsOut: 2 })
      expect(r.status.badLines.map((b) => [b.line, b.reason])).toEqual([
        [2, 'not UTF-8: byte 0xFF at column 21 (a recording is UTF-8 text)'],
        [3, 'not UTF-8: byte 0xFE at column 21 (a recording is UTF-8 text)'],
      ])
    } finally {
      await s.close()
    }
  })
})
