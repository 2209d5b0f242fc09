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
