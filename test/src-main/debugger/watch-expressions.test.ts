// The Watch list's service side (session.watch) on a real TypeScript session: expressions over the selected key's
// state names, `event` (the step's record; undefined on a timer step), `key`, `watermark` and `step`, evaluated again
// wherever the session stands (stepping, step back), one value or error each, without changing the run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WatchValue } from '../../../src-main/common/debug-api'
import type { DebugSession } from '../../../src-main/debugger/debug-session'
import { openInline, RIFFLE } from '../helpers/run-inline'

const JOB = `${RIFFLE}
class Count extends KeyedProcessFunction<string, { u: string; ts: number }, string> {
  count!: any
  open(ctx: any) { this.count = ctx.getState(new ValueStateDescriptor('count', Types.LONG)) }
  processElement(e: { u: string; ts: number }, ctx: any, out: any) {
    this.count.update((this.count.value() ?? 0) + 1)
    ctx.timerService().registerEventTimeTimer(e.ts + 100)
  }
  onTimer(ts: number, ctx: any, out: any) { out.collect(ctx.getCurrentKey() + ' ' + this.count.value()) }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.u).process(new Count()).name('count')
`
const EVENTS = [{ u: 'a', ts: 1000 }, { u: 'a', ts: 1050 }, { u: 'b', ts: 5000 }]

/** What the row shows: the value (JSON data), else the text, else the error. */
const shown = (w: WatchValue): unknown => ('value' in w ? w.value : w.text ?? w.error)

let s: DebugSession
let op: string
beforeAll(async () => {
  s = await openInline(JOB, EVENTS)
  op = (await s.operators()).find((o) => o.keyed)!.id
})
afterAll(async () => { await s.close() })

describe('watch expressions (TypeScript job)', () => {
  it('evaluate over the state names, event, key, step and watermark, again after each step and after a step back', async () => {
    const list = ['count', 'event?.ts', 'key', 'step', 'count * 10 + step']
    expect((await s.watch(op, '"a"', list)).map(shown)).toEqual([null, 'undefined', 'a', 0, 0])
    await s.step({ kind: 'step' })
    expect((await s.watch(op, '"a"', list)).map(shown)).toEqual([1, 1000, 'a', 1, 11])
    await s.step({ kind: 'step' })
    expect((await s.watch(op, '"a"', list)).map(shown)).toEqual([2, 1050, 'a', 2, 22])
    expect((await s.watch(op, '"a"', ['watermark']))[0]!.value).toBe(1049)
    // A trace re-runs an earlier step and comes back: `event` is still this step's record.
    await s.trace(1)
    expect((await s.watch(op, '"a"', ['event.ts']))[0]!.value).toBe(1050)
    await s.stepBack()
    expect((await s.watch(op, '"a"', list)).map(shown)).toEqual([1, 1000, 'a', 1, 11])
  })

  it('an expression that throws, and one that does not compile, give their errors; the others their values', async () => {
    await s.seek(1)
    const r = await s.watch(op, '"a"', ['(event as any).nope.deeper', 'count +', 'count', 'undefinedName'])
    expect(r[0]).toEqual({ expression: '(event as any).nope.deeper', error: "TypeError: Cannot read properties of undefined (reading 'deeper')" })
    expect(r[1]!.error).toBe('expression does not compile: it ends unfinished after "count +"')
    expect(r[2]).toEqual({ expression: 'count', value: 1 })
    expect(r[3]!.error).toBe('ReferenceError: undefinedName is not defined')
  })

  it('on a timer step `event` is undefined, and the state is the timer key\'s', async () => {
    await s.seek(0)
    let timerStep = 0
    for (;;) {
      const r = await s.step({ kind: 'step' })
      if (r.taken === 0) throw new Error('no timer step')
      if (r.steps[0]!.kind === 'timer') { timerStep = r.steps[0]!.step; break }
    }
    const r = await s.watch(op, '"a"', ['event', 'typeof event', 'count', 'step'])
    expect(r.map(shown)).toEqual(['undefined', 'undefined', 2, timerStep])
  })

  it('a value that is not JSON data is its text; an expression changing its copy of the state changes nothing', async () => {
    await s.seek(2)
    const r = await s.watch(op, '"a"', ['new Map([[1, 2]])', 'NaN', 'undefined', '(state!.count = 99)', 'count'])
    expect(r.map(shown)).toEqual(['Map(1) { 1 => 2 }', 'NaN', 'undefined', 99, 2])
    expect((await s.keyState(op, '"a"'))!.states[0]!.entries[0]!.value).toBe(2)
  })

  it('refuses an unknown operator and a key that is not a key\'s JSON, with where and why', async () => {
    await expect(s.watch('nope', '"a"', ['1'])).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringContaining('no keyed operator "nope"') })
    await expect(s.watch(op, 'a', ['1'])).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringContaining("is not a key's JSON text") })
    await expect(s.watch(op, '"a"', Array.from({ length: 101 }, () => '1'))).rejects.toMatchObject({ code: 'BAD_ARGUMENT' })
  })
})
