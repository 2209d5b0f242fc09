// Types.BYTE() and Types.SHORT() are PyFlink's 8- and 16-bit integers: its TinyIntCoderImpl and SmallIntCoderImpl
// (fn_execution/coder_impl_fast.pyx, coder_impl_slow.py: write_int8, write_int16) refuse a value beyond -128..127 and
// -32768..32767. Riffle checked them as Types.INT() (32 bits), so ValueStateDescriptor("b", Types.BYTE()) took
// update(200), which fails on a cluster; and the inspector labelled both INT.
import { describe, expect, it } from 'vitest'
import { mainValues, openInline, runInline, runInlineError } from '../../helpers/run-inline'
import { PY, warmPythonOnce } from '../../helpers/typed-python-case'

warmPythonOnce()

// `body` is process_element's, from line 14.
const job = (body: string): string => `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ListStateDescriptor, MapStateDescriptor, ValueStateDescriptor


class F(KeyedProcessFunction):
    def open(self, rc):
        self.b = rc.get_state(ValueStateDescriptor("b", Types.BYTE()))
        self.s = rc.get_state(ValueStateDescriptor("s", Types.SHORT()))
        self.l = rc.get_list_state(ListStateDescriptor("l", Types.BYTE()))
        self.m = rc.get_map_state(MapStateDescriptor("m", Types.SHORT(), Types.BYTE()))

    def process_element(self, value, ctx):
${body}
        yield 1


def job(events):
    return events.key_by(lambda e: e["k"]).process(F())
`

describe('Types.BYTE() and Types.SHORT() are range-checked as PyFlink\'s byte and short coders', () => {
  it.each([
    ['self.b.update(200)', /ValueState 'b'\.update\(200\): beyond Types\.BYTE\(\)'s range \(Flink's byte: -128 to 127\), which PyFlink's byte coder refuses on a cluster: declare Types\.SHORT\(\)/],
    ['self.b.update(-129)', /ValueState 'b'\.update\(-129\): beyond Types\.BYTE\(\)'s range/],
    ['self.s.update(40000)', /ValueState 's'\.update\(40000\): beyond Types\.SHORT\(\)'s range \(Flink's short: -32768 to 32767\), which PyFlink's short coder refuses on a cluster: declare Types\.INT\(\)/],
    ['self.l.add(128)', /ListState 'l'\.add\(128\): beyond Types\.BYTE\(\)'s range/],
    ['self.l.update([1, 300])', /ListState 'l'\.update\(values\): 300: beyond Types\.BYTE\(\)'s range/],
    ['self.m.put(1, 1000)', /MapState 'm'\.put\(key, 1000\): beyond Types\.BYTE\(\)'s range/],
    ['self.m.put(70000, 1)', /MapState 'm'\.put\(70000, value\): beyond Types\.SHORT\(\)'s range/],
    ['self.b.update(1.0)', /ValueState 'b'\.update\(1\.0\): a float, where Types\.BYTE\(\) is declared \(Flink's byte\)/],
  ])('%s is a TypeError at its line', async (call, message) => {
    const err = await runInlineError(job(`        ${call}`), [{ k: 'a' }], PY)
    expect(err.code).toBe('JOB_THREW')
    expect(err.message).toMatch(message)
    expect(err.where?.line).toBe(14)
  }, 60_000)

  it('the ends of the ranges are taken, and the inspector labels the states BYTE and SHORT', async () => {
    const body = `        self.b.update(-128)
        self.s.update(32767)
        self.l.add_all([127, -128])
        self.m.put(-32768, 127)
        yield [self.b.value(), self.s.value(), self.l.get(), self.m.get(-32768)]`
    expect(mainValues(await runInline(job(body), [{ k: 'a' }], PY))).toEqual([[-128, 32767, [127, -128], 127], 1])
    const s = await openInline(job(body), [{ k: 'a' }], PY)
    try {
      await s.step({ kind: 'end' })
      const op = (await s.operators()).find((o) => o.kind === 'process')!
      const view = await s.keyState(op.id, JSON.stringify('a'))
      expect(view!.states.map((st) => [st.name, st.typeLabel])).toEqual([
        ['b', 'BYTE'], ['s', 'SHORT'], ['l', 'LIST<BYTE>'], ['m', 'MAP<SHORT, BYTE>'],
      ])
    } finally {
      await s.close()
    }
  }, 60_000)

  it("an operator's output_type and a Row's field of them are checked too", async () => {
    const out = `from pyflink.common import Row, Types

def job(events):
    return events.map(lambda e: Row(n=e["n"]), output_type=Types.ROW_NAMED(["n"], [Types.BYTE()]))
`
    expect(mainValues(await runInline(out, [{ n: 5 }], PY))).toEqual([[5]])
    const err = await runInlineError(out, [{ n: 255 }], PY)
    expect(err.message).toMatch(/\(field 'n'\) is 255: beyond Types\.BYTE\(\)'s range/)
    expect(err.where?.line).toBe(4)
    const short = `from pyflink.common import Types

def job(events):
    return events.map(lambda e: e["n"], output_type=Types.SHORT())
`
    expect((await runInlineError(short, [{ n: -40000 }], PY)).message).toMatch(/is -40000: beyond Types\.SHORT\(\)'s range/)
  }, 60_000)
})
