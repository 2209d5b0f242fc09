// A conditional breakpoint or logpoint on a line of a Python job whose code is a one-line lambda (`key_by(lambda e:
// e["user_id"])`, or a lambda a method calls) reads the lambda's parameters, as one on a def's line reads its locals:
// the lambda's frame is the frame of that run of the line.
import { describe, expect, it } from 'vitest'
import { openInline } from '../../helpers/run-inline'
import { PY, warmPython } from './python-job-fixture'

warmPython()

const JOB = `from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        best = max(value["xs"], key=lambda x: -abs(x - 3))  # INNER
        yield [value["user_id"], best]

def job(events):
    return events.key_by(lambda e: e["user_id"]).process(F())  # KEYBY
`
const lineOf = (text: string): number => JOB.split('\n').findIndex((l) => l.includes(text)) + 1
const RECORDS = [{ user_id: 'u1', xs: [1, 9] }, { user_id: 'u2', xs: [4, 7, 2] }, { user_id: 'u1', xs: [3] }]

describe('a Python one-line lambda\'s parameters in a line breakpoint\'s expressions', () => {
  it('a key selector lambda: the condition over its parameter stops where it holds', async () => {
    const s = await openInline(JOB, RECORDS, PY)
    try {
      await s.setBreakpoints([
        { id: 'c', kind: 'line', line: lineOf('# KEYBY'), condition: 'e["user_id"] == "u2"' },
        { id: 'lp', kind: 'line', line: lineOf('# KEYBY'), log: 'e["user_id"]' },
      ])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit?.error).toBeUndefined()
      expect(r.breakpointHit).toMatchObject({ id: 'c', step: 2 })
      await s.step({ kind: 'end' })
      expect((await s.logpointHits('lp')).map((h) => [h.step, h.value, h.error])).toEqual([[1, 'u1', undefined], [2, 'u2', undefined], [3, 'u1', undefined]])
    } finally {
      await s.close()
    }
  }, 120_000)

  it('a lambda called inside process_element: each call is a run with its parameter', async () => {
    const s = await openInline(JOB, RECORDS, PY)
    try {
      await s.setBreakpoints([
        { id: 'c', kind: 'line', line: lineOf('# INNER'), condition: 'x == 7' },
        { id: 'lp', kind: 'line', line: lineOf('# INNER'), log: 'f"{key}:{x}"' },
      ])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit?.error).toBeUndefined()
      expect(r.breakpointHit).toMatchObject({ id: 'c', step: 2, keyStr: '"u2"' })
      await s.step({ kind: 'end' })
      // The line's own run in process_element (whose frame has no x) is no error where the lambda's runs read x.
      expect((await s.logpointHits('lp')).map((h) => [h.step, h.value, h.error]))
        .toEqual([[1, 'u1:1', undefined], [1, 'u1:9', undefined], [2, 'u2:4', undefined], [2, 'u2:7', undefined], [2, 'u2:2', undefined], [3, 'u1:3', undefined]])
    } finally {
      await s.close()
    }
  }, 120_000)
})
