// A Python job's declared state types in the debugger: a breakpoint condition or log message reads a typed state as the
// job's value() does (a Row, a float), and the inspector labels a Types.TUPLE state TUPLE<...>.
import { describe, expect, it } from 'vitest'
import { openInline } from '../../helpers/run-inline'
import { PY, TYPED_EVENTS, warmPythonOnce } from '../../helpers/typed-python-case'

const events = TYPED_EVENTS
warmPythonOnce()

/**
 * A job keeping a Row, a DOUBLE and a list of Rows per user (and whatever `more` adds: [its open() lines, its
 * process_element() lines]), each record counting one more for its user.
 */
const typedStatesJob = (more: [string[], string[]] = [[], []]): string => `from pyflink.common import Row, Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ListStateDescriptor, MapStateDescriptor, ValueStateDescriptor

ROW = Types.ROW_NAMED(['user', 'n'], [Types.STRING(), Types.INT()])

class F(KeyedProcessFunction):
    def open(self, rc):
        self.last = rc.get_state(ValueStateDescriptor("last", ROW))
        self.total = rc.get_state(ValueStateDescriptor("total", Types.DOUBLE()))
        self.rows = rc.get_list_state(ListStateDescriptor("rows", ROW))
${more[0].map((l) => `        ${l}\n`).join('')}
    def process_element(self, e, ctx):
        prev = self.last.value()
        self.last.update(Row(user=e['user'], n=(prev.n if prev else 0) + 1))
        self.total.update((self.total.value() or 0.0) + 1.0)
        self.rows.add(self.last.value())
${more[1].map((l) => `        ${l}\n`).join('')}        yield 1

def job(events):
    return events.key_by(lambda e: e['user']).process(F())
`

describe('a breakpoint over typed state', () => {
  // A condition or log message read the state as its JSON: a ValueState of a Row was a list there (last.n raised
  // AttributeError), and a DOUBLE 1.0 was 1, where the job's own value() gives the Row and the float.
  it('sees the state as the job reads it: a Row, a float, a list of Rows', async () => {
    const job = typedStatesJob()
    const s = await openInline(job, events, PY)
    try {
      await s.setBreakpoints([{ id: 'c', kind: 'state', expression: 'last is not None and last.n >= 2',
        log: 'repr([last, total, rows])' }])
      await s.step({ kind: 'end' })
      expect((await s.logpointHits('c')).map((h) => h.value)).toEqual([
        "[Row(user='a', n=2), 2.0, [Row(user='a', n=1), Row(user='a', n=2)]]",
      ])
    } finally {
      await s.close()
    }
  }, 60_000)
})

describe('the inspector', () => {
  it("labels a Types.TUPLE state TUPLE<...>, not ROW", async () => {
    const job = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.pair = rc.get_state(ValueStateDescriptor("pair", Types.TUPLE([Types.STRING(), Types.LONG()])))

    def process_element(self, e, ctx):
        self.pair.update((e["user"], e["ts"]))
        yield 1

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const s = await openInline(job, events, PY)
    try {
      await s.step({ kind: 'step' })
      const op = (await s.operators()).find((o) => o.kind === 'process')!
      const view = await s.keyState(op.id, JSON.stringify('a'))
      expect(JSON.stringify(view)).toContain('"typeLabel":"TUPLE<STRING, LONG>"')
    } finally {
      await s.close()
    }
  }, 60_000)

  // A Row state is stored as the list of its fields (["a", 1]): the label named no field, so nothing said which
  // position is which.
  it('labels a ROW_NAMED state with its fields, ROW<user: STRING, n: INT>; Types.ROW() stays ROW', async () => {
    const job = `from pyflink.common import Row, Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ListStateDescriptor, ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.last = rc.get_state(ValueStateDescriptor("last", Types.ROW_NAMED(["user", "n"], [Types.STRING(), Types.INT()])))
        self.rows = rc.get_list_state(ListStateDescriptor("rows", Types.ROW([Types.STRING(), Types.LIST(Types.LONG())])))
        self.any = rc.get_state(ValueStateDescriptor("any", Types.ROW()))

    def process_element(self, e, ctx):
        self.last.update(Row(user=e["user"], n=1))
        self.rows.add(Row(e["user"], [e["ts"]]))
        self.any.update({"ts": e["ts"]})
        yield 1

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const s = await openInline(job, events, PY)
    try {
      await s.step({ kind: 'step' })
      const op = (await s.operators()).find((o) => o.kind === 'process')!
      const view = await s.keyState(op.id, JSON.stringify('a'))
      expect(view!.states.map((st) => [st.name, st.typeLabel])).toEqual([
        ['last', 'ROW<user: STRING, n: INT>'], ['rows', 'LIST<ROW<f0: STRING, f1: LIST<LONG>>>'], ['any', 'ROW'],
      ])
    } finally {
      await s.close()
    }
  }, 60_000)
})

describe('the trace of a typed state', () => {
  // The Trace view and the editor's inline hints showed a Row state's value as the JSON list of its fields
  // (["a", 1]) and a DOUBLE's 1.0 as 1: the job reads a Row and a float there, as PyFlink would print them.
  it("writes a declared Row, tuple and float as the job reads them; an undeclared value as JSON holds it (a list), in Python's repr", async () => {
    const job = typedStatesJob([[
      'self.by = rc.get_map_state(MapStateDescriptor("by", Types.STRING(), Types.TUPLE([Types.STRING(), Types.FLOAT()])))',
      'self.plain = rc.get_state(ValueStateDescriptor("plain", Types.LIST(Types.LONG())))',
    ], ['self.by.put("k", ("x", 2.0))', 'self.plain.update([1, 2])']])
    const s = await openInline(job, events, PY)
    try {
      await s.step({ kind: 'end' })
      const t = await s.trace(3) // user a's second record
      expect(t.entries.filter((e) => e.kind === 'stateRead' || e.kind === 'stateWrite').map((e) => [e.call, e.result])).toEqual([
        ['last.value()', "→ Row(user='a', n=1)"],
        ['last.update(Row(user=\'a\', n=2))', "Row(user='a', n=1) → Row(user='a', n=2)"],
        ['total.value()', '→ 1.0'],
        ['total.update(2.0)', '1.0 → 2.0'],
        ['last.value()', "→ Row(user='a', n=2)"],
        ['rows.add(Row(user=\'a\', n=2))', "[Row(user='a', n=1)] → [Row(user='a', n=1), Row(user='a', n=2)]"],
        ['by.put(\'k\', (\'x\', 2.0))', "{'k': ('x', 2.0)} → {'k': ('x', 2.0)}"],
        ['plain.update([1, 2])', '[1, 2] → [1, 2]'],
      ])
    } finally {
      await s.close()
    }
  }, 60_000)
})
