// A Python job's value-state writes and event-time timer calls while no debugger watches (riffle run): they apply
// in their order, reads in the same call see them, and an error or finding they cause is at the line of the call,
// as in a watched run: whatever way these calls take to the engine.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline, runInlineError } from '../../helpers/run-inline'

const PY = { jobName: 'job.py' }

beforeAll(async () => { await pythonRuntime() }, 300_000)

const HEAD = `from pyflink.common import WatermarkStrategy, Duration
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor, ListStateDescriptor

def job(events):
    return (events.assign_timestamps_and_watermarks(
                WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_seconds(0)).with_timestamp_assigner(lambda e, t: e["ts"]))
            .key_by(lambda e: "k").process(F()))
`

describe('Python state writes and timer calls in an unwatched run', () => {
  it('apply in their order, and reads in the same call (value, list state) see the writes before them', async () => {
    const job = `${HEAD}
class F(KeyedProcessFunction):
    def open(self, rc):
        self.v = rc.get_state(ValueStateDescriptor("v"))
        self.l = rc.get_list_state(ListStateDescriptor("l"))

    def process_element(self, value, ctx):
        self.v.update({"n": value["n"]})
        seen = self.v.value()
        self.l.add(seen["n"])
        t = ctx.timer_service()
        t.register_event_time_timer(value["ts"] + 10)
        t.delete_event_time_timer(value["ts"] + 10)
        t.register_event_time_timer(value["ts"] + 20)
        self.v.clear()
        yield [seen, self.v.value(), self.l.get()]
        self.v.update(value["n"] * 2)

    def on_timer(self, ts, ctx):
        yield ["timer", ts, self.v.value()]
        self.v.update(None)
`
    const r = await runInline(job, [{ ts: 1000, n: 1 }, { ts: 2000, n: 2 }], PY)
    expect(mainValues(r)).toEqual([
      [{ n: 1 }, null, [1]],
      [{ n: 2 }, null, [1, 2]],
      ['timer', 1020, 4], // the deleted timer at 1010 never fires; the value is the call's last write
      ['timer', 2020, null], // cleared by update(None) in the timer before
    ])
  })

  it('a write the engine refuses names the line of its call, as a watched run does', async () => {
    const job = `${HEAD}
class F(KeyedProcessFunction):
    def open(self, rc):
        self.v = rc.get_state(ValueStateDescriptor("v"))

    def process_element(self, value, ctx):
        deep = []
        for _ in range(600):
            deep = [deep]
        self.v.update(deep)
        ctx.timer_service().register_event_time_timer(5)
        yield 1
`
    const e = await runInlineError(job, [{ ts: 1 }], PY)
    expect(e.message).toMatch(/nested more than 500 levels deep/)
    expect(e.where?.line).toBe(job.split('\n').findIndex((l) => l.includes('self.v.update(deep)')) + 1)
  })

  it('a finding raised by a buffered timer call is at the line of that call', async () => {
    const job = `${HEAD}
class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        ctx.timer_service().register_event_time_timer(value["ts"] + 100)
        ctx.timer_service().delete_event_time_timer(value["ts"] + 7)
        yield 1

    def on_timer(self, ts, ctx):
        yield from ()
`
    const r = await runInline(job, [{ ts: 1 }, { ts: 2 }], PY)
    const noOp = r.summary.findings?.find((f) => f.kind === 'noOpTimerDelete')
    expect(noOp?.line).toBe(job.split('\n').findIndex((l) => l.includes('delete_event_time_timer')) + 1)
    expect(noOp?.count).toBe(2)
  })
})
