// A job function that cannot take the arguments Riffle (and PyFlink) call it with — a one-argument lambda for a
// timestamp assigner, process_element(self, value) without ctx, a two-argument map — is refused when the job is
// built, at the function's .py line, saying what it takes and what it is called with. Before, the run stopped at
// the first record with "TypeError: <lambda>() takes 1 positional argument but 2 were given" and no job line.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { runInlineError } from '../../helpers/run-inline'

beforeAll(async () => { await pythonRuntime() }, 300_000)

const PY = { jobName: 'job.py' }

const job = (assigner: string, map: string, process: string, timer: string): string => `from pyflink.common import WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction


class F(KeyedProcessFunction):
    def process_element(${process}):
        yield value

    def on_timer(${timer}):
        yield 1


def job(events):
    return (events
            .assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps()
                                              .with_timestamp_assigner(${assigner}))
            .map(${map})
            .key_by(lambda e: e["user"])
            .process(F()))
`

const ok = ['lambda e, t: e["ts"]', 'lambda e: e', 'self, value, ctx', 'self, timestamp, ctx'] as const

describe('a job function with the wrong parameters', () => {
  it('is refused at its line, saying what it takes and how it is called', async () => {
    for (const [i, arg, line, message] of [
      [0, 'lambda e: e["ts"]', 16, 'with_timestamp_assigner\'s function (lambda e) cannot be called with (value, record_timestamp)'],
      [1, 'lambda e, i: e', 17, 'map\'s function (lambda e, i) cannot be called with (value)'],
      [2, 'self, value', 6, 'F.process_element(self, value) cannot be called with (value, ctx)'],
      [3, 'self, ctx', 9, 'F.on_timer(self, ctx) cannot be called with (timestamp, ctx)'],
    ] as const) {
      const args: string[] = [...ok]
      args[i] = arg
      const e = await runInlineError(job(args[0], args[1], args[2], args[3]), [{ user: 'a', ts: 1 }], PY)
      expect(e).toMatchObject({ code: 'JOB_THREW', where: { line } })
      expect(e.message).toContain(`TypeError: ${message}`)
    }
  }, 60_000)

  it('a reduce or aggregate function of a state is refused at its line too', async () => {
    const state = (reduce: string, add: string): string => `from pyflink.common import Types
from pyflink.datastream.functions import AggregateFunction, KeyedProcessFunction
from pyflink.datastream.state import AggregatingStateDescriptor, ReducingStateDescriptor


class Count(AggregateFunction):
    def create_accumulator(self):
        return 0

    def add(${add}):
        return accumulator + 1

    def get_result(self, accumulator):
        return accumulator


class F(KeyedProcessFunction):
    def open(self, runtime_context):
        self.total = runtime_context.get_reducing_state(ReducingStateDescriptor("total", ${reduce}, Types.LONG()))
        self.count = runtime_context.get_aggregating_state(AggregatingStateDescriptor("count", Count(), Types.LONG()))

    def process_element(self, value, ctx):
        self.total.add(1)
        self.total.add(2)
        self.count.add(value)
        yield self.count.get()


def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    // Before: "process_element threw TypeError: F.open.<locals>.<lambda>() takes 1 positional argument but 2 were given", no line.
    const reduce = await runInlineError(state('lambda a: a', 'self, value, accumulator'), [{ user: 'a' }], PY)
    expect(reduce).toMatchObject({ code: 'JOB_THREW', where: { line: 19 } })
    expect(reduce.message).toContain("TypeError: the reduce function of ReducingStateDescriptor 'total' (lambda a) cannot be called with (value1, value2)")
    const add = await runInlineError(state('lambda a, b: a + b', 'self, accumulator'), [{ user: 'a' }], PY)
    expect(add).toMatchObject({ code: 'JOB_THREW', where: { line: 10 } })
    expect(add.message).toContain('TypeError: Count.add(self, accumulator) cannot be called with (value, accumulator)')
  }, 60_000)

  it('job() itself without its events parameter is the job\'s error at its def line, not an internal one', async () => {
    // Before: "riffle: INTERNAL: job() takes 0 positional arguments but 1 was given" and a JavaScript stack.
    const e = await runInlineError('import json\n\n\ndef job():\n    return None\n', [{ user: 'a' }], PY)
    expect(e).toMatchObject({ code: 'JOB_THREW', where: { line: 4 } })
    expect(e.message).toContain('TypeError: the job function job() cannot be called with (events), as Riffle calls it')
  }, 60_000)
})

