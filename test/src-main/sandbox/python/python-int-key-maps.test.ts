// A dict with int (or other non-str) keys where Types.MAP(Types.LONG(), ...) is declared: PyFlink's map coder takes
// it and gives the int keys back, so a state, an output and a savepoint keep them, and the inspector and the trace
// show something readable. Without a declared type Riffle refuses such a dict, saying what to declare.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runJob } from '../../../../src-main/cli/run-job'
import { openInline, runInline, runInlineError, writeCase } from '../../helpers/run-inline'
import { PY, TYPED_EVENTS, warmPythonOnce } from '../../helpers/typed-python-case'

const events = TYPED_EVENTS
warmPythonOnce()

const STATE_JOB = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ListStateDescriptor, MapStateDescriptor, ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.seen = rc.get_state(ValueStateDescriptor("seen", Types.MAP(Types.LONG(), Types.STRING())))
        self.hist = rc.get_map_state(MapStateDescriptor("hist", Types.STRING(), Types.MAP(Types.INT(), Types.DOUBLE())))
        self.pairs = rc.get_list_state(ListStateDescriptor("pairs", Types.MAP(Types.TUPLE([Types.STRING(), Types.LONG()]), Types.BOOLEAN())))

    def process_element(self, e, ctx):
        seen = self.seen.value() or {}
        seen[e["ts"] // 1000] = e["user"]
        self.seen.update(seen)
        h = self.hist.get(e["user"]) or {}
        h[len(h)] = e["amount"]
        self.hist.put(e["user"], h)
        self.pairs.add({(e["user"], e["ts"]): True})
        yield repr(self.seen.value()), repr(self.hist.get(e["user"])), repr(list(self.pairs.get()))

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`

async function outValues(job: string, backend: 'heap' | 'leveldb', more: { stopAfter?: number; savepointOut?: string; fromSavepoint?: string } = {}): Promise<unknown[]> {
  const c = writeCase(job, events, PY)
  const out = join(c.dir, 'out.jsonl')
  await runJob({ jobPath: c.jobPath, recordingPath: c.recordingPath, backend, out, processingTime: 'follow',
    drainProcessingTimers: false, skipBadLines: false, ...more })
  return readFileSync(out, 'utf8').split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { value: unknown }).value)
}

describe('Types.MAP with int keys', () => {
  for (const backend of ['heap', 'leveldb'] as const) {
    it(`a ValueState, a MapState's value and a ListState's item of Types.MAP(LONG or INT or TUPLE, ...) read back their non-str keys (${backend})`, async () => {
      expect(await outValues(STATE_JOB, backend)).toEqual([
        ["{1: 'a'}", '{0: 3.0}', "[{('a', 1000): True}]"],
        ["{2: 'b'}", '{0: 1.5}', "[{('b', 2000): True}]"],
        ["{1: 'a', 3: 'a'}", '{0: 3.0, 1: 2.0}', "[{('a', 1000): True}, {('a', 3000): True}]"],
      ])
    }, 120_000)
  }

  it('a savepoint keeps the int keys: a run resumed from it reads them back as ints', async () => {
    const c = writeCase(STATE_JOB, events, PY)
    const sp = join(c.dir, 'sp')
    const common = { jobPath: c.jobPath, recordingPath: c.recordingPath, processingTime: 'follow' as const, drainProcessingTimers: false, skipBadLines: false }
    await runJob({ ...common, backend: 'heap', out: join(c.dir, 'a.jsonl'), stopAfter: 2, savepointOut: sp })
    await runJob({ ...common, backend: 'leveldb', out: join(c.dir, 'b.jsonl'), fromSavepoint: sp, stateDir: join(c.dir, 'state') })
    const rest = readFileSync(join(c.dir, 'b.jsonl'), 'utf8').split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { value: unknown }).value)
    expect(rest).toEqual([["{1: 'a', 3: 'a'}", '{0: 3.0, 1: 2.0}', "[{('a', 1000): True}, {('a', 3000): True}]"]])
  }, 120_000)

  it("an output_type of Types.MAP(Types.LONG(), ...) is emitted with its keys' JSON text and reaches the next operator with int keys", async () => {
    const job = `from pyflink.common import Types

def job(events):
    counts = events.map(lambda e: {e["ts"] // 1000: e["user"], 7: "x"}, output_type=Types.MAP(Types.LONG(), Types.STRING()))
    return counts.key_by(lambda m: m[7]).map(lambda m: [repr(m), sorted(m)[0] + 1])
`
    const r = await runInline(job, events, PY)
    expect(r.out.map((l) => l.value)).toEqual([["{1: 'a', 7: 'x'}", 2], ["{2: 'b', 7: 'x'}", 3], ["{3: 'a', 7: 'x'}", 4]])
    const first = `from pyflink.common import Types

def job(events):
    return events.map(lambda e: {e["ts"] // 1000: e["user"]}, output_type=Types.MAP(Types.LONG(), Types.STRING()))
`
    expect((await runInline(first, events, PY)).out.map((l) => l.value)).toEqual([{ 1: 'a' }, { 2: 'b' }, { 3: 'a' }])
  }, 120_000)

  it('the inspector shows the keys as JSON members under the MAP<LONG, STRING> label; the trace and a breakpoint read them as ints', async () => {
    const s = await openInline(STATE_JOB, events, PY)
    try {
      await s.setBreakpoints([{ id: 'c', kind: 'state', expression: 'seen is not None and 3 in seen', log: 'repr(seen)' }])
      await s.step({ kind: 'end' })
      expect((await s.logpointHits('c')).map((h) => h.value)).toEqual(["{1: 'a', 3: 'a'}"])
      const op = (await s.operators()).find((o) => o.kind === 'process')!
      const view = await s.keyState(op.id, JSON.stringify('a'))
      const seen = view!.states.find((st) => st.name === 'seen')!
      expect(seen.typeLabel).toBe('MAP<LONG, STRING>')
      expect(JSON.stringify(seen)).toContain('{"1":"a","3":"a"}')
      const t = await s.trace(3) // user a's second record
      const calls = t.entries.filter((e) => e.kind === 'stateWrite').map((e) => [e.call, e.result])
      expect(calls[0]).toEqual(["seen.update({1: 'a', 3: 'a'})", "{1: 'a'} → {1: 'a', 3: 'a'}"])
      expect(calls[2]).toEqual(["pairs.add({('a', 3000): True})", "[{('a', 1000): True}] → [{('a', 1000): True}, {('a', 3000): True}]"])
    } finally {
      await s.close()
    }
  }, 60_000)

  it('a key its declared type refuses is a TypeError at the write, as PyFlink\'s coder fails', async () => {
    const job = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.seen = rc.get_state(ValueStateDescriptor("seen", Types.MAP(Types.LONG(), Types.STRING())))

    def process_element(self, e, ctx):
        self.seen.update({e["ts"] / 1000: e["user"]})
        yield 1

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const e = await runInlineError(job, events, PY)
    expect(e.message).toContain('1.0')
    expect(e.message).toContain('Types.LONG()')
    expect(e.where?.line).toBe(10)
    const none = await runInlineError(job.replace('{e["ts"] / 1000: e["user"]}', '{None: e["user"]}'), events, PY)
    expect(none.message).toContain("(a key) is None, where Types.LONG() keys are declared: PyFlink's map coder has no null keys")
    expect(none.where?.line).toBe(10)
  }, 60_000)

  it('an undeclared dict with an int key is refused, saying PyFlink would pickle it and what to declare', async () => {
    const job = `from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.seen = rc.get_state(ValueStateDescriptor("seen"))

    def process_element(self, e, ctx):
        self.seen.update({e["ts"]: e["user"]})
        yield 1

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    const e = await runInlineError(job, events, PY)
    expect(e.message).toContain("the dict key 1000 (int) is not a str")
    expect(e.message).toContain('Types.MAP(Types.LONG(), ...)')
    expect(e.where?.line).toBe(9)
  }, 60_000)

  // docs/python-jobs.md: PyFlink's MapCoder keeps a dict's insertion order; Riffle's JSON object cannot for the keys
  // JavaScript orders first (array indexes), without another stored form. Pinned so that a change is a deliberate one.
  it("a dict's integer-like keys read back ascending, before the others in insertion order; a MapState iterates in insertion order", async () => {
    const job = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import MapStateDescriptor, ValueStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.d = rc.get_state(ValueStateDescriptor("d", Types.MAP(Types.LONG(), Types.STRING())))
        self.m = rc.get_map_state(MapStateDescriptor("m", Types.LONG(), Types.STRING()))

    def process_element(self, e, ctx):
        self.d.update({3: "a", 2 ** 40: "x", 1: "b", -5: "c"})
        for k in (3, 2 ** 40, 1, -5):
            self.m.put(k, "v")
        yield repr(self.d.value()), list(self.m.keys())

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`
    for (const backend of ['heap', 'leveldb'] as const) {
      expect((await outValues(job, backend))[0]).toEqual(["{1: 'b', 3: 'a', 1099511627776: 'x', -5: 'c'}", [3, 2 ** 40, 1, -5]])
    }
  }, 120_000)
})
