// A timestamp the job's assigner returns must be an exact millisecond count (engine/time/timestamp-range.ts):
// one above 2^53 or beyond MAX_TIMESTAMP is a bad line of the record's own line (recordings/README.md),
// so no timer is left pending at end of input, and --skip-bad-lines skips and lists it. A timer beyond
// MAX_TIMESTAMP could never fire: registering one is the job's error.
import { describe, expect, it } from 'vitest'
import { mainValues, RIFFLE, runInline, runInlineError } from '../../helpers/run-inline'

const JOB = `${RIFFLE}class T extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) { ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1000) }
  onTimer(t: number, ctx: any, out: any) { out.collect([ctx.getCurrentKey(), t]) }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new T())
`
const LINES = [{ k: 'a', ts: 1 }, { k: 'b', ts: 1e300 }, { k: 'c', ts: 2 ** 53 + 2 }, { k: 'd', ts: 5 }]

describe('timestamps from the assigner', () => {
  it('one above 2^53 stops the run as BAD_LINE naming the recording line, not the job', async () => {
    const err = await runInlineError(JOB, LINES)
    expect(err.code).toBe('BAD_LINE')
    expect(err.message).toMatch(/rec\.jsonl:2: the timestamp assigner returned 1e\+300, above 2\^53, beyond MAX_TIMESTAMP/)
  })

  it('with skipBadLines they are skipped and listed in line order; every timer fires, none is left pending', async () => {
    const r = await runInline(JOB, LINES, { skipBadLines: true })
    expect(mainValues(r)).toEqual([['a', 1001], ['d', 1005]])
    expect(r.summary.recordsIn).toBe(2)
    expect(r.summary.pendingEventTimers).toBe(0)
    expect(r.summary.badLines.map((b) => [b.line, b.reason.split(':')[0]])).toEqual([
      [2, 'the timestamp assigner returned 1e+300, above 2^53, beyond MAX_TIMESTAMP'],
      [3, 'the timestamp assigner returned 9007199254740994, above 2^53'],
    ])
  })

  it('an assigner that returns no number at all is still the job\'s error (JOB_THREW)', async () => {
    const err = await runInlineError(JOB, [{ k: 'a' }])
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toContain('the timestamp assigner returned undefined')
  })
})

