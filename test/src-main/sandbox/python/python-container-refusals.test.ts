// A value of the wrong kind where a container type is declared (Types.LIST, the arrays, Types.MAP, a Row, a tuple) is
// a TypeError at the job's line in the words of the other declared-type refusals. PyFlink's coders for them take only
// a list (GenericArrayCoderImpl, PrimitiveArrayCoderImpl: `cdef list`), a dict (MapCoderImpl: len() and items()), a
// Row (RowCoderImpl: get_fields_by_names) and a tuple (TupleCoderImpl: `cdef tuple`) (flink-python/pyflink/
// fn_execution/coder_impl_fast.pyx), so the job fails on a cluster; Riffle raised Python's own "'int' object is not
// iterable" or "'list' object has no attribute 'items'" from inside its encoder, or passed the value on.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline, runInlineError, writeCase } from '../../helpers/run-inline'
import { buildRiffleOnce, riffle } from '../../helpers/riffle-cli'

beforeAll(async () => { await pythonRuntime() }, 300_000)
buildRiffleOnce()

const PY = { jobName: 'job.py' }
const LINES = [{ k: 'a', n: 3 }]

// `state` is the ValueState's declared type, `out` the operator's output_type; process_element's body is line 13.
const job = (state: string, out: string, body: string): string => `from pyflink.common import Row, Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ListStateDescriptor, ValueStateDescriptor


class F(KeyedProcessFunction):
    def open(self, rc):
        self.v = rc.get_state(ValueStateDescriptor("v", ${state}))
        self.l = rc.get_list_state(ListStateDescriptor("l", ${state}))

    def process_element(self, value, ctx):
        n = value["n"]
${body}


def job(events):
    return events.key_by(lambda e: e["k"]).process(F(), output_type=${out})
`
const LONGS = 'Types.LIST(Types.LONG())'

