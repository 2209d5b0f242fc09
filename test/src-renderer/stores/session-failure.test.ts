// A failure's line in Messages (and its toast): the message, and where it happened, each said once. A message that
// already names its place (a bad recording line's "/w/bad.jsonl:3: …", a throw's "at /w/job.ts:12:29 … while
// processing /w/rec.jsonl:5: …") got it again as "(bad.jsonl:3)" and "(job.ts:12) — recording line 5".
import { describe, expect, it } from 'vitest'
import { describeError } from '../../../src-renderer/src/stores/session-failure'

describe('describeError', () => {
  it('adds the place and the input line a message does not name', () => {
    expect(describeError({ code: 'JOB_THREW', message: 'boom', where: { file: '/w/job.ts', line: 12 }, input: { line: 5, value: {} } }))
      .toBe('boom (job.ts:12) — recording line 5')
  })

  it('does not repeat the place a bad recording line names', () => {
    expect(describeError({ code: 'BAD_LINE', message: "/w/bad.jsonl:3: not JSON (Expected ',')", where: { file: '/w/bad.jsonl', line: 3 } }))
      .toBe("/w/bad.jsonl:3: not JSON (Expected ',')")
  })

  it("does not repeat the job line and recording line a throw's message names", () => {
    const message = 'processElement threw Error: negative amount -2 at /w/job.ts:12:29\n  while processing /w/rec.jsonl:5: {"amount":-2}'
    expect(describeError({ code: 'JOB_THREW', message, where: { file: '/w/job.ts', line: 12, column: 29 }, input: { line: 5, value: { amount: -2 } } }))
      .toBe(message)
  })
})
