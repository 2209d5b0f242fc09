// ctx.timestamp() of a Python job while no debugger watches (riffle run): the engine hands process_element's
// timestamp in with the call (python-bridge.ts), so the read asks nothing of the engine's context; on_timer's
// read, and every read of a watched run, still does (traced at its line: python-jobs / debugger tests).
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline } from '../../helpers/run-inline'

const PY = { jobName: 'job.py' }

beforeAll(async () => { await pythonRuntime() }, 300_000)

describe('Python ctx.timestamp() in an unwatched run', () => {
  it("is the record's timestamp (None without one) without asking the engine, and the engine's in on_timer", async () => {
    // The job swaps the engine context's timestamp() for a marker: a read that asked the engine would give it.
    const job = `from pyflink.common import WatermarkStrategy, Duration
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        asked = ctx._ts
        ctx._ts = lambda: "asked the engine"
        yield ["element", value["n"], ctx.timestamp()]
        ctx._ts = asked
        if value["n"] == 0:
            ctx.timer_service().register_event_time_timer(5000)

    def on_timer(self, ts, ctx):
        yield ["timer", ts, ctx.timestamp()]

def job(events):
    return (events.assign_timestamps_and_watermarks(
                WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_seconds(0)).with_timestamp_assigner(lambda e, t: e["ts"]))
            .key_by(lambda e: "k").process(F()))
`
    const untimed = `from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        ctx._ts = lambda: "asked the engine"
        yield ctx.timestamp()

def job(events):
    return events.key_by(lambda e: "k").process(F())
`
    const timed = await runInline(job, [{ ts: 1000, n: 0 }, { ts: 2_000_000_000_000, n: 1 }], PY)
    expect(mainValues(timed)).toEqual([['element', 0, 1000], ['element', 1, 2_000_000_000_000], ['timer', 5000, 5000]])
    expect(mainValues(await runInline(untimed, [{ n: 0 }], PY))).toEqual([null])
  })
})
