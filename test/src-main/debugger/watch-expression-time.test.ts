// A debugger expression (a watch, a breakpoint condition) reads the clock and random source the job reads: the
// replay's simulated processing time and its seeded per-step random numbers (sandbox/job-globals.ts), not the
// machine's wall clock; and its reads are not the job's (no finding names a line for them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileExpression } from '../../../src-main/debugger/debug-expression'
import type { DebugSession } from '../../../src-main/debugger/debug-session'
import { newJobClock } from '../../../src-main/sandbox/job-globals'
import { openInline, RIFFLE } from '../helpers/run-inline'

// The job keeps what it read of its clock and random source in state, to compare with the watch.
const JOB = `${RIFFLE}
class Keep extends KeyedProcessFunction<string, { u: string; ts: number }, string> {
  seen!: any
  open(ctx: any) { this.seen = ctx.getState(new ValueStateDescriptor('seen', Types.JSON)) }
  processElement(e: { u: string; ts: number }, ctx: any, out: any) {
    if (e.u === 'clock') this.seen.update({ now: Date.now(), date: new Date().getTime(), perf: performance.now(), random: Math.random() })
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.u).process(new Keep()).name('keep')
`
// In the default processing-time mode (follow), processing time moves to each record's assigned timestamp.
const EVENTS = [{ u: 'quiet', ts: 1000 }, { u: 'clock', ts: 2500 }, { u: 'quiet', ts: 4000 }]
const CLOCK = ['Date.now()', 'new Date().getTime()', 'performance.now()', 'Math.random()']

let s: DebugSession
let op: string
beforeAll(async () => {
  s = await openInline(JOB, EVENTS)
  op = (await s.operators()).find((o) => o.keyed)!.id
})
afterAll(async () => { await s.close() })

describe('debugger expressions read the job\'s clock (TypeScript job)', () => {
  it('a watch reads the processing time and the random numbers the job read at that step', async () => {
    await s.step({ kind: 'step' })
    expect((await s.watch(op, '"quiet"', CLOCK.slice(0, 3))).map((w) => w.value)).toEqual([1000, 1000, 1000])
    expect(await s.findings().then((f) => f.findings.map((x) => x.kind))).toEqual([]) // the watch is not the job
    await s.step({ kind: 'step' })
    const seen = (await s.watch(op, '"clock"', ['seen']))[0]!.value as Record<string, number>
    expect(seen).toMatchObject({ now: 2500, date: 2500, perf: 2500 })
    expect((await s.watch(op, '"clock"', CLOCK)).map((w) => w.value)).toEqual([2500, 2500, 2500, seen.random])
    expect((await s.watch(op, '"clock"', ['new Date().toISOString()']))[0]!.value).toBe('1970-01-01T00:00:02.500Z')
  })

  it('a breakpoint condition reads the processing time the job reads', async () => {
    await s.seek(0)
    await s.setBreakpoints([{ id: 'late', kind: 'event', expression: 'Date.now() >= 4000' }])
    const r = await s.step({ kind: 'continue' })
    expect(r.breakpointHit?.id).toBe('late')
    expect(r.status.step).toBe(3)
    await s.setBreakpoints([])
  })

  it('a state named like one of the clock\'s globals is the state in the expression', async () => {
    const f = await compileExpression('Date + Math.floor(Math.random() * 0)', ['Date'], newJobClock())
    expect(f({ step: 1, watermark: 0, state: { Date: 41 } })).toBe(41)
  })
})