describe('the assigner\'s timestamp is a whole number of milliseconds (Flink\'s long), as a timer\'s time is', () => {
  /** The job above with the assigner (line 11) returning EXPR. */
  const assignerJob = (expr: string): string => JOB.replace('withTimestampAssigner((e: any) => e.ts)', `withTimestampAssigner((e: any) => ${expr})`)

  it.each([
    ['e.ts', 1.5, /the timestamp assigner returned 1\.5 for \{"k":"a","ts":1\.5\}: a timestamp is a whole number of milliseconds \(Flink's long\), not a fraction/],
    ['e.ts / 1000', 1500, /the timestamp assigner returned 1\.5 for .*not a fraction: round it/],
    ['e.ts * NaN', 1, /the timestamp assigner returned NaN for \{"k":"a","ts":1\}; it must return a whole number of milliseconds/],
    ['e.ts * Infinity', 1, /the timestamp assigner returned Infinity for /],
    ['BigInt(e.ts)', 5, /the timestamp assigner returned 5n \(a bigint\) for \{"k":"a","ts":5\}; it must return a whole number of milliseconds/],
  ])('(e) => %s on ts %s is the job\'s error at the assigner\'s line, naming the value', async (expr, ts, message) => {
    const err = await runInlineError(assignerJob(expr), [{ k: 'a', ts }])
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(message)
    expect(err.where?.line).toBe(11)
  })

  // {"ts":1e400} stopped the run as the job's error at the assigner (and --skip-bad-lines could not pass it), naming
  // the record as {"ts":null,...}, where {"ts":99999999999999999999} was a bad line.
  it('an infinity the record itself holds (a JSON 1e400) is the record\'s fault: a bad line, which --skip-bad-lines skips', async () => {
    const lines = ['{"k":"a","ts":1}', '{"k":"b","ts":1e400}', '{"k":"c","ts":3}']
    const err = await runInlineError(JOB, lines)
    expect(err.code).toBe('BAD_LINE')
    expect(err.message).toMatch(/rec\.jsonl:2: the timestamp assigner returned Infinity: the record holds a number beyond a double's range \(a JSON number such as 1e400 reads as Infinity\)/)
    const r = await runInline(JOB, lines, { skipBadLines: true })
    expect(r.summary.badLines.map((b) => b.line)).toEqual([2])
    expect(mainValues(r).map((v) => (v as unknown[])[0])).toEqual(['a', 'c'])
  })

  it('a fraction is not a bad line: --skip-bad-lines does not pass over the job\'s error', async () => {
    const err = await runInlineError(JOB, [{ k: 'a', ts: 1 }, { k: 'a', ts: 2.5 }], { skipBadLines: true })
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toContain('returned 2.5')
  })
})

describe('a $watermark or $processingTime line with a fraction is a bad line', () => {
  it.each(['$watermark', '$processingTime'])('{"%s": 1.5} stops the run as BAD_LINE naming its line; --skip-bad-lines skips it', async (control) => {
    const lines = [{ k: 'a', ts: 1 }, { [control]: 1.5 }, { k: 'b', ts: 3 }]
    const err = await runInlineError(JOB, lines)
    expect(err.code).toBe('BAD_LINE')
    expect(err.message).toMatch(/rec\.jsonl:2: .*1\.5, a fraction: a timestamp is a whole number of milliseconds/)
    const r = await runInline(JOB, lines, { skipBadLines: true })
    expect(mainValues(r)).toEqual([['a', 1001], ['b', 1003]])
    expect(r.summary.badLines.map((b) => b.line)).toEqual([2])
  })
})

describe('timers beyond Long\'s range', () => {
  it('registerEventTimeTimer(1e19) is the job\'s error naming its line: it could never fire', async () => {
    const job = `${RIFFLE}class T extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) {
    ctx.timerService().registerEventTimeTimer(1e19)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new T())
`
    const err = await runInlineError(job, [{ k: 'a' }])
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toContain('registerEventTimeTimer(10000000000000000000): beyond MAX_TIMESTAMP (Long\'s range): such a timer could never fire')
    expect(err.where?.line).toBe(8)
  })
})

describe('timer times are whole milliseconds (Flink\'s long)', () => {
  /** A job that registers or deletes (CALL) one timer at TIME for every record, on line 8. */
  const timerJob = (call: string, time: string): string => `${RIFFLE}class T extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) {
    ctx.timerService().${call}(${time})
  }
  onTimer(t: number, ctx: any, out: any) { out.collect(t) }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new T())
`
  it.each([
    ['registerEventTimeTimer', 'ctx.timestamp() + 0.5', /registerEventTimeTimer\(1000\.5\): a timer's time is a whole number of milliseconds \(Flink's long\), not a fraction: round it \(Math\.floor\)/],
    ['registerProcessingTimeTimer', '1500.25', /registerProcessingTimeTimer\(1500\.25\): a timer's time is a whole number of milliseconds/],
    ['deleteEventTimeTimer', '0.5', /deleteEventTimeTimer\(0\.5\): a timer's time is a whole number of milliseconds/],
    ['deleteProcessingTimeTimer', '-0.5', /deleteProcessingTimeTimer\(-0\.5\): a timer's time is a whole number of milliseconds/],
    ['registerEventTimeTimer', 'NaN', /registerEventTimeTimer\(NaN\): expected a whole number of milliseconds/],
    ['registerProcessingTimeTimer', '-Infinity', /registerProcessingTimeTimer\(-Infinity\): expected a whole number of milliseconds/],
    ['registerEventTimeTimer', '"1500"', /registerEventTimeTimer\("1500"\): expected a whole number of milliseconds/],
  ])('%s(%s) is the job\'s error at its line, naming the value', async (call, time, message) => {
    const err = await runInlineError(timerJob(call, time), [{ k: 'a', ts: 1000 }])
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(message)
    expect(err.where?.line).toBe(8)
  })

  it('MAX_TIMESTAMP and MIN_TIMESTAMP, the ends of Long, are still timers (MAX fires at the end of input)', async () => {
    const r = await runInline(timerJob('registerEventTimeTimer', 'MAX_TIMESTAMP'), [{ k: 'a', ts: 1000 }])
    expect(mainValues(r)).toEqual([MAX_TIMESTAMP_VALUE])
    const del = await runInline(timerJob('deleteEventTimeTimer', 'MIN_TIMESTAMP'), [{ k: 'a', ts: 1000 }])
    expect(mainValues(del)).toEqual([])
  })
})

const MAX_TIMESTAMP_VALUE = 2 ** 63
