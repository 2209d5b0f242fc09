// PyFlink's own value shapes in a Python job on real Pyodide: what a PyFlink user writes (a tuple as a composite
// key, Row with named fields) behaves as it does on a Flink cluster, where JSON alone would change it.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, openInline, runInline } from '../../helpers/run-inline'

const PY = { jobName: 'job.py' }

// Pyodide's cold start (seconds; far more on a loaded machine) is paid here once, not by the first test.
beforeAll(async () => { await pythonRuntime() }, 300_000)

const events = [
  { ts: 1000, user: 'a', kind: 'click' },
  { ts: 2000, user: 'a', kind: 'view' },
  { ts: 3000, user: 'a', kind: 'click' },
]

describe('a composite key', () => {
  it('ctx.get_current_key() gives back the tuple the key selector returned, in process_element and on_timer', async () => {
    const job = `
from pyflink.common import WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction, KeySelector

class UserKind(KeySelector):
    def get_key(self, value):
        return value["user"], (value["kind"], 1)

class F(KeyedProcessFunction):
    def open(self, rc):
        self.seen = {}

    def process_element(self, value, ctx):
        k = ctx.get_current_key()
        self.seen[k] = self.seen.get(k, 0) + 1
        ctx.timer_service().register_event_time_timer(value["ts"] + 10)
        yield [repr(k), self.seen[k], k == (value["user"], (value["kind"], 1))]

    def on_timer(self, timestamp, ctx):
        yield ["timer", repr(ctx.get_current_key())]

def job(events):
    return (events.assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps()
                                                    .with_timestamp_assigner(lambda e, t: e["ts"]))
            .key_by(UserKind()).process(F()))
`
    const r = await runInline(job, events, PY)
    expect(r.out.map((l) => l.value)).toEqual([
      ["('a', ('click', 1))", 1, true],
      ["('a', ('view', 1))", 1, true],
      ['timer', "('a', ('click', 1))"], // the watermark after ts 2000 (1999) passes the timer at 1010
      ["('a', ('click', 1))", 2, true],
      ['timer', "('a', ('view', 1))"],
      ['timer', "('a', ('click', 1))"],
    ])
  })
})

describe('a composite key in a breakpoint', () => {
  it('key in a condition or log message is the tuple ctx.get_current_key() gives', async () => {
    const job = `
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield value["ts"]

def job(events):
    return events.key_by(lambda e: (e["user"], e["kind"])).process(F())
`
    const s = await openInline(job, events, PY)
    try {
      // It was the JSON array ['a', 'view'], which no tuple equals: the condition never held.
      await s.setBreakpoints([{ id: 's', kind: 'state', expression: 'key == ("a", "view")' }])
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ step: 2 })
      await s.setBreakpoints([{ id: 'lp', kind: 'event', expression: 'True', log: 'repr(key)' }])
      await s.step({ kind: 'end' })
      expect((await s.logpointHits('lp')).map((h) => h.value)).toEqual(["('a', 'click')", "('a', 'view')", "('a', 'click')"])
    } finally {
      await s.close()
    }
  })
})

describe('Row', () => {
  it("named fields are in PyFlink's order (sorted by name) and read as row[\"name\"], row.name or a row class's", async () => {
    const job = `
from pyflink.common import Row
from pyflink.datastream.functions import KeyedProcessFunction

Person = Row("name", "kind")

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        r = Row(user=value["user"], count=value["ts"] // 1000, at=value["ts"])
        p = Person(value["user"], value["kind"])
        yield r
        yield [r["user"], r.count, repr(r), p["kind"], repr(p), p.as_dict()]

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const r = await runInline(job, events.slice(0, 1), PY)
    expect(r.out.map((l) => l.value)).toEqual([
      [1000, 1, 'a'],
      ['a', 1, "Row(at=1000, count=1, user='a')", 'click', "Row(name='a', kind='click')", { name: 'a', kind: 'click' }],
    ])
  })
})

describe('MapState', () => {
  it('reads and writes as a dict, as PyFlink\'s does: m[k], m[k] = v, del m[k], k in m', async () => {
    const job = `
from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import MapStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.m = rc.get_map_state(MapStateDescriptor("per_kind", Types.STRING(), Types.LONG()))

    def process_element(self, value, ctx):
        k = value["kind"]
        self.m[k] = (self.m[k] or 0) + 1
        if self.m[k] > 1:
            del self.m[k]
        yield [k, k in self.m, sorted(self.m.items())]

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const r = await runInline(job, events, PY)
    expect(r.out.map((l) => l.value)).toEqual([
      ['click', true, [['click', 1]]],
      ['view', true, [['click', 1], ['view', 1]]],
      ['click', false, [['view', 1]]],
    ])
  })

  it('gives back a tuple key as the tuple it was (keys(), items(), iteration), as a dict key', async () => {
    const job = `
from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import MapStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.m = rc.get_map_state(MapStateDescriptor("per_pair", Types.PICKLED_BYTE_ARRAY(), Types.LONG()))

    def process_element(self, value, ctx):
        self.m.put((value["kind"], (1, "x")), 1)
        self.m.put("plain", 2)
        keys = list(self.m.keys())
        by_key = dict(self.m.items())
        yield [repr(sorted(keys, key=repr)), repr(sorted(self.m, key=repr)), by_key[(value["kind"], (1, "x"))], self.m.get((value["kind"], (1, "x")))]

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const r = await runInline(job, events.slice(0, 1), PY)
    expect(r.out.map((l) => l.value)).toEqual([[`['plain', ('click', (1, 'x'))]`, `['plain', ('click', (1, 'x'))]`, 1, 1]])
  })
})

describe('a float key', () => {
  // The engine keeps keys as JSON (engine/runtime/key-codec.ts), where 3.0 is 3: without key_type a whole float key
  // comes back as the int (PyFlink pickles it and gives back 3.0; docs/python-jobs.md says so), 2.5 as 2.5, and a
  // declared Types.DOUBLE() key as the float it was.
  const job = (keyType: string): string => `
from pyflink.common import Types, WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        ctx.timer_service().register_event_time_timer(value["ts"] + 10)
        yield repr(ctx.get_current_key())

    def on_timer(self, timestamp, ctx):
        yield "timer " + repr(ctx.get_current_key())

def job(events):
    return (events.assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps()
                                                    .with_timestamp_assigner(lambda e, t: e["ts"]))
            .key_by(lambda e: e["k"] / 2${keyType}).process(F()))
`
  const lines = ['{"k":5,"ts":1}', '{"k":6,"ts":2}']

  it('2.5 round-trips to get_current_key(), on_timer, the key list; 3.0 is the int 3 unless declared a DOUBLE', async () => {
    expect(mainValues(await runInline(job(''), lines, PY))).toEqual(['2.5', '3', 'timer 2.5', 'timer 3'])
    expect(mainValues(await runInline(job(', key_type=Types.DOUBLE()'), lines, PY))).toEqual(['2.5', '3.0', 'timer 2.5', 'timer 3.0'])
    const s = await openInline(job(''), lines, PY)
    try {
      await s.step({ kind: 'end' })
      expect((await s.keys({ sort: 'key', offset: 0, limit: 10 })).items.map((k) => k.key)).toEqual([2.5, 3])
    } finally {
      await s.close()
    }
  })
})
