// A Python job's times are ints, as PyFlink's: the watermark before any (Long.MIN_VALUE) and at the end of input
// (Long.MAX_VALUE), a timer's time at Long.MAX_VALUE and ctx.timestamp() there cross from JavaScript as numbers
// past 2^53, which Pyodide hands over as floats (-9.223372036854776e+18); yielding one still works, as it does
// nested in a dict.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline } from '../../helpers/run-inline'

beforeAll(async () => { await pythonRuntime() }, 300_000)

const JOB = `from pyflink.datastream.functions import KeyedProcessFunction


class C(KeyedProcessFunction):
    def process_element(self, e, ctx):
        t = ctx.timer_service()
        yield [repr(t.current_watermark()), repr(ctx.timestamp()), repr(t.current_processing_time())]
        t.register_event_time_timer(2 ** 63 - 1)
        t.register_processing_time_timer(2 ** 63 - 1)

    def on_timer(self, ts, ctx):
        t = ctx.timer_service()
        yield [str(ctx.time_domain()), repr(ts), repr(ctx.timestamp()), repr(t.current_watermark()), repr(t.current_processing_time())]
        yield t.current_watermark()
        yield -2 ** 63


def job(events):
    return events.key_by(lambda e: e["k"]).process(C())
`

describe('a Python job\'s times at the extremes', () => {
  it('are ints, as in PyFlink, and yielding one gives the same number as a TypeScript job', async () => {
    const r = await runInline(JOB, [{ k: 'a' }], { jobName: 'job.py', drainProcessingTimers: true })
    const MAX = '9223372036854775807'
    expect(mainValues(r)).toEqual([
      ['-9223372036854775808', 'None', '0'],
      ['TimeDomain.EVENT_TIME', MAX, MAX, MAX, '0'], 2 ** 63, -(2 ** 63),
      ['TimeDomain.PROCESSING_TIME', MAX, MAX, MAX, MAX], 2 ** 63, -(2 ** 63),
    ])
  }, 60_000)
})
