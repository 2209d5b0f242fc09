// PyFlink's Row as a job uses it: a mutable object, not a tuple (assigned by index or name, equal to no tuple), as in
// PyFlink's own process-function example, which keeps a Row in a ValueState and updates it in place.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runJob } from '../../../../src-main/cli/run-job'
import { writeCase } from '../../helpers/run-inline'
import { PY, TYPED_EVENTS, warmPythonOnce } from '../../helpers/typed-python-case'

const events = TYPED_EVENTS
warmPythonOnce()

async function run(job: string): Promise<unknown[]> {
  const c = writeCase(job, events, PY)
  const out = join(c.dir, 'out.jsonl')
  await runJob({ jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', out, processingTime: 'follow',
    drainProcessingTimers: false, skipBadLines: false })
  return readFileSync(out, 'utf8').split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { value: unknown }).value)
}

describe("a Row is PyFlink's Row", () => {
  // PyFlink's own process-function example (docs: datastream/operators/process_function) keeps a Row in a
  // ValueState and updates it in place: current[1] += 1. Riffle's Row was a tuple, so that raised "'Row' object does
  // not support item assignment", and Row(1, 2) == (1, 2) held where PyFlink's Row equals no tuple.
  it("is mutable by index and by name, equals no tuple, and round-trips through a ValueState of Types.ROW", async () => {
    const job = `from pyflink.common import Row, Types, WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction, RuntimeContext
from pyflink.datastream.state import ValueStateDescriptor


class CountWithTimeoutFunction(KeyedProcessFunction):

    def __init__(self):
        self.state = None

    def open(self, runtime_context: RuntimeContext):
        self.state = runtime_context.get_state(ValueStateDescriptor(
            "my_state", Types.ROW([Types.STRING(), Types.LONG(), Types.LONG()])))

    def process_element(self, value, ctx: 'KeyedProcessFunction.Context'):
        # retrieve the current count
        current = self.state.value()
        if current is None:
            current = Row(value['user'], 0, 0)

        # update the state's count
        current[1] += 1

        # set the state's timestamp to the record's assigned event time timestamp
        current[2] = ctx.timestamp()

        # write the state back
        self.state.update(current)

        # schedule the next timer 60 seconds from the current event time
        ctx.timer_service().register_event_time_timer(current[2] + 60000)

    def on_timer(self, timestamp: int, ctx: 'KeyedProcessFunction.OnTimerContext'):
        # get the state for the key that scheduled the timer
        result = self.state.value()

        # check if this is an outdated timer or the latest timer
        if timestamp == result[2] + 60000:
            # emit the state on timeout
            yield result[0], result[1]
        if result[0] == 'a' and timestamp == 63000:
            r = Row(name='x', count=1)
            r['count'] += 1
            r[0] = r[0] + 1
            errors = []
            try:
                r.name = 'y'
            except AttributeError as e:
                errors.append(str(e))
            try:
                r['nope']
            except ValueError as e:
                errors.append('ValueError ' + str(e))
            yield [repr(r), r.count, Row(1, 2) == (1, 2), Row(1, 2) == Row(1, 2), hash(Row(1, 2)) == hash((1, 2)),
                   'x' in r, len(r), list(r), errors, repr(result), result.f0 if hasattr(result, 'f0') else None]


def job(events):
    return (events.assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps()
                                                    .with_timestamp_assigner(lambda e, t: e['ts']))
            .key_by(lambda e: e['user'])
            .process(CountWithTimeoutFunction()))
`
    expect(await run(job)).toEqual([
      ['b', 1],
      ['a', 2],
      ["Row(count=3, name='x')", 3, false, true, true, true, 2, [3, 'x'], ['name', 'ValueError nope'], "Row(f0='a', f1=2, f2=3000)", 'a'],
    ])
  }, 60_000)
})
