// A job's Math.random() (sandbox/job-globals.ts) draws the same numbers at a step however the step was reached: a
// straight run (`riffle run`), a debugger session stepping on, and every re-run of the step by time travel (seek back
// or forward, step back, back to the start, a trace of it, a watch or breakpoint condition evaluated in between).
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DebugSession } from '../../../src-main/debugger/debug-session'
import type { OutputView } from '../../../src-main/common/views'
import { mainValues, openInline, RIFFLE, runInline } from '../helpers/run-inline'

describe('a step re-run by time travel draws what its first run drew', () => {
  // Only x draws: after two steps the last step that drew is step 1, the one seek(1) re-runs.
  const JOB = `${RIFFLE}
class Keep extends KeyedProcessFunction<string, { u: string }, number> {
  r!: any
  open(ctx: any) { this.r = ctx.getState(new ValueStateDescriptor('r', Types.DOUBLE)) }
  processElement(e: { u: string }, ctx: any, out: any) { if (e.u === 'x') this.r.update(Math.random()) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.u).process(new Keep()).name('keep')
`
  it('step twice, then seek back to step 1: x keeps the number it drew', async () => {
    const s = await openInline(JOB, [{ u: 'x' }, { u: 'y' }, { u: 'z' }])
    try {
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const drawn = async (): Promise<unknown> => (await s.watch(op, '"x"', ['r']))[0]!.value
      await s.step({ kind: 'step' })
      const first = await drawn()
      expect(typeof first).toBe('number')
      await s.step({ kind: 'step' })
      await s.seek(1)
      expect(await drawn()).toBe(first)
      await s.stepBack()
      await s.step({ kind: 'step' })
      expect(await drawn()).toBe(first)
    } finally {
      await s.close()
    }
  })
})

// Draws at open() (step 0), in the stateless prefix (a record's map), in processElement (as many as the record says)
// and in onTimer; each step's draws reach the output, in the order the job drew them.
const JOB = `${RIFFLE}
type E = { u: string; n: number; t: number; ts: number; r: number }
class Draw extends KeyedProcessFunction<string, E, unknown> {
  drawn!: any
  opened = 0
  open(ctx: any) {
    this.drawn = ctx.getState(new ValueStateDescriptor('drawn', Types.JSON))
    this.opened = Math.random()
  }
  processElement(e: E, ctx: any, out: any) {
    const got: number[] = []
    for (let i = 0; i < e.n; i++) got.push(Math.random())
    this.drawn.update(got)
    out.collect({ u: e.u, r: e.r, got, opened: this.opened })
    if (e.t > 0) ctx.timerService().registerEventTimeTimer(e.ts + e.t)
  }
  onTimer(ts: number, ctx: any, out: any) { out.collect({ timer: ts, got: [Math.random(), Math.random()] }) }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .map((e: any) => ({ ...e, r: e.n > 0 ? Math.random() : 0 }))
  .keyBy((e: any) => e.u).process(new Draw()).name('draw')
`
const EVENTS = [
  { u: 'x', n: 1, t: 0, ts: 1 }, { u: 'y', n: 0, t: 0, ts: 2 }, { u: 'x', n: 2, t: 5, ts: 3 }, { u: 'z', n: 0, t: 0, ts: 4 },
  { u: 'y', n: 1, t: 1, ts: 9 }, { u: 'z', n: 3, t: 0, ts: 10 }, { u: 'x', n: 0, t: 0, ts: 11 }, { u: 'y', n: 1, t: 0, ts: 20 },
]

// The keyed operator's outputs (the map's are in them: its draw is each record's r).
const shown = (o: OutputView): unknown => ({ step: o.step, value: o.value })

describe('random numbers do not depend on how a step was reached', () => {
  let straight: OutputView[]
  let last: number
  let s: DebugSession
  let op: string
  beforeAll(async () => {
    const ref = await openInline(JOB, EVENTS)
    try {
      last = (await ref.step({ kind: 'end' })).status.step
      straight = (await ref.outputs(0, 1000)).items.filter((o) => o.isJobOutput)
    } finally {
      await ref.close()
    }
    s = await openInline(JOB, EVENTS)
    op = (await s.operators()).find((o) => o.keyed)!.id
  })
  afterAll(async () => { await s?.close() })

  it('`riffle run` writes the numbers a debugger session stepping on draws', async () => {
    expect(straight.some((o) => (o.value as { got: number[] }).got.length > 1)).toBe(true)
    expect(mainValues(await runInline(JOB, EVENTS))).toEqual(straight.map((o) => o.value))
  })

  it('a trace of any step draws what the straight run drew there', async () => {
    await s.step({ kind: 'end' })
    for (let step = 1; step <= last; step++) {
      const t = await s.trace(step)
      const outs = t.entries.filter((e) => e.kind === 'output').map((e) => (e as { value: unknown }).value)
      expect(outs, `step ${step}`).toEqual(straight.filter((o) => o.step === step).map((o) => o.value))
    }
  })

  it('any sequence of seeks, steps back and on, traces, watches and breakpoint conditions gives the straight run\'s outputs', async () => {
    const move = fc.oneof(
      fc.record({ kind: fc.constant('seek' as const), to: fc.integer({ min: 0, max: last }) }),
      fc.record({ kind: fc.constantFrom('stepBack' as const, 'step' as const, 'watch' as const, 'trace' as const, 'continue' as const) }),
    )
    await s.setBreakpoints([{ id: 'draws', kind: 'event', expression: 'Math.random() >= 0 && step % 3 === 0' }])
    await fc.assert(fc.asyncProperty(fc.array(move, { minLength: 1, maxLength: 8 }), async (moves) => {
      for (const m of moves) {
        const at = (await s.status()).step
        if (m.kind === 'seek') await s.seek(m.to)
        else if (m.kind === 'stepBack') await s.stepBack()
        else if (m.kind === 'step') await s.step({ kind: 'step' })
        else if (m.kind === 'watch') await s.watch(op, '"x"', ['Math.random()', 'drawn'])
        else if (m.kind === 'continue') await s.step({ kind: 'continue' }) // to a breakpoint whose condition draws
        else if (at > 0) await s.trace(at)
        const now = (await s.status()).step
        expect((await s.outputs(0, 1000)).items.filter((o) => o.isJobOutput).map(shown), JSON.stringify(moves))
          .toEqual(straight.filter((o) => o.step <= now).map(shown))
      }
    }), { numRuns: 30 })
  })
})
