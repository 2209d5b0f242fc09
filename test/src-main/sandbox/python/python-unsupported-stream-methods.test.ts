// PyFlink's examples pasted into Riffle: a DataStream or KeyedStream method PyFlink has and Riffle does not (reduce,
// window, print, ...) is an error at the job's line that says so and what to write instead, not Python's bare
// "'KeyedStream' object has no attribute 'reduce'".
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline, runInlineError } from '../../helpers/run-inline'

const PY = { jobName: 'job.py' }

beforeAll(async () => { await pythonRuntime() }, 300_000)

const words = ['to be or not to be']

const job = (tail: string): string => `from pyflink.common import Types

def job(ds):
    return ds.flat_map(lambda line: line.split()) \\
             .map(lambda i: (i, 1), output_type=Types.TUPLE([Types.STRING(), Types.INT()])) \\
             .key_by(lambda i: i[0])${tail}
`

describe('a PyFlink stream method Riffle does not have', () => {
  it("KeyedStream.reduce (PyFlink's word count) says it is not Riffle's, and what does it, at its line", async () => {
    const e = await runInlineError(job('.reduce(lambda i, j: (i[0], i[1] + j[1]))'), words, PY)
    expect(e).toMatchObject({ code: 'JOB_THREW', where: { line: 6 } })
    expect(e.message).toMatch(/AttributeError: KeyedStream\.reduce\(\) is PyFlink's, but not Riffle's: Riffle replays a recording through map, filter, flat_map, key_by, assign_timestamps_and_watermarks and process \(docs\/python-jobs\.md\); a KeyedProcessFunction with a ReducingState does what reduce\(\) does at .*job\.py:6:/)
  }, 60_000)

  it('print() and sink_to() say the stream job(events) returns is the output', async () => {
    for (const tail of ['.print()', '.sink_to(None)']) {
      const e = await runInlineError(job(tail), words, PY)
      expect(e).toMatchObject({ code: 'JOB_THREW', where: { line: 6 } })
      expect(e.message).toMatch(/is a sink: in Riffle the stream job\(events\) returns is the job's output \(riffle run --out -\): return it/)
    }
  }, 60_000)

  it('window() names timers as what does it; a name PyFlink does not have either is Python\'s own error', async () => {
    const w = await runInlineError(job('.window(None)'), words, PY)
    expect(w.message).toMatch(/KeyedStream\.window\(\) is PyFlink's, but not Riffle's: .* an event-time timer in a KeyedProcessFunction does what a window does/)
    const typo = await runInlineError(job('.proces(None)'), words, PY)
    expect(typo.message).toMatch(/AttributeError: 'KeyedStream' object has no attribute 'proces'/)
  }, 60_000)
})

describe('keyed state in a map or flat_map on a KeyedStream', () => {
  // PyFlink's state docs (CountWindowAverage): PyFlink runs a KeyedStream's flat_map with keyed state; Riffle gives
  // keyed state only to a KeyedProcessFunction (docs/python-jobs.md), and said only that such a function "has none".
  it("says PyFlink allows it, Riffle does not, and how to write it, at the get_state line", async () => {
    const job = `from pyflink.common.typeinfo import Types
from pyflink.datastream import FlatMapFunction, RuntimeContext
from pyflink.datastream.state import ValueStateDescriptor

class CountWindowAverage(FlatMapFunction):
    def open(self, runtime_context: RuntimeContext):
        self.sum = runtime_context.get_state(ValueStateDescriptor("average", Types.PICKLED_BYTE_ARRAY()))

    def flat_map(self, value):
        yield value

def job(events):
    return events.key_by(lambda row: row[0]).flat_map(CountWindowAverage())
`
    const e = await runInlineError(job, [[1, 3], [1, 5]], PY)
    expect(e).toMatchObject({ code: 'JOB_THREW', where: { line: 7 } })
    expect(e.message).toMatch(/state 'average': PyFlink gives keyed state to a map, flat_map or filter on a KeyedStream, Riffle only to a KeyedProcessFunction \(docs\/python-jobs\.md\): make CountWindowAverage a KeyedProcessFunction whose process_element\(value, ctx\) yields what its flat_map returns/)
    const unkeyed = await runInlineError(job.replace('events.key_by(lambda row: row[0]).flat_map', 'events.flat_map'), [[1, 3]], PY)
    expect(unkeyed.message).toMatch(/state 'average': keyed state is only accessible on a KeyedStream, in a KeyedProcessFunction/)
  }, 60_000)
})

describe("PyFlink's operator tuning calls", () => {
  // set_parallelism and set_description ran (a replay has one pipeline: they change nothing); the other tuning calls
  // of PyFlink's DataStream stopped the run with "'DataStream' object has no attribute 'disable_chaining'".
  it('run as set_parallelism does: accepted, changing nothing in a replay', async () => {
    const job = `def job(events):
    return (events.map(lambda e: e).set_max_parallelism(128).slot_sharing_group("g").disable_chaining()
            .start_new_chain().set_buffer_timeout(100).force_non_parallel().set_uid_hash("h")
            .key_by(lambda e: e[0]).map(lambda e: e[1]))
`
    expect(mainValues(await runInline(job, [['a', 1], ['b', 2]], PY))).toEqual([1, 2])
  }, 60_000)
})

describe('process() on a DataStream that is not keyed', () => {
  // PyFlink's side-output docs call ds.process(MyProcessFunction()) on a plain DataStream; Riffle said only that
  // "process() needs a keyed stream ... (timers need a keyed stream, T7)", which reads as a PyFlink rule.
  it('says PyFlink allows it, Riffle replays keyed process functions only, and to key_by first, at the job\'s line', async () => {
    const side = `from pyflink.common import Types
from pyflink.datastream import OutputTag
from pyflink.datastream.functions import ProcessFunction

output_tag = OutputTag("side-output", Types.STRING())

class MyProcessFunction(ProcessFunction):
    def process_element(self, value, ctx):
        yield value
        yield output_tag, "sideout-" + str(value)

def job(ds):
    return ds.process(MyProcessFunction(), Types.STRING())
`
    const e = await runInlineError(side, words, PY)
    expect(e).toMatchObject({ code: 'JOB_THREW', where: { line: 13 } })
    expect(e.message).toContain('TypeError: DataStream.process(): PyFlink allows process() on a DataStream, but Riffle replays only keyed process functions: key the stream first, e.g. .key_by(lambda e: e["user_id"]).process(MyProcessFunction())')
    expect(e.message).not.toContain('T7')
  }, 60_000)
})
