// A PyFlink job's declared types decide what its next operator and its state give back, as PyFlink's serializers do:
// a Row declared by output_type or a state's TypeInformation comes back a Row with the declared field names, a
// Types.TUPLE a tuple, a Types.DOUBLE / FLOAT a float (3.0 stays 3.0), on the heap and the LevelDB backend.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runJob } from '../../../../src-main/cli/run-job'
import { runInlineError, writeCase } from '../../helpers/run-inline'
import { PY, TYPED_EVENTS, warmPythonOnce } from '../../helpers/typed-python-case'

const events = TYPED_EVENTS
warmPythonOnce()

async function run(job: string, backend: 'heap' | 'leveldb'): Promise<unknown[]> {
  const c = writeCase(job, events, PY)
  const out = join(c.dir, `out-${backend}.jsonl`)
  await runJob({ jobPath: c.jobPath, recordingPath: c.recordingPath, backend, out, processingTime: 'follow',
    drainProcessingTimers: false, skipBadLines: false })
  return readFileSync(out, 'utf8').split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { value: unknown }).value)
}

const ROW_JOB = `from pyflink.common import Row, Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ListStateDescriptor, MapStateDescriptor, ValueStateDescriptor

ROW = Types.ROW_NAMED(['user', 'n'], [Types.STRING(), Types.INT()])

class Count(KeyedProcessFunction):
    def open(self, rc):
        self.last = rc.get_state(ValueStateDescriptor("last", ROW))
        self.total = rc.get_state(ValueStateDescriptor("total", Types.DOUBLE()))
        self.rows = rc.get_list_state(ListStateDescriptor("rows", ROW))
        self.by = rc.get_map_state(MapStateDescriptor("by", Types.STRING(), Types.LIST(ROW)))
        self.pair = rc.get_state(ValueStateDescriptor("pair", Types.TUPLE([Types.STRING(), Types.DOUBLE()])))

    def process_element(self, r, ctx):
        prev = self.last.value()
        t = self.total.value()
        self.total.update((t or 0.0) + 1.0)
        self.last.update(Row(user=r.user, n=(prev.n if prev else 0) + r.n))
        self.rows.add(r)
        self.by.put(r.user, [r, r])
        p = self.pair.value()
        self.pair.update((r.user, 2.0))
        yield [repr(r), repr(prev), repr(t), repr(list(self.rows.get())), repr(self.by.get(r.user)), repr(p)]

def job(events):
    return (events.map(lambda e: Row(user=e['user'], n=1), output_type=ROW)
            .key_by(lambda r: r.user)
            .process(Count()))
`

