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
    expect(err.message).toContain('registerEventTimeTimer: 10000000000000000000 is beyond MAX_TIMESTAMP')
    expect(err.where?.line).toBe(8)
  })
})
