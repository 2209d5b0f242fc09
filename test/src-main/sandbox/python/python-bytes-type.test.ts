// Types.PRIMITIVE_ARRAY(Types.BYTE()) is PyFlink's bytes type (its BinaryCoder): a job stores and emits bytes and reads
// back bytes, and a list of ints is refused there as that coder refuses it. The engine keeps the bytes as the list of
// their values (0-255), labelled BYTES, and the trace writes them as Python's b'...'.
import { describe, expect, it } from 'vitest'
import { mainValues, openInline, runInline, runInlineError } from '../../helpers/run-inline'
import { PY, TYPED_EVENTS, warmPythonOnce } from '../../helpers/typed-python-case'

const events = TYPED_EVENTS
warmPythonOnce()

const BYTES_JOB = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ListStateDescriptor, MapStateDescriptor, ValueStateDescriptor

BYTES = Types.PRIMITIVE_ARRAY(Types.BYTE())

class F(KeyedProcessFunction):
    def open(self, rc):
        self.last = rc.get_state(ValueStateDescriptor("last", BYTES))
        self.all = rc.get_list_state(ListStateDescriptor("all", BYTES))
        self.by = rc.get_map_state(MapStateDescriptor("by", Types.STRING(), BYTES))

    def process_element(self, e, ctx):
        prev = self.last.value()
        data = e["user"].encode() + bytes([e["ts"] // 1000, 255])
        self.last.update(data)
        self.all.add(bytearray(data))
        self.by.put(e["user"], data)
        yield repr(prev), repr(self.last.value()), repr(list(self.all.get())), repr(self.by.get(e["user"])), repr(list(self.by.values()))

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`

describe('Types.PRIMITIVE_ARRAY(Types.BYTE())', () => {
  it("a ValueState, ListState and MapState's values of it store bytes (or a bytearray) and read back bytes", async () => {
    const r = await runInline(BYTES_JOB, events, PY)
    expect(mainValues(r)).toEqual([
      ['None', "b'a\\x01\\xff'", "[b'a\\x01\\xff']", "b'a\\x01\\xff'", "[b'a\\x01\\xff']"],
      ['None', "b'b\\x02\\xff'", "[b'b\\x02\\xff']", "b'b\\x02\\xff'", "[b'b\\x02\\xff']"],
      ["b'a\\x01\\xff'", "b'a\\x03\\xff'", "[b'a\\x01\\xff', b'a\\x03\\xff']", "b'a\\x03\\xff'", "[b'a\\x03\\xff']"],
    ])
  }, 60_000)

  it('an output_type of it is emitted as the list of the byte values and reaches the next operator as bytes', async () => {
    const job = `from pyflink.common import Types

def job(events):
    raw = events.map(lambda e: e["user"].encode() * 2, output_type=Types.PRIMITIVE_ARRAY(Types.BYTE()))
    return raw.map(lambda b: [repr(b), b.decode()])
`
    expect(mainValues(await runInline(job, events, PY))).toEqual([["b'aa'", 'aa'], ["b'bb'", 'bb'], ["b'aa'", 'aa']])
    const first = `from pyflink.common import Types

def job(events):
    return events.map(lambda e: e["user"].encode(), output_type=Types.PRIMITIVE_ARRAY(Types.BYTE()))
`
    expect(mainValues(await runInline(first, events, PY))).toEqual([[97], [98], [97]])
  }, 60_000)

  // PyFlink builds an operator's coder from the type's Java form, where a LIST of BYTE is a byte array too
  // (fn_execution/coders.py from_type_info_proto: BinaryCoder); a state's Types.LIST(Types.BYTE()) is a list of ints.
  it("an operator's Types.LIST(Types.BYTE()) is bytes too, refusing a list; a state's is a list of ints", async () => {
    const job = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.ints = rc.get_state(ValueStateDescriptor("ints", Types.LIST(Types.BYTE())))

    def process_element(self, b, ctx):
        self.ints.update([1, 2])
        yield repr(b), repr(self.ints.value())

def job(events):
    raw = events.map(lambda e: e["user"].encode(), output_type=Types.LIST(Types.BYTE()))
    return raw.key_by(lambda b: b.decode()).process(F())
`
    expect(mainValues(await runInline(job, events, PY))).toEqual([["b'a'", '[1, 2]'], ["b'b'", '[1, 2]'], ["b'a'", '[1, 2]']])
    const list = `from pyflink.common import Types

def job(events):
    return events.map(lambda e: [1, 2], output_type=Types.LIST(Types.BYTE()))
`
    const e = await runInlineError(list, events, PY)
    expect(e.message).toContain("map's result is [1, 2]: a list, where Types.LIST(Types.BYTE()) is declared")
    expect(e.message).toContain('only bytes')
  }, 60_000)

  // A step's change of such a state (the key detail's "Changed by step", the Current step, State history, an output's
  // lineage) showed the byte values' JSON too: it now carries the before and after texts as the job reads them.
  it("a step's change of it carries its before and after as Python writes them, a lineage's write too", async () => {
    const s = await openInline(BYTES_JOB, events, PY)
    try {
      const steps = []
      for (let i = 0; i < 3; i++) steps.push(...(await s.step({ kind: 'step' })).steps) // stepping to the end records no changes
      const third = steps.find((v) => v.step === 3)!
      const shown = third.changes.map((c) => [c.stateName, c.beforeText, c.afterText])
      expect(shown).toEqual([
        ['last', "b'a\\x01\\xff'", "b'a\\x03\\xff'"],
        ['all', "[b'a\\x01\\xff']", "[b'a\\x01\\xff', b'a\\x03\\xff']"],
        ['by', "[('a', b'a\\x01\\xff')]", "[('a', b'a\\x03\\xff')]"],
      ])
      expect(steps[0].changes.find((c) => c.stateName === 'last')).toMatchObject({ before: undefined, afterText: "b'a\\x01\\xff'" })
      expect(steps[0].changes.find((c) => c.stateName === 'last')!.beforeText).toBeUndefined()
      const lineage = await s.lineage(third.outputs[0].seq)
      expect(lineage.writes.find((w) => w.stateName === 'last')).toMatchObject({ beforeText: "b'a\\x01\\xff'", afterText: "b'a\\x03\\xff'" })
    } finally {
      await s.close()
    }
  }, 60_000)

  it("a list of ints is refused where it is declared, as PyFlink's byte array coder takes only bytes", async () => {
    const job = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.last = rc.get_state(ValueStateDescriptor("last", Types.PRIMITIVE_ARRAY(Types.BYTE())))

    def process_element(self, e, ctx):
        self.last.update([1, 2])
        yield 1

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const e = await runInlineError(job, events, PY)
    expect(e.message).toContain('[1, 2]: a list, where Types.PRIMITIVE_ARRAY(Types.BYTE()) is declared')
    expect(e.message).toContain('only bytes')
    expect(e.where?.line).toBe(10)
  }, 60_000)

  it('the inspector labels it BYTES; the trace writes it as b\'...\'', async () => {
    const s = await openInline(BYTES_JOB, events, PY)
    try {
      await s.step({ kind: 'end' })
      const op = (await s.operators()).find((o) => o.kind === 'process')!
      const view = await s.keyState(op.id, JSON.stringify('a'))
      expect(view!.states.map((st) => [st.name, st.typeLabel])).toEqual([['last', 'BYTES'], ['all', 'LIST<BYTES>'], ['by', 'MAP<STRING, BYTES>']])
      const t = await s.trace(3) // user a's second record
      const calls = t.entries.filter((e) => e.kind === 'stateWrite').map((e) => [e.call, e.result])
      expect(calls[0]).toEqual(["last.update(b'a\\x03\\xff')", "b'a\\x01\\xff' → b'a\\x03\\xff'"])
    } finally {
      await s.close()
    }
  }, 60_000)

  // The key detail showed a bytes state as the JSON list of its byte values ([97,3,255] under BYTES), where the trace
  // and the editor's inline values write b'a\x03\xff': each entry whose declared type holds bytes now carries that
  // text (python-typed-text.ts pythonRepr, the trace's rule), a map's bytes key too; other states' entries none.
  it("the key detail's entries of it carry Python's b'...' text beside the JSON, a bytes map key too", async () => {
    const job = BYTES_JOB.replace('self.by = rc.get_map_state(MapStateDescriptor("by", Types.STRING(), BYTES))',
      'self.by = rc.get_map_state(MapStateDescriptor("by", BYTES, Types.STRING()))\n        self.n = rc.get_state(ValueStateDescriptor("n", Types.LONG()))')
      .replace('self.by.put(e["user"], data)', 'self.by.put(data, e["user"])\n        self.n.update(1)')
      .replace('repr(self.by.get(e["user"]))', 'repr(self.by.get(data))')
    const s = await openInline(job, events, PY)
    try {
      await s.step({ kind: 'end' })
      const op = (await s.operators()).find((o) => o.kind === 'process')!
      const view = await s.keyState(op.id, JSON.stringify('a'))
      const shown = (name: string): unknown => view!.states.find((st) => st.name === name)!.entries.map((e) => [e.keyText, e.text])
      expect(shown('last')).toEqual([[undefined, "b'a\\x03\\xff'"]])
      expect(shown('all')).toEqual([[undefined, "b'a\\x01\\xff'"], [undefined, "b'a\\x03\\xff'"]])
      expect(shown('by')).toEqual([["b'a\\x01\\xff'", undefined], ["b'a\\x03\\xff'", undefined]])
      expect(shown('n')).toEqual([[undefined, undefined]])
      expect(view!.states.find((st) => st.name === 'last')!.entries[0].value).toEqual([97, 3, 255])
    } finally {
      await s.close()
    }
  }, 60_000)
})