describe('declared types', () => {
  for (const backend of ['heap', 'leveldb'] as const) {
    it(`a Row of map(output_type=ROW_NAMED) reaches key_by and process as a Row; ValueState/ListState/MapState of Rows, a TUPLE and a DOUBLE come back typed (${backend})`, async () => {
      const out = await run(ROW_JOB, backend)
      expect(out).toEqual([
        ["Row(user='a', n=1)", 'None', 'None', "[Row(user='a', n=1)]", "[Row(user='a', n=1), Row(user='a', n=1)]", 'None'],
        ["Row(user='b', n=1)", 'None', 'None', "[Row(user='b', n=1)]", "[Row(user='b', n=1), Row(user='b', n=1)]", 'None'],
        ["Row(user='a', n=1)", "Row(user='a', n=1)", '1.0', "[Row(user='a', n=1), Row(user='a', n=1)]",
          "[Row(user='a', n=1), Row(user='a', n=1)]", "('a', 2.0)"],
      ])
    }, 120_000)
  }

  it("a Row is emitted in its declared field order, and a downstream map gets it as a Row; a float declared DOUBLE stays a float", async () => {
    const job = `from pyflink.common import Row, Types

def job(events):
    rows = events.map(lambda e: Row(user=e['user'], amount=e['amount'], ts=e['ts']),
                      output_type=Types.ROW_NAMED(['ts', 'user', 'amount'], [Types.LONG(), Types.STRING(), Types.DOUBLE()]))
    return (rows.key_by(lambda r: r['user'])
            .map(lambda r: [r.as_dict(), repr(r.amount), type(r).__name__]))
`
    expect(await run(job, 'heap')).toEqual([
      [{ ts: 1000, user: 'a', amount: 3 }, '3.0', 'Row'],
      [{ ts: 2000, user: 'b', amount: 1.5 }, '1.5', 'Row'],
      [{ ts: 3000, user: 'a', amount: 2 }, '2.0', 'Row'],
    ])
    const emitted = `from pyflink.common import Row, Types

def job(events):
    return events.map(lambda e: Row(user=e['user'], n=1), output_type=Types.ROW_NAMED(['user', 'n'], [Types.STRING(), Types.INT()]))
`
    expect(await run(emitted, 'heap')).toEqual([['a', 1], ['b', 1], ['a', 1]])
  }, 120_000)

  it('filter and an assigner keep the type; flat_map, process(output_type) and an OutputTag declare it; reducing and aggregating state are typed', async () => {
    const job = (returned: string): string => `from pyflink.common import Row, Types, WatermarkStrategy
from pyflink.datastream import OutputTag
from pyflink.datastream.functions import AggregateFunction, KeyedProcessFunction
from pyflink.datastream.state import AggregatingStateDescriptor, ReducingStateDescriptor

PAIR = Types.ROW_NAMED(['user', 'amount'], [Types.STRING(), Types.DOUBLE()])
OUT = Types.ROW_NAMED(['user', 'biggest', 'avg'], [Types.STRING(), PAIR, Types.STRING()])
small = OutputTag("small", PAIR)

class Avg(AggregateFunction):
    def create_accumulator(self):
        return Row(total=0.0, n=0)
    def add(self, value, acc):
        return Row(total=acc.total + value, n=acc.n + 1)
    def get_result(self, acc):
        return repr(acc)

class F(KeyedProcessFunction):
    def open(self, rc):
        self.biggest = rc.get_reducing_state(ReducingStateDescriptor(
            "biggest", lambda a, b: a if a.amount >= b.amount else b, PAIR))
        self.avg = rc.get_aggregating_state(AggregatingStateDescriptor(
            "avg", Avg(), Types.ROW_NAMED(['total', 'n'], [Types.DOUBLE(), Types.INT()])))

    def process_element(self, r, ctx):
        self.biggest.add(r)
        self.avg.add(r.amount)
        if r.amount < 2:
            yield small, Row(amount=r.amount, user=r.user)
        yield Row(user=r.user, biggest=self.biggest.get(), avg=self.avg.get())

def job(events):
    rows = (events.flat_map(lambda e: [Row(user=e['user'], amount=e['amount'])], output_type=PAIR)
            .filter(lambda r: r.amount > 0)
            .assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps()
                                              .with_timestamp_assigner(lambda r, t: int(r.amount * 1000))))
    out = rows.key_by(lambda r: r.user).process(F(), output_type=OUT)
    return ${returned}
`
    const lines = async (returned: string): Promise<unknown[]> => {
      const c = writeCase(job(returned), events, PY)
      const out = join(c.dir, 'out.jsonl')
      await runJob({ jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', out, processingTime: 'follow',
        drainProcessingTimers: false, skipBadLines: false })
      return readFileSync(out, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown)
    }
    // As a cluster's sink gets them: each Row in its declared field order (PAIR nested in OUT too).
    expect((await lines('out')).map((l) => [(l as { tag?: string }).tag, (l as { value: unknown }).value])).toEqual([
      [undefined, ['a', ['a', 3], 'Row(total=3.0, n=1)']],
      ['small', ['b', 1.5]],
      [undefined, ['b', ['b', 1.5], 'Row(total=1.5, n=1)']],
      [undefined, ['a', ['a', 3], 'Row(total=5.0, n=2)']],
    ])
    // Downstream, process's output and its side output are Rows again, a DOUBLE a float.
    expect((await lines('out.map(lambda r: [repr(r), type(r.biggest.amount).__name__])')).map((l) => (l as { value: unknown }).value)).toEqual([
      ["Row(user='a', biggest=Row(user='a', amount=3.0), avg='Row(total=3.0, n=1)')", 'float'],
      ["Row(user='b', biggest=Row(user='b', amount=1.5), avg='Row(total=1.5, n=1)')", 'float'],
      ["Row(user='a', biggest=Row(user='a', amount=3.0), avg='Row(total=5.0, n=2)')", 'float'],
    ])
    expect((await lines('out.get_side_output(small).map(repr)')).map((l) => (l as { value: unknown }).value))
      .toEqual(["Row(user='b', amount=1.5)"])
  }, 120_000)

  it('a value that is no Row where a Row with fields is declared is an error at the line, as PyFlink\'s row serializer fails', async () => {
    const job = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.last = rc.get_state(ValueStateDescriptor("last", Types.ROW_NAMED(['user'], [Types.STRING()])))

    def process_element(self, e, ctx):
        self.last.update({"user": e["user"]})
        yield 1

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const e = await runInlineError(job, events, PY)
    expect(e).toMatchObject({ code: 'JOB_THREW', where: { line: 10 } })
    expect(e.message).toMatch(/TypeError: ValueState 'last'\.update\(value\) is \{'user': 'a'\}: a dict, where Types\.ROW_NAMED\(\['user'\], \[Types\.STRING\(\)\]\) is declared: PyFlink's row serializer takes only a Row \(Row\(user=\.\.\.\)\): this would fail on a Flink cluster/)
  }, 60_000)
})

describe("a result its declared type refuses", () => {
  // A map's result is laid out by its output_type after the map's frame is gone: the error named no job line.
  it("is an error at the function's return line for map, at the yield's for a flat_map generator", async () => {
    const job = `from pyflink.common import Types

ROW = Types.ROW_NAMED(['user'], [Types.STRING()])

def job(events):
    return (events.map(lambda e: {'user': e['user']}, output_type=ROW)
            .key_by(lambda r: r.user))
`
    const e = await runInlineError(job, events, PY)
    expect(e).toMatchObject({ code: 'JOB_THREW', where: { line: 6 } })
    expect(e.message).toMatch(/map threw TypeError: map's result is \{'user': 'a'\}: a dict, where Types\.ROW_NAMED\(\['user'\], \[Types\.STRING\(\)\]\) is declared/)
    const flat = `from pyflink.common import Types

def split(e):
    yield {'user': e['user']}

def job(events):
    return events.flat_map(split, output_type=Types.ROW_NAMED(['user'], [Types.STRING()]))
`
    // A generator's refused item is its yield's (line 4), where the generator waits as it is laid out.
    const f = await runInlineError(flat, events, PY)
    expect(f).toMatchObject({ code: 'JOB_THREW', where: { line: 4 } })
    expect(f.message).toMatch(/flat_map's result is \{'user': 'a'\}: a dict, where Types\.ROW_NAMED\(\['user'\], \[Types\.STRING\(\)\]\) is declared/)
    // The same after a typed stream (the function gets its records rebuilt by a wrapper): still the job's own line.
    const typedFlat = `from pyflink.common import Row, Types

def split(e):
    yield {'user': e.user}

def job(events):
    rows = events.map(lambda e: Row(user=e['user']), output_type=Types.ROW_NAMED(['user'], [Types.STRING()]))
    return rows.flat_map(split, output_type=Types.ROW_NAMED(['user'], [Types.STRING()]))
`
    const g = await runInlineError(typedFlat, events, PY)
    expect(g).toMatchObject({ code: 'JOB_THREW', where: { line: 4 } })
  }, 60_000)
})

describe('a Row shorter than its declared type', () => {
  // Row(1) where Types.ROW([Types.INT(), Types.INT()]) is declared was stored short: it read back as a Row of one value
  // under two names, and failed later (IndexError at row.f1), far from the write; PyFlink's row serializer fails at it.
  it('is an error at the write, naming both sizes', async () => {
    const job = `from pyflink.common import Row, Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.pair = rc.get_state(ValueStateDescriptor("pair", Types.ROW([Types.INT(), Types.INT()])))

    def process_element(self, e, ctx):
        self.pair.update(Row(1))
        yield self.pair.value().f1

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const e = await runInlineError(job, events, PY)
    expect(e).toMatchObject({ code: 'JOB_THREW', where: { line: 10 } })
    expect(e.message).toMatch(/TypeError: ValueState 'pair'\.update\(value\): <Row\(1\)> has 1 field where Types\.ROW\(\[Types\.INT\(\), Types\.INT\(\)\]\) declares 2/)
  }, 60_000)
})

describe('Types.FLOAT', () => {
  // PyFlink's FLOAT is 4 bytes: 0.1 stored in a Types.FLOAT() state reads back 0.10000000149011612 on a cluster, and
  // Riffle gave back 0.1, hiding the precision the job loses there.
  it('is single precision in state and between operators, as PyFlink\'s 4-byte float; DOUBLE keeps 0.1', async () => {
    const job = `from pyflink.common import Types
from pyflink.datastream import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.f = rc.get_state(ValueStateDescriptor("f", Types.FLOAT()))
        self.d = rc.get_state(ValueStateDescriptor("d", Types.DOUBLE()))

    def process_element(self, value, ctx):
        self.f.update(0.1)
        self.d.update(0.1)
        yield [repr(value), repr(self.f.value()), repr(self.d.value())]

def job(events):
    return (events.map(lambda e: e['amount'] / 10, output_type=Types.FLOAT())
            .key_by(lambda a: 'k')
            .process(F()))
`
    expect((await run(job, 'leveldb'))[1]).toEqual(['0.15000000596046448', '0.10000000149011612', '0.1'])
  }, 60_000)

  it('a float beyond single precision is an error at the line', async () => {
    const job = `from pyflink.common import Types

def job(events):
    return events.map(lambda e: e['amount'] * 1e300, output_type=Types.FLOAT())
`
    const e = await runInlineError(job, events, PY)
    expect(e).toMatchObject({ code: 'JOB_THREW', where: { line: 4 } })
    expect(e.message).toMatch(/map's result: 3e\+300 is beyond what Types\.FLOAT\(\) holds \(single precision, up to 3\.4e38\): Types\.DOUBLE\(\) holds it/)
  }, 60_000)
})

describe("key_by's key_type", () => {
  // ctx.get_current_key() gave the key's JSON back (a Row key as a tuple, a DOUBLE key 3.0 as 3), where PyFlink's key
  // serializer of the declared key_type gives a Row and a float.
  it('decides what ctx.get_current_key() gives, in process_element and on_timer', async () => {
    const job = (selector: string, keyType: string): string => `from pyflink.common import Row, Types, WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, e, ctx):
        ctx.timer_service().register_event_time_timer(e['ts'] + 1)
        yield repr(ctx.get_current_key())

    def on_timer(self, t, ctx):
        yield 'timer ' + repr(ctx.get_current_key())

def job(events):
    return (events.assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps()
                                                    .with_timestamp_assigner(lambda e, t: e['ts']))
            .key_by(${selector}, key_type=${keyType})
            .process(F()))
`
    // The b record comes before a's timer fires (the watermark it brings passes 1001).
    const row = await run(job("lambda e: Row(user=e['user'], kind='k')", "Types.ROW_NAMED(['user', 'kind'], [Types.STRING(), Types.STRING()])"), 'heap')
    expect([row[0], row[2]]).toEqual(["Row(user='a', kind='k')", "timer Row(user='a', kind='k')"])
    const double = await run(job("lambda e: e['amount']", 'Types.DOUBLE()'), 'leveldb')
    expect([double[0], double[2]]).toEqual(['3.0', 'timer 3.0'])
  }, 60_000)
})
