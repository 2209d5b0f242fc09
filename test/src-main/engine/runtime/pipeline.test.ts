// The DataStream API around keyed functions (docs/job-api.md "DataStream"): map, filter, flatMap, several
// keyed stages in a row, side-output streams processed further, name/uid, and determinism.
import { describe, expect, it } from 'vitest'
import { mainValues, RIFFLE, runInline, runInlineError } from '../../helpers/run-inline'
import { DebugSession } from '../../../../src-main/debugger/debug-session'
import { openInline } from '../../helpers/run-inline'

const counter = `
class Count extends KeyedProcessFunction<any, any, any> {
  c: any
  constructor(readonly label: string) { super() }
  open(rc: any) { this.c = rc.getState(new ValueStateDescriptor('c', Types.INT)) }
  processElement(e: any, ctx: any, out: any) {
    const n = (this.c.value() ?? 0) + 1
    this.c.update(n)
    out.collect({ [this.label]: ctx.getCurrentKey(), n, v: e })
  }
}
`

describe('stateless operators', () => {
  it('map, filter and flatMap (returning an iterable) keep the record timestamp', async () => {
    const job = `${RIFFLE}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .filter((e: any) => e.n % 2 === 1)
  .map((e: any) => ({ ...e, n: e.n * 10 }))
  .flatMap((e: any) => [e.n, e.n + 1])
`
    const r = await runInline(job, [{ n: 1, ts: 5 }, { n: 2, ts: 6 }, { n: 3, ts: 7 }])
    expect(r.out).toEqual([
      { value: 10, timestamp: 5 }, { value: 11, timestamp: 5 }, { value: 30, timestamp: 7 }, { value: 31, timestamp: 7 },
    ])
  })

  it('flatMap with out.collect (returning nothing) emits what it collects', async () => {
    const job = `${RIFFLE}
export default (env: any) => env.fromRecording().flatMap((e: any, out: any) => { for (let i = 0; i < e.n; i++) out.collect(i) })
`
    expect(mainValues(await runInline(job, [{ n: 2 }, { n: 0 }, { n: 3 }]))).toEqual([0, 1, 0, 1, 2])
  })

  it('flatMap returning a non-iterable is the job\'s error (JOB_THREW) naming the input record', async () => {
    const job = `${RIFFLE}
export default (env: any) => env.fromRecording().flatMap((e: any) => 42)
`
    const err = await runInlineError(job, [{ n: 1 }])
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toContain('must return an iterable')
    expect(err.input).toEqual({ line: 1, value: { n: 1 } })
  })

  it('a timestamp assigner that returns no number is the job\'s error naming the record', async () => {
    const job = `${RIFFLE}
export default (env: any) => env.fromRecording().assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.when))
`
    const err = await runInlineError(job, [{ ts: 1 }])
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toContain('timestamp assigner returned undefined')
    expect(err.input?.line).toBe(1)
  })
})

describe('what a job may return', () => {
  it('a job that returns the keyed stream itself outputs its records', async () => {
    const r = await runInline(`${RIFFLE}export default (env: any) => env.fromRecording().keyBy((e: any) => e.k)\n`, [{ k: 1 }, { k: 2 }])
    expect(r.out).toEqual([{ value: { k: 1 }, timestamp: null }, { value: { k: 2 }, timestamp: null }])
  })

  it('a job that returns the source echoes the recording (control lines excluded)', async () => {
    const r = await runInline(`${RIFFLE}export default (env: any) => env.fromRecording()\n`, [{ a: 1 }, { $watermark: 5 }, 'null', '"s"'])
    expect(mainValues(r)).toEqual([{ a: 1 }, null, 's'])
  })

  it('a throw in open() is JOB_THREW naming its line', async () => {
    const job = `${RIFFLE}class X extends KeyedProcessFunction<any, any, any> {
  open(rc: any) {
    throw new Error('cannot open')
  }
  processElement() {}
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new X())
`
    const err = await runInlineError(job, [{ k: 1 }])
    expect(err).toMatchObject({ code: 'JOB_THREW', where: { line: 8 } })
    expect(err.message).toContain('open threw Error: cannot open')
  })
})

