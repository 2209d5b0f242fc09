// A job whose stream has no timestamps (the seed's Sessionizer with its assign_timestamps_and_watermarks left out, a
// Flink user's first slip): ctx.timestamp() is null / None, and the timer call made of it failed saying
// "deleteEventTimeTimer(object): expected a whole number of milliseconds" (TypeScript's null shown as "object") or
// "delete_event_time_timer(None): ...", neither saying where the missing time comes from.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { RIFFLE, runInlineError } from '../../helpers/run-inline'

const TS_JOB = `${RIFFLE}class T extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) { ctx.timerService().deleteEventTimeTimer(ctx.timestamp()) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new T())
`

const PY_JOB = `from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        ctx.timer_service().delete_event_time_timer(ctx.timestamp())
        return []

def job(events):
    return events.key_by(lambda e: e["k"]).process(F())
`

beforeAll(async () => { await pythonRuntime() }, 300_000)

describe('a timer call with no time, on a stream without timestamps', () => {
  it('TypeScript: names null (not "object") and says how a stream gets timestamps', async () => {
    const err = await runInlineError(TS_JOB, [{ k: 'a', ts: 1000 }])
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(/deleteEventTimeTimer\(null\): expected a whole number of milliseconds/)
    expect(err.message).toMatch(/ctx\.timestamp\(\) is null for a record without a timestamp: give the stream timestamps with \.assignTimestampsAndWatermarks\(WatermarkStrategy\.\S+\.withTimestampAssigner\(/)
  })

  it('Python: names None and says it in PyFlink\'s names', async () => {
    const err = await runInlineError(PY_JOB, [{ k: 'a', ts: 1000 }], { jobName: 'job.py' })
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(/delete_event_time_timer\(None\): expected a whole number of milliseconds/)
    expect(err.message).toMatch(/ctx\.timestamp\(\) is None for a record without a timestamp: give the stream timestamps with \.assign_timestamps_and_watermarks\(WatermarkStrategy\.\S+\.with_timestamp_assigner\(/)
    expect(err.where?.line).toBe(5)
  }, 120_000)
})
