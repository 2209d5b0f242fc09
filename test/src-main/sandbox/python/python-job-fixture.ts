// The Python job tests' shared parts: the job name that makes inline code a .py job, a recording of a few events and
// a watermark, a job using every state kind, TTL, timers and a side output, and Pyodide warmed once per test file.
import { beforeAll } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'

export const PY = { jobName: 'job.py' }

/** Pyodide's cold start (seconds; far more on a loaded machine) paid in the file's beforeAll, not by its first test. */
export function warmPython(): void {
  beforeAll(async () => { await pythonRuntime() }, 300_000)
}

export const events = [
  { ts: 1000, user: 'a', kind: 'x', n: 1 },
  { ts: 2000, user: 'b', kind: 'y', n: 2 },
  { ts: 3000, user: 'a', kind: 'y', n: 3 },
  { ts: 4000, user: 'a', kind: 'x', n: 4 },
  { ts: 5000, user: 'b', kind: 'x', n: 5 },
  { $watermark: 10_000 },
  { ts: 90_000, user: 'a', kind: 'z', n: 6 },
]

export const PY_ALL_KINDS = `
from pyflink.common import Duration, Time, Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream import OutputTag
from pyflink.datastream.functions import AggregateFunction, KeyedProcessFunction
from pyflink.datastream.state import (AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor,
                                      ReducingStateDescriptor, StateTtlConfig, ValueStateDescriptor)

late = OutputTag("timers", Types.STRING())

class Avg(AggregateFunction):
    def create_accumulator(self):
        return [0, 0]
    def add(self, value, acc):
        return [acc[0] + value, acc[1] + 1]
    def get_result(self, acc):
        return acc[0] / acc[1]

class AllKinds(KeyedProcessFunction):
    def open(self, rc):
        ttl = StateTtlConfig.new_builder(Time.seconds(30)).set_update_type(StateTtlConfig.UpdateType.OnReadAndWrite).build()
        last = ValueStateDescriptor("last", Types.STRING())
        last.enable_time_to_live(ttl)
        self.last = rc.get_state(last)
        self.kinds = rc.get_list_state(ListStateDescriptor("kinds", Types.STRING()))
        self.per_kind = rc.get_map_state(MapStateDescriptor("per_kind", Types.STRING(), Types.LONG()))
        self.total = rc.get_reducing_state(ReducingStateDescriptor("total", lambda a, b: a + b, Types.LONG()))
        self.avg = rc.get_aggregating_state(AggregatingStateDescriptor("avg", Avg(), Types.LIST(Types.LONG())))

    def process_element(self, e, ctx):
        before = self.last.value()
        self.last.update(e["kind"])
        self.kinds.add(e["kind"])
        self.per_kind.put(e["kind"], (self.per_kind.get(e["kind"]) or 0) + 1)
        self.total.add(e["n"])
        self.avg.add(e["n"])
        ctx.timer_service().register_event_time_timer(ctx.timestamp() + 500)
        yield {"key": ctx.get_current_key(), "before": before, "kinds": list(self.kinds.get()),
               "map": sorted(self.per_kind.items()), "has_x": self.per_kind.contains("x"),
               "total": self.total.get(), "avg": self.avg.get(), "ts": ctx.timestamp(),
               "wm": ctx.timer_service().current_watermark() > 0}

    def on_timer(self, timestamp, ctx):
        yield late, f"{ctx.get_current_key()}@{timestamp} {ctx.time_domain().name}"
        if timestamp > 5000:
            self.per_kind.remove("x")
            self.kinds.update(["reset"])

class Ts(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]

def job(events):
    s = (events.assign_timestamps_and_watermarks(WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_millis(0))
                                                 .with_timestamp_assigner(Ts()))
         .key_by(lambda e: e["user"]).process(AllKinds()))
    return s
`

/**
 * The end of a test job: its records' "ts" as event time (monotonous), keyed by the field `key`, then `tail` (the
 * process call and anything after it). The job imports TimestampAssigner and WatermarkStrategy.
 */
export const eventTimeKeyedBy = (key: string, tail: string): string => `class Ts(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]

def job(events):
    return (events
            .assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps().with_timestamp_assigner(Ts()))
            .key_by(lambda e: e["${key}"])
            ${tail})
`

/**
 * A job summing each user's "amount" in AggregatingState `total`, whose accumulator is the declared tuple (sum, count):
 * `getResult` is get_result's return expression (of `acc`), `emit` the process_element lines after the add.
 */
export const sumAggregateJob = (getResult: string, emit: string): string => `from pyflink.common import Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import AggregateFunction, KeyedProcessFunction
from pyflink.datastream.state import AggregatingStateDescriptor

class Sum(AggregateFunction):
    def create_accumulator(self):
        return (0.0, 0)

    def add(self, value, acc):
        return (acc[0] + value, acc[1] + 1)

    def get_result(self, acc):
        return ${getResult}

class Totals(KeyedProcessFunction):
    def open(self, rc):
        self.total = rc.get_aggregating_state(AggregatingStateDescriptor("total", Sum(), Types.TUPLE([Types.DOUBLE(), Types.LONG()])))

    def process_element(self, value, ctx):
        self.total.add(value["amount"])
${emit}

${eventTimeKeyedBy('u', '.process(Totals())')}`
