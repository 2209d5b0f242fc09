// A MapState whose declared key type rebuilds its keys (a Types.ROW / ROW_NAMED, a Types.PRIMITIVE_ARRAY(Types.BYTE()))
// gives them back from keys(), items() and iteration as PyFlink's key coder does: a Row with the declared field names,
// bytes; a Row key is stored in the declared field order, whatever order the job's Row has its fields in.
import { describe, expect, it } from 'vitest'
import { mainValues, openInline, runInline } from '../../helpers/run-inline'
import { PY, TYPED_EVENTS, warmPythonOnce } from '../../helpers/typed-python-case'

const events = TYPED_EVENTS
warmPythonOnce()

describe('a MapState with Row or bytes keys', () => {
  it('gives its ROW_NAMED keys back as Rows with the declared names, its ROW keys as Rows, its bytes keys as bytes', async () => {
    const job = `from pyflink.common import Row, Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import MapStateDescriptor

KEY = Types.ROW_NAMED(["user", "ts"], [Types.STRING(), Types.LONG()])

class F(KeyedProcessFunction):
    def open(self, rc):
        self.named = rc.get_map_state(MapStateDescriptor("named", KEY, Types.LONG()))
        self.plain = rc.get_map_state(MapStateDescriptor("plain", Types.ROW([Types.STRING(), Types.LONG()]), Types.DOUBLE()))
        self.raw = rc.get_map_state(MapStateDescriptor("raw", Types.PRIMITIVE_ARRAY(Types.BYTE()), Types.LONG()))

    def process_element(self, e, ctx):
        k = Row(ts=e["ts"], user=e["user"])   # its own field order differs from the declared one
        self.named.put(k, e["ts"] // 1000)
        self.plain[Row(e["user"], e["ts"])] = e["amount"]
        self.raw.put(e["user"].encode(), 1)
        yield [repr(list(self.named.keys())), repr(list(self.named.items())), repr([x for x in self.named]),
               self.named.get(Row(user=e["user"], ts=e["ts"])), k in self.named,
               repr(list(self.plain.items())), repr(list(self.raw.keys())), self.raw.contains(e["user"].encode())]

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const out = mainValues(await runInline(job, events, PY))
    expect(out[2]).toEqual([
      "[Row(user='a', ts=1000), Row(user='a', ts=3000)]",
      "[(Row(user='a', ts=1000), 1), (Row(user='a', ts=3000), 3)]",
      "[Row(user='a', ts=1000), Row(user='a', ts=3000)]",
      3, true,
      "[(Row(f0='a', f1=1000), 3.0), (Row(f0='a', f1=3000), 2.0)]",
      "[b'a']", true,
    ])
  }, 60_000)

  // A breakpoint's condition read a MapState as a dict keyed by each key's JSON text ("1000", '["a",1000]'), where the
  // job's own calls take the int and the Row.
  it("reads its keys in a breakpoint's condition as the job does: an int, a Row", async () => {
    const job = `from pyflink.common import Row, Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import MapStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.by_ts = rc.get_map_state(MapStateDescriptor("by_ts", Types.LONG(), Types.STRING()))
        self.by_row = rc.get_map_state(MapStateDescriptor("by_row", Types.ROW_NAMED(["user", "ts"], [Types.STRING(), Types.LONG()]), Types.DOUBLE()))

    def process_element(self, e, ctx):
        self.by_ts.put(e["ts"], e["user"])
        self.by_row.put(Row(user=e["user"], ts=e["ts"]), e["amount"])
        yield 1

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const s = await openInline(job, events, PY)
    try {
      await s.setBreakpoints([{ id: 'c', kind: 'state', expression: '3000 in by_ts', log: 'repr([by_ts, by_row])' }])
      await s.step({ kind: 'end' })
      expect((await s.logpointHits('c')).map((h) => h.value)).toEqual([
        "[{1000: 'a', 3000: 'a'}, {Row(user='a', ts=1000): 3.0, Row(user='a', ts=3000): 2.0}]",
      ])
    } finally {
      await s.close()
    }
  }, 60_000)
})
