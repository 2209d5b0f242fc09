// A Python job's timer times go through the engine's one rule (engine/time/timestamp-range.ts timerTime), its
// errors naming the call as the .py file writes it:
// a float with a fraction, an int past 2^53 that no number holds exactly (it crosses into JavaScript as a
// BigInt) or None is the job's error at its line, naming the value; 2**63 - 1 (Long.MAX_VALUE) is MAX_TIMESTAMP and fires
// at the end of input, as in PyFlink.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline, runInlineError } from '../../helpers/run-inline'

const PY = { jobName: 'job.py' }

beforeAll(async () => { await pythonRuntime() }, 300_000)

/** Registers or deletes (CALL) one timer at TIME for every record, on line 6. */
const job = (call: string, time: string): string => `from pyflink.common import WatermarkStrategy, Duration
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        ctx.timer_service().${call}(${time})
        return []

    def on_timer(self, ts, ctx):
        yield ts

def job(events):
    return (events.assign_timestamps_and_watermarks(
                WatermarkStrategy.for_monotonous_timestamps().with_timestamp_assigner(lambda e, t: e["ts"]))
            .key_by(lambda e: e["k"]).process(F()))
`

describe('Python timer times', () => {
  it.each([
    ['register_event_time_timer', 'ctx.timestamp() + 0.5', /register_event_time_timer\(1000\.5\): a timer's time is a whole number of milliseconds/],
    // The hint is in Python's words: int(), not JavaScript's Math.floor.
    ['register_processing_time_timer', '1.5', /register_processing_time_timer\(1\.5\): a timer's time is a whole number of milliseconds \(Flink's long\), not a fraction: round it \(int\(\)\)/],
    ['delete_event_time_timer', '2**60 + 1', /delete_event_time_timer\(1152921504606846977\): past 2\^53 a time is not exact to the millisecond \(the nearest is 1152921504606846976\)/],
    ['register_event_time_timer', '2**63', /register_event_time_timer\(9223372036854775808\): beyond Long\.MAX_VALUE: such a timer could never fire/],
    ['delete_processing_time_timer', 'float("nan")', /delete_processing_time_timer\(NaN\): expected a whole number of milliseconds/],
    // It said "(MAX_TIMESTAMP for Long.MAX_VALUE)", a TypeScript name no Python job has.
    ['register_event_time_timer', 'None', /register_event_time_timer\(None\): expected a whole number of milliseconds \(2\*\*63 - 1 for Long\.MAX_VALUE\)/],
    // A whole float (30 * 60 * 1e3, total_seconds() * 1000) was taken as its int, where PyFlink's timer coder writes a
    // long and refuses any float (struct.error / TypeError): the job failed only on the cluster.
    ['register_event_time_timer', 'ctx.timestamp() + 30 * 60 * 1e3', /register_event_time_timer\(1801000\.0\): a float, where PyFlink's timer service takes an int .*make it an int \(int\(\.\.\.\)/],
    ['delete_processing_time_timer', '2000.0', /delete_processing_time_timer\(2000\.0\): a float/],
  ])('%s(%s) is the job\'s error at its line, naming the value', async (call, time, message) => {
    const err = await runInlineError(job(call, time), [{ k: 'a', ts: 1000 }], PY)
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(message)
    expect(err.where?.line).toBe(6)
  })

  it('2**63 - 1 is Long.MAX_VALUE: a timer that fires at the end of input; -2**63 is Long.MIN_VALUE; 2**60 is exact', async () => {
    const r = await runInline(job('register_event_time_timer', '2**63 - 1 if value["n"] else 2**60'), [{ k: 'a', ts: 1000, n: 1 }, { k: 'b', ts: 1000, n: 0 }], PY)
    expect(mainValues(r)).toEqual([2 ** 60, 2 ** 63])
    const del = await runInline(job('delete_event_time_timer', '-2**63'), [{ k: 'a', ts: 1000 }], PY)
    expect(mainValues(del)).toEqual([])
  })
})

describe('an endless on_timer chain', () => {
  it('at the end of input is stopped at the registering line of on_timer (engine/time/timer-chain.ts)', async () => {
    const chain = `from pyflink.common import WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        ctx.timer_service().register_event_time_timer(value["ts"] + 1)
        return []

    def on_timer(self, ts, ctx):
        ctx.timer_service().register_event_time_timer(ts + 1)
        return []

def job(events):
    return (events.assign_timestamps_and_watermarks(
                WatermarkStrategy.for_monotonous_timestamps().with_timestamp_assigner(lambda e, t: e["ts"]))
            .key_by(lambda e: e["k"]).process(F()))
`
    const err = await runInlineError(chain, [{ k: 'a', ts: 1000 }], PY)
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(/^on_timer threw Error: the 100,000th timer in a row that an on_timer registered for the next firing/)
    expect(err.message).toContain('while firing the EVENT_TIME timer at 101000 for key "a"')
    expect(err.where?.line).toBe(10)
  }, 120_000)
})
