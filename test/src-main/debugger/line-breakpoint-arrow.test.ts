// A conditional breakpoint or logpoint on a TypeScript line with an arrow function on it (`keyBy((e) => e.user_id)`,
// a `reduce((a, x) => ...)` inside processElement) hits where a plain breakpoint on that line hits, and reads the
// arrow's parameters at its runs: the line runs in the arrow's frame as well as in the one around it. (It bound to
// the line's first place only, which for the keyBy line runs once, when the job is built: it never hit.)
import { describe, expect, it } from 'vitest'
import { openInline, RIFFLE } from '../helpers/run-inline'

const JOB = `${RIFFLE}
class F extends KeyedProcessFunction<string, any, any> {
  processElement(value: any, ctx: any, out: any) {
    const best = value.xs.reduce((a: number, x: number) => Math.max(a, x), 0) // INNER
    out.collect([value.user_id, best])
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.user_id).process(new F()) // KEYBY
`
const lineOf = (t: string): number => JOB.split('\n').findIndex((l) => l.includes(t)) + 1
const RECORDS = [{ user_id: 'u1', xs: [1, 9] }, { user_id: 'u2', xs: [4, 7] }, { user_id: 'u1', xs: [3] }]

describe('a line breakpoint\'s expressions on a line with an arrow function', () => {
  it('on the keyBy line: a condition that always holds hits as the plain breakpoint does, and one over e where it holds', async () => {
    const s = await openInline(JOB, RECORDS)
    try {
      await s.setBreakpoints([{ id: 'plain', kind: 'line', line: lineOf('// KEYBY') }])
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ id: 'plain', step: 1 })
      await s.seek(0)
      await s.setBreakpoints([{ id: 'true', kind: 'line', line: lineOf('// KEYBY'), condition: 'true' }])
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ id: 'true', step: 1 })
      await s.seek(0)
      await s.setBreakpoints([
        { id: 'u2', kind: 'line', line: lineOf('// KEYBY'), condition: "e.user_id === 'u2'" },
        { id: 'lp', kind: 'line', line: lineOf('// KEYBY'), log: 'e.user_id' },
      ])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit?.error).toBeUndefined()
      expect(r.breakpointHit).toMatchObject({ id: 'u2', step: 2 })
      await s.step({ kind: 'end' })
      expect((await s.logpointHits('lp')).map((h) => [h.step, h.value, h.error])).toEqual([[1, 'u1', undefined], [2, 'u2', undefined], [3, 'u1', undefined]])
    } finally {
      await s.close()
    }
  }, 120_000)

  it('inside processElement: each call of the arrow is a run with its parameters', async () => {
    const s = await openInline(JOB, RECORDS)
    try {
      await s.setBreakpoints([
        { id: 'c', kind: 'line', line: lineOf('// INNER'), condition: 'x === 7' },
        { id: 'lp', kind: 'line', line: lineOf('// INNER'), log: '`${key}:${x}`' },
      ])
      const r = await s.step({ kind: 'continue' })
      expect(r.breakpointHit?.error).toBeUndefined()
      expect(r.breakpointHit).toMatchObject({ id: 'c', step: 2, keyStr: '"u2"' })
      await s.step({ kind: 'end' })
      expect((await s.logpointHits('lp')).map((h) => [h.step, h.value, h.error]))
        .toEqual([[1, 'u1:1', undefined], [1, 'u1:9', undefined], [2, 'u2:4', undefined], [2, 'u2:7', undefined], [3, 'u1:3', undefined]])
    } finally {
      await s.close()
    }
  }, 120_000)
})
