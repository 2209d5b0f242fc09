// A value an operator's declared output_type refuses is a TypeError at the job line that produced it. PyFlink encodes
// what a Python operator emits with the coder of its output_type (datastream/data_stream.py
// _get_one_input_stream_operator; fn_execution/beam/beam_operations_fast.pyx NetworkOutputProcessor), so a float where
// Types.LONG() is declared, an int where Types.STRING() is, fails the job on a cluster; Riffle ignored output_type.
// No output_type is PyFlink's Types.PICKLED_BYTE_ARRAY(), which takes anything: nothing is checked there.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline, runInlineError, writeCase } from '../../helpers/run-inline'
import { buildRiffleOnce, riffle } from '../../helpers/riffle-cli'

beforeAll(async () => { await pythonRuntime() }, 300_000)
buildRiffleOnce()

const PY = { jobName: 'job.py' }
const LINES = [{ k: 'a', ts: 1708848000000, n: 3 }]

// Line 10 is process_element's first line of body; `pipe` is the job's stream after `events` (line 14).
const job = (body: string, pipe: string): string => `from pyflink.common import Row, Types
from pyflink.datastream.functions import FlatMapFunction, KeyedProcessFunction
from pyflink.datastream.output_tag import OutputTag

late = OutputTag("late", Types.LONG())


class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
${body}


def job(events):
    return events${pipe}
`
const keyed = (outputType: string): string => `.key_by(lambda e: e["k"]).process(F()${outputType === '' ? '' : `, output_type=${outputType}`})`