describe('keyed stages', () => {
  it('several keyed stages in a row, each with its own keys and state', async () => {
    const job = `${RIFFLE}${counter}
export default (env: any) => env.fromRecording()
  .keyBy((e: any) => e.user).process(new Count('user'))
  .keyBy((o: any) => o.n).process(new Count('nth'))
  .map((o: any) => [o.nth, o.n, o.v.user])
`
    const r = await runInline(job, [{ user: 'a' }, { user: 'b' }, { user: 'a' }, { user: 'a' }, { user: 'b' }])
    // Stage 1 counts per user; stage 2 counts how many users reached each count.
    expect(mainValues(r)).toEqual([[1, 1, 'a'], [1, 2, 'b'], [2, 1, 'a'], [3, 1, 'a'], [2, 2, 'b']])
    expect(r.summary.keys).toBe(2 + 3)
  })

  it('a side-output stream can be keyed and processed further, and returned as the job\'s output', async () => {
    const job = `${RIFFLE}${counter}
const ODD = new OutputTag<any>('odd')
class Split extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { if (e.n % 2) ctx.output(ODD, e); else out.collect(e) }
}
export default (env: any) => {
  const split = env.fromRecording().keyBy((e: any) => e.g).process(new Split()).name('split')
  return split.getSideOutput(ODD).keyBy((e: any) => e.g).process(new Count('odd-of')).uid('odd-counter')
}
`
    const r = await runInline(job, [{ g: 'x', n: 1 }, { g: 'x', n: 2 }, { g: 'y', n: 3 }, { g: 'x', n: 5 }])
    expect(r.out).toEqual([
      { value: { 'odd-of': 'x', n: 1, v: { g: 'x', n: 1 } }, timestamp: null },
      { value: { 'odd-of': 'y', n: 1, v: { g: 'y', n: 3 } }, timestamp: null },
      { value: { 'odd-of': 'x', n: 2, v: { g: 'x', n: 5 } }, timestamp: null },
    ])
  })

  it('name() and uid() name the operators the debugger lists; uid is the operator id', async () => {
    const job = `${RIFFLE}${counter}
export default (env: any) => env.fromRecording().map((e: any) => e).name('identity')
  .keyBy((e: any) => e.k).process(new Count('k')).name('counter').uid('count-1')
`
    const s: DebugSession = await openInline(job, [{ k: 1 }])
    try {
      const ops = await s.operators()
      expect(ops.map((o) => [o.id, o.name, o.kind])).toEqual([
        ['0-source', 'source', 'source'], ['1-map', 'identity', 'map'], ['2-keyBy', 'keyBy', 'keyBy'], ['count-1', 'counter', 'process'],
      ])
      expect(ops[3]).toMatchObject({ keyed: true, parents: ['2-keyBy'] })
    } finally {
      await s.close()
    }
  })

  it('process() on a stream that is not keyed is refused (timers need a keyed stream, T7)', async () => {
    const job = `${RIFFLE}${counter}
export default (env: any) => env.fromRecording().map((e: any) => e).process(new Count('k'))
`
    const err = await runInlineError(job, [{ k: 1 }])
    expect(err.message).toContain('process() needs a keyed stream')
  })

  it('two operators with the same uid are refused', async () => {
    const job = `${RIFFLE}${counter}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Count('a')).uid('x')
  .keyBy((e: any) => e.n).process(new Count('b')).uid('x')
`
    expect((await runInlineError(job, [{ k: 1 }])).message).toContain('uid "x" is used by two operators')
  })
})

describe('determinism', () => {
  it('the same job and recording give byte-identical --out twice, timers, ties and side outputs included', async () => {
    const job = `${RIFFLE}
const LATE = new OutputTag<any>('late')
class J extends KeyedProcessFunction<any, any, any> {
  seen: any
  open(rc: any) { this.seen = rc.getMapState(new MapStateDescriptor('seen', Types.STRING, Types.INT)) }
  processElement(e: any, ctx: any, out: any) {
    const s = ctx.timerService()
    if (ctx.timestamp() <= s.currentWatermark()) ctx.output(LATE, e)
    this.seen.put(String(e.ts % 7), (this.seen.get(String(e.ts % 7)) ?? 0) + 1)
    s.registerEventTimeTimer(Math.floor(e.ts / 1000) * 1000 + 1000)
    s.registerProcessingTimeTimer(e.ts + 500)
  }
  onTimer(t: number, ctx: any, out: any) { out.collect({ k: ctx.getCurrentKey(), t, d: ctx.timeDomain(), m: [...this.seen.entries()] }) }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(300)).withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.u).process(new J())
`
    let x = 12345
    const rnd = (): number => { x = (x * 1103515245 + 12345) % 2147483648; return x / 2147483648 }
    const lines = Array.from({ length: 2000 }, (_, i) => ({ u: `u${Math.floor(rnd() * 40)}`, ts: i * 37 + Math.floor(rnd() * 600) }))
    const a = await runInline(job, lines)
    const b = await runInline(job, lines)
    expect(a.out.length).toBeGreaterThan(1000)
    expect(a.out.some((l) => l.tag === 'late')).toBe(true)
    expect(b.raw).toBe(a.raw)
  })
})
