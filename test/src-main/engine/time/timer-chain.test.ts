// An onTimer that keeps registering a timer which fires in turn (engine/time/timer-chain.ts): at the end
// of input, where the watermark is MAX_TIMESTAMP and every timer fires (W7), `registerEventTimeTimer(ts + 1)`
// in onTimer never ends, in Flink as in Riffle, and no single call is slow enough for the watchdog. The
// chain is stopped at CHAIN_LIMIT with the job's error at the registering line, naming the timer; a
// chain that ends by itself runs to its end.
import { describe, expect, it } from 'vitest'
import { CHAIN_LIMIT } from '../../../../src-main/engine/time/timer-chain'
import { mainValues, RIFFLE, runInline, runInlineError } from '../../helpers/run-inline'

/** Registers ts + 1 on every record; onTimer (its line 13 registers) continues while CONTINUE holds. */
const chainJob = (cont: string, next = 'ts + 1', call = 'registerEventTimeTimer'): string => `${RIFFLE}class T extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) {
    ctx.timerService().${call}(ctx.timestamp() + 1)
  }
  onTimer(ts: number, ctx: any, out: any) {
    out.collect(ts)
    if (${cont}) {
      ctx.timerService().${call}(${next})
    }
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new T())
`

describe('an endless onTimer chain', () => {
  it('at the end of input (ts + 1 under MAX_TIMESTAMP) is stopped at the registering line, naming the timer', async () => {
    const err = await runInlineError(chainJob('true'), [{ k: 'a', ts: 1000 }])
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(new RegExp(`^onTimer threw Error: the ${CHAIN_LIMIT.toLocaleString('en-US')}th timer in a row that an onTimer registered for the next firing: ` +
      'each firing timer\'s onTimer registers another that fires too \\(after the input the watermark is MAX_TIMESTAMP'))
    expect(err.message).toContain(`while firing the EVENT_TIME timer at ${1001 + CHAIN_LIMIT - 1} for key "a"`)
    expect(err.where?.line).toBe(13)
  }, 60_000)

  it('re-registering the firing timer\'s own time (T5) is stopped in the advance it loops in, before the end of input', async () => {
    const err = await runInlineError(chainJob('true', 'ts'), [{ k: 'a', ts: 1000 }, { k: 'a', ts: 5000 }, { k: 'a', ts: 9000 }])
    expect(err.message).toContain('registers another that fires in the same advance of time; the run was stopped')
    expect(err.message).toMatch(/while firing the EVENT_TIME timer at 1001 for key "a", after \S*rec\.jsonl:2\n/)
  }, 60_000)

  it('a drained processing-time chain is stopped too', async () => {
    const c = chainJob('true', 'ts + 1', 'registerProcessingTimeTimer')
    const err = await runInlineError(c, [{ k: 'a', ts: 1000 }], { drainProcessingTimers: true })
    expect(err.message).toContain('fires too (after the input')
    expect(err.message).toContain('while firing the PROCESSING_TIME timer at')
  }, 60_000)
})

describe('a chain that ends by itself', () => {
  it('fires to its end at the end of input, every key\'s', async () => {
    const r = await runInline(chainJob('ts < 1005'), [{ k: 'a', ts: 1000 }, { k: 'b', ts: 1002 }])
    expect(mainValues(r).sort()).toEqual([1001, 1002, 1003, 1003, 1004, 1004, 1005, 1005])
  })
})