describe("a value the operator's declared output_type refuses", () => {
  it.each([
    ['yield value["ts"] / 1000', 'Types.LONG()', 10, /^process_element threw TypeError: the yielded value is 1708848000\.0: a float, where Types\.LONG\(\) is declared \(Flink's long\): its coder refuses a float on a cluster, even a whole one; make it an int/],
    ['        x = 1\n        yield x\n        yield str(x)\n        yield x', 'Types.STRING()', 11, /the yielded value is 1: an int where Types\.STRING\(\) is declared: PyFlink's string coder takes only a str \(str\(\.\.\.\)\)/],
    ['return [value["ts"]]', 'Types.INT()', 10, /the yielded value is 1708848000000: beyond Types\.INT\(\)'s range/],
    ['yield Row(user=value["k"], n=value["n"] * 1.5)', 'Types.ROW_NAMED(["user", "n"], [Types.STRING(), Types.LONG()])', 10, /the yielded value \(field 'n'\) is 4\.5: a float, where Types\.LONG\(\) is declared/],
    ['yield late, value["n"] / 2', '', 10, /the value yielded to OutputTag\('late'\) is 1\.5: a float, where Types\.LONG\(\) is declared/],
  ])('process_element `%s` with output_type=%s is a TypeError at line %i', async (body, outputType, line, message) => {
    const src = job(body.startsWith(' ') ? body : `        ${body}`, keyed(outputType))
    const err = await runInlineError(src, LINES, PY)
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(message)
    expect(err.where?.line).toBe(line)
  }, 60_000)

  it("is the out.collect line in the seed article's form", async () => {
    const src = job('        out.collect(value["n"] / 2)', keyed('Types.LONG()')).replace('(self, value, ctx)', '(self, value, ctx, out)')
    const err = await runInlineError(src, LINES, PY)
    expect(err.message).toMatch(/out\.collect\(value\) is 1\.5: a float, where Types\.LONG\(\) is declared/)
    expect(err.where?.line).toBe(10)
  }, 60_000)

  it("map's result is refused at the function's line, flat_map's at its yield", async () => {
    const map = await runInlineError(job('        yield 1', '.map(lambda e: e["n"] * 1.0, output_type=Types.LONG())'), LINES, PY)
    expect(map.message).toMatch(/^map threw TypeError: map's result is 3\.0: a float, where Types\.LONG\(\) is declared/)
    expect(map.where?.line).toBe(14)
    const flat = job('        yield 1', '.flat_map(Split(), output_type=Types.STRING())').replace('\n\ndef job', `

class Split(FlatMapFunction):
    def flat_map(self, value):
        yield value["k"]
        yield value["n"]


def job`)
    const err = await runInlineError(flat, LINES, PY)
    expect(err.message).toMatch(/flat_map's result is 3: an int where Types\.STRING\(\) is declared/)
    expect(err.where?.line).toBe(16)
  }, 60_000)

  it("a key_by's key_type refuses a key as PyFlink's key coder does", async () => {
    const err = await runInlineError(job('        yield 1', '.key_by(lambda e: e["n"] / 2, key_type=Types.LONG()).process(F())'), LINES, PY)
    expect(err.message).toMatch(/the key is 1\.5: a float, where Types\.LONG\(\) is declared/)
    expect(err.where?.line).toBe(14)
  }, 60_000)

  it('what the declared type takes is emitted, and without output_type (or PICKLED_BYTE_ARRAY) anything is', async () => {
    const body = '        yield value["ts"] // 1000\n        yield True'
    expect(mainValues(await runInline(job(body, keyed('Types.LONG()')), LINES, PY))).toEqual([1708848000, true])
    const loose = '        yield value["ts"] / 1000\n        yield "x"\n        yield None'
    expect(mainValues(await runInline(job(loose, keyed('')), LINES, PY))).toEqual([1708848000, 'x', null])
    expect(mainValues(await runInline(job(loose, keyed('Types.PICKLED_BYTE_ARRAY()')), LINES, PY))).toEqual([1708848000, 'x', null])
    expect(mainValues(await runInline(job('        yield 1', '.map(lambda e: str(e["n"]), output_type=Types.STRING())'), LINES, PY))).toEqual(['3'])
  }, 60_000)

  it('riffle run exits 1 naming the job file and the yield\'s line', () => {
    const c = writeCase(job('        yield value["ts"] / 1000', keyed('Types.LONG()')), LINES, PY)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/job\.py:10\b/)
    expect(r.stderr).toMatch(/the yielded value is 1708848000\.0: a float, where Types\.LONG\(\) is declared/)
  }, 120_000)
})

describe('a declared tuple type', () => {
  // PyFlink's tuple coder takes only a tuple (`cdef tuple`: a list or a dict fails) and encodes its first items, one
  // per declared type (flink-python/pyflink/fn_execution/coder_impl_fast.pyx TupleCoderImpl). Riffle passed a dict as
  // it was, and with a LONG or STRING item typed, laid a dict out as its keys and a short tuple as short.
  const tupled = (body: string): string => job(body, keyed('Types.TUPLE([Types.STRING(), Types.LONG()])'))

  it.each([
    ['yield {"user": value["k"], "n": 1}', /the yielded value is \{'user': 'a', 'n': 1\}: a dict, where Types\.TUPLE\(\[Types\.STRING\(\), Types\.LONG\(\)\]\) is declared: PyFlink's tuple coder takes only a tuple of 2 items/],
    ['yield [value["k"], 1]', /the yielded value is \['a', 1\]: a list, where Types\.TUPLE\(\[Types\.STRING\(\), Types\.LONG\(\)\]\) is declared/],
    ['yield (value["k"],)', /the yielded value is \('a',\): a tuple of 1 item, where Types\.TUPLE\(\[Types\.STRING\(\), Types\.LONG\(\)\]\) is declared/],
    ['yield (value["k"], 1.5)', /the yielded value \(item 1\) is 1\.5: a float, where Types\.LONG\(\) is declared/],
  ])('%s is a TypeError at its line', async (body, message) => {
    const err = await runInlineError(tupled(`        ${body}`), LINES, PY)
    expect(err.message).toMatch(message)
    expect(err.where?.line).toBe(10)
  }, 60_000)

  it('a tuple is emitted as its declared items, a longer one as its first ones', async () => {
    const r = await runInline(tupled('        yield (value["k"], 1)\n        yield (value["k"], 2, "extra")'), LINES, PY)
    expect(mainValues(r)).toEqual([['a', 1], ['a', 2]])
  }, 60_000)
})