describe('a value of another kind where a container type is declared', () => {
  it.each([
    [LONGS, '        yield n + 2', /the yielded value is 5: an int, where Types\.LIST\(Types\.LONG\(\)\) is declared: PyFlink's array coder takes only a list: this would fail on a Flink cluster/],
    ['Types.LIST(Types.DOUBLE())', '        yield (1.5, 2.5)', /the yielded value is \(1\.5, 2\.5\): a tuple of 2 items, where Types\.LIST\(Types\.DOUBLE\(\)\) is declared: PyFlink's array coder takes only a list/],
    ['Types.BASIC_ARRAY(Types.STRING())', '        yield "ab"', /the yielded value is 'ab': a str, where Types\.BASIC_ARRAY\(Types\.STRING\(\)\) is declared/],
    ['Types.PRIMITIVE_ARRAY(Types.INT())', '        yield {"a": n}', /the yielded value is \{'a': 3\}: a dict, where Types\.PRIMITIVE_ARRAY\(Types\.INT\(\)\) is declared/],
    ['Types.MAP(Types.STRING(), Types.LONG())', '        yield [("a", n)]', /the yielded value is \[\('a', 3\)\]: a list, where Types\.MAP\(Types\.STRING\(\), Types\.LONG\(\)\) is declared: PyFlink's map coder takes only a dict: this would fail on a Flink cluster/],
    ['Types.MAP(Types.LONG(), Types.STRING())', '        yield {"1": "x"}', /the yielded value \(a key\) is '1': a str where Types\.LONG\(\) is declared: PyFlink's long coder takes only an int/],
    ['Types.ROW([Types.STRING(), Types.LONG()])', '        yield ["a", n]', /the yielded value is \['a', 3\]: a list, where Types\.ROW\(\[Types\.STRING\(\), Types\.LONG\(\)\]\) is declared: PyFlink's row serializer takes only a Row \(Row\(f0=\.\.\., f1=\.\.\.\)\)/],
    ['Types.TUPLE([Types.STRING(), Types.LONG()])', '        yield ["a", n]', /the yielded value is \['a', 3\]: a list, where Types\.TUPLE\(\[Types\.STRING\(\), Types\.LONG\(\)\]\) is declared: PyFlink's tuple coder takes only a tuple of 2 items/],
    [`Types.LIST(${LONGS})`, '        yield [[1], 2]', /the yielded value \(an item\) is 2: an int, where Types\.LIST\(Types\.LONG\(\)\) is declared/],
  ])('output_type=%s, `%s`, is a TypeError at the yield', async (type, body, message) => {
    const err = await runInlineError(job('Types.STRING()', type, body), LINES, PY)
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(/^process_element threw TypeError: /)
    expect(err.message).toMatch(message)
    expect(err.where?.line).toBe(13)
  }, 60_000)

  it.each([
    ['self.v.update(n)', /ValueState 'v'\.update\(value\) is 3: an int, where Types\.LIST\(Types\.LONG\(\)\) is declared: PyFlink's array coder takes only a list/],
    ['self.l.add(n)', /ListState 'l' is 3: an int, where Types\.LIST\(Types\.LONG\(\)\) is declared/],
    ['self.l.update([[1], n])', /ListState 'l' is 3: an int, where Types\.LIST\(Types\.LONG\(\)\) is declared/],
  ])('a state of Types.LIST(Types.LONG()): `%s` is a TypeError at the call', async (call, message) => {
    const err = await runInlineError(job(LONGS, 'Types.STRING()', `        ${call}\n        yield "x"`), LINES, PY)
    expect(err.message).toMatch(message)
    expect(err.where?.line).toBe(13)
  }, 60_000)

  it('what the declared container takes is kept', async () => {
    const body = `        self.v.update([n, 4])
        self.l.add([5])
        yield [self.v.value()]
        yield self.l.get()`
    expect(mainValues(await runInline(job(LONGS, `Types.LIST(${LONGS})`, body), LINES, PY))).toEqual([[[3, 4]], [[5]]])
    const map = '        yield {"a": n}\n        yield {}'
    expect(mainValues(await runInline(job('Types.STRING()', 'Types.MAP(Types.STRING(), Types.DOUBLE())', map), LINES, PY))).toEqual([{ a: 3 }, {}])
  }, 60_000)

  it("riffle run exits 1 naming the job file and the yield's line", () => {
    const c = writeCase(job('Types.STRING()', LONGS, '        yield n + 2'), LINES, PY)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/job\.py:13\b/)
    expect(r.stderr).toMatch(/the yielded value is 5: an int, where Types\.LIST\(Types\.LONG\(\)\) is declared/)
  }, 120_000)
})

describe('None under a declared type, as PyFlink takes it', () => {
  // An operator's output (a yield, a map's result, a side output's value) is a field of PyFlink's runner output Row,
  // Row(timestamp, value) (fn_execution/datastream/process/input_handler.py _emit_results, and map is a process
  // function yielding its result: datastream/data_stream.py), so its None is a null field RowCoderImpl takes, as a
  // Row's own None field and a map's None value (MapCoderImpl's null flag). A tuple's items go to their types' coders
  // as they are (TupleCoderImpl: write_int64(None) fails), and so do a list's where PyFlink encodes it as a primitive
  // array: a PRIMITIVE_ARRAY, or a LIST an operator declares (coders.py from_type_info_proto); a state's LIST is a
  // generic array (from_type_info: GenericArrayCoder, with a null flag per item), as BASIC_ARRAY and OBJECT_ARRAY are.
  it('a None output, Row field or map value is emitted', async () => {
    const out = async (type: string, body: string): Promise<unknown[]> =>
      mainValues(await runInline(job('Types.STRING()', type, body), LINES, PY))
    expect(await out('Types.LONG()', '        yield None\n        yield n')).toEqual([null, 3])
    expect(await out('Types.ROW_NAMED(["u", "n"], [Types.STRING(), Types.LONG()])', '        yield Row(u=None, n=n)')).toEqual([[null, 3]])
    expect(await out('Types.MAP(Types.STRING(), Types.LONG())', '        yield {"a": None}')).toEqual([{ a: null }])
    expect(await out('Types.BASIC_ARRAY(Types.LONG())', '        yield [n, None]')).toEqual([[3, null]])
    expect(await out('Types.TUPLE([Types.STRING(), Types.PICKLED_BYTE_ARRAY()])', '        yield ("a", None)')).toEqual([['a', null]])
    const mapped = job('Types.STRING()', 'Types.LONG()', '        yield n').replace('.process(F(), output_type=Types.LONG())', '.map(lambda e: None, output_type=Types.STRING())')
    expect(mainValues(await runInline(mapped, LINES, PY))).toEqual([null])
  }, 60_000)

  it.each([
    ['Types.TUPLE([Types.STRING(), Types.LONG()])', '        yield ("a", None)', /the yielded value \(item 1\) is None, where Types\.LONG\(\) is declared: PyFlink's tuple coder has no null items \(a Row's fields may be None\): this would fail on a Flink cluster/],
    [LONGS, '        yield [n, None]', /the yielded value \(an item\) is None, where Types\.LIST\(Types\.LONG\(\)\) is declared: PyFlink encodes an operator's Types\.LIST as a primitive array, which has no null items/],
    ['Types.PRIMITIVE_ARRAY(Types.DOUBLE())', '        yield [None]', /the yielded value \(an item\) is None, where Types\.PRIMITIVE_ARRAY\(Types\.DOUBLE\(\)\) is declared: PyFlink's primitive array coder has no null items/],
    [`Types.ROW_NAMED(["xs"], [${LONGS}])`, '        yield Row(xs=[None])', /the yielded value \(field 'xs'\) \(an item\) is None, where Types\.LIST\(Types\.LONG\(\)\) is declared/],
  ])('output_type=%s, `%s`, is a TypeError at the yield', async (type, body, message) => {
    const err = await runInlineError(job('Types.STRING()', type, body), LINES, PY)
    expect(err.message).toMatch(message)
    expect(err.where?.line).toBe(13)
  }, 60_000)

  it("a state's LIST holds a None item, its PRIMITIVE_ARRAY and TUPLE do not", async () => {
    const body = '        self.v.update([n, None])\n        yield repr(self.v.value())'
    expect(mainValues(await runInline(job(LONGS, 'Types.STRING()', body), LINES, PY))).toEqual(['[3, None]'])
    const arr = await runInlineError(job('Types.PRIMITIVE_ARRAY(Types.LONG())', 'Types.STRING()', body), LINES, PY)
    expect(arr.message).toMatch(/ValueState 'v'\.update\(value\) \(an item\) is None, where Types\.PRIMITIVE_ARRAY\(Types\.LONG\(\)\) is declared/)
    const tup = await runInlineError(job('Types.TUPLE([Types.LONG(), Types.LONG()])', 'Types.STRING()', '        self.l.add((n, None))'), LINES, PY)
    expect(tup.message).toMatch(/ListState 'l' \(item 1\) is None, where Types\.LONG\(\) is declared: PyFlink's tuple coder has no null items/)
    expect(tup.where?.line).toBe(13)
  }, 60_000)

  it("riffle run exits 1 naming the job file and the yield's line", () => {
    const c = writeCase(job('Types.STRING()', 'Types.TUPLE([Types.STRING(), Types.LONG()])', '        yield ("a", None)'), LINES, PY)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/job\.py:13\b/)
    expect(r.stderr).toMatch(/the yielded value \(item 1\) is None, where Types\.LONG\(\) is declared/)
  }, 120_000)
})

describe("a MapState's key of a declared Row or tuple type", () => {
  // PyFlink encodes a MapState's key with its declared key type's coder at every call that takes one
  // (fn_execution/state_impl.py InternalSynchronousMapRuntimeState), a Row or tuple one as an output's: Riffle
  // checked only a LONG, INT or STRING key type. `body` is process_element's (line 12).
  const keyed = (body: string): string => `from pyflink.common import Row, Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import MapStateDescriptor


class F(KeyedProcessFunction):
    def open(self, rc):
        self.t = rc.get_map_state(MapStateDescriptor("t", Types.TUPLE([Types.STRING(), Types.LONG()]), Types.STRING()))
        self.r = rc.get_map_state(MapStateDescriptor("r", Types.ROW_NAMED(["u", "n"], [Types.STRING(), Types.LONG()]), Types.ROW_NAMED(["x"], [Types.LONG()])))

    def process_element(self, value, ctx):
${body}
        yield 1


def job(events):
    return events.key_by(lambda e: e["k"]).process(F())
`
  it.each([
    ['self.t.put(("a", value["n"] / 2), "x")', /MapState 't'\.put\(key\) \(item 1\) is 1\.5: a float, where Types\.LONG\(\) is declared \(Flink's long\)/],
    ['self.t.get(["a", 1])', /MapState 't'\.get\(key\) is \['a', 1\]: a list, where Types\.TUPLE\(\[Types\.STRING\(\), Types\.LONG\(\)\]\) is declared: PyFlink's tuple coder takes only a tuple of 2 items/],
    ['self.t.put_all({("a", "b"): "x"})', /MapState 't'\.put_all\(key\) \(item 1\) is 'b': a str where Types\.LONG\(\) is declared/],
    ['del self.t[("a", None)]', /MapState 't'\.remove\(key\) \(item 1\) is None, where Types\.LONG\(\) is declared: PyFlink's tuple coder has no null items/],
    ['self.r.contains(("a", 1))', /MapState 'r'\.contains\(key\) is \('a', 1\): a tuple of 2 items, where Types\.ROW_NAMED\(\['u', 'n'\], \[Types\.STRING\(\), Types\.LONG\(\)\]\) is declared: PyFlink's row serializer takes only a Row/],
    ['self.r[Row(u="a", n=1.0)] = Row(x=1)', /MapState 'r'\.put\(key\) \(field 'n'\) is 1\.0: a float, where Types\.LONG\(\) is declared/],
  ])('`%s` is a TypeError at its line', async (call, message) => {
    const err = await runInlineError(keyed(`        ${call}`), [{ k: 'a', n: 3 }], PY)
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(message)
    expect(err.where?.line).toBe(12)
  }, 60_000)

  it('keys of the declared type are kept', async () => {
    const r = await runInline(keyed(`        self.t.put(("a", value["n"]), "x")
        self.t.put_all([(("b", 2), "y")])
        self.r.put(Row(u="a", n=1), Row(x=2))
        yield [self.t.get(("a", 3)), sorted(self.t.keys()), self.r.contains(Row(u="a", n=1)), self.r.get(Row(u="a", n=1)).x]`),
    [{ k: 'a', n: 3 }], PY)
    expect(mainValues(r)).toEqual([['x', [['a', 3], ['b', 2]], true, 2], 1])
  }, 60_000)

  it("riffle run exits 1 naming the put's line", () => {
    const c = writeCase(keyed('        self.t.put(("a", value["n"] / 2), "x")'), [{ k: 'a', n: 3 }], PY)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/job\.py:12\b/)
    expect(r.stderr).toMatch(/MapState 't'\.put\(key\) \(item 1\) is 1\.5: a float, where Types\.LONG\(\) is declared/)
  }, 120_000)
})
