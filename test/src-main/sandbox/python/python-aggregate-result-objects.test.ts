// PyFlink's AggregatingState.get() hands the job get_result(acc) as it is, never serialized
// (fn_execution/state_impl.py SynchronousAggregatingRuntimeState.get), so an aggregate may return any Python value: a
// set of the pages a user saw, an object. Riffle refused such a result ("get_result(accumulator): a set is not
// JSON-compatible") as if it would fail on a cluster. The job's get() now gets the value itself; the engine keeps its
// repr where JSON cannot hold it, and the trace and debugger expressions read the value as the job does. The same holds
// for what the job passes to add(value), which PyFlink hands to the aggregate's add as it is: a tuple reached it as a
// list, 1.0 as 1, a set not at all.
import { describe, expect, it } from 'vitest'
import { PY, eventTimeKeyedBy, warmPython } from './python-job-fixture'
import { mainValues, openInline, runInline } from '../../helpers/run-inline'

warmPython()

const JOB = `from pyflink.common import Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import AggregateFunction, KeyedProcessFunction
from pyflink.datastream.state import AggregatingStateDescriptor

class Distinct(AggregateFunction):
    def create_accumulator(self):
        return []

    def add(self, value, acc):
        return acc + [value["page"]]

    def get_result(self, acc):
        return set(acc)

class Pages(KeyedProcessFunction):
    def open(self, rc):
        self.pages = rc.get_aggregating_state(AggregatingStateDescriptor("pages", Distinct(), Types.LIST(Types.STRING())))

    def process_element(self, value, ctx):
        self.pages.add(value)
        seen = self.pages.get()
        yield [type(seen).__name__, sorted(seen)]

${eventTimeKeyedBy('u', '.process(Pages())')}`

const EVENTS = [{ u: 'a', ts: 1000, page: '/x' }, { u: 'a', ts: 2000, page: '/x' }, { u: 'a', ts: 3000, page: '/y' }]

describe("an AggregatingState whose get_result returns a value JSON cannot hold (a set)", () => {
  it("is that value to the job's get(), as PyFlink's", async () => {
    expect(mainValues(await runInline(JOB, EVENTS, PY))).toEqual([['set', ['/x']], ['set', ['/x']], ['set', ['/x', '/y']]])
  }, 300_000)

  it('is that value to a watch and in the trace', async () => {
    const s = await openInline(JOB, EVENTS, PY)
    try {
      await s.step({ kind: 'end' })
      const op = (await s.operators()).find((o) => o.keyed)!.id
      expect((await s.watch(op, '"a"', ['type(pages).__name__', 'sorted(pages)', 'sorted(self.pages.get())'])).map((v) => v.error ?? v.text))
        .toEqual(["'set'", "['/x', '/y']", "['/x', '/y']"])
      const t = await s.trace(2)
      expect(t.entries.filter((e) => e.kind === 'stateRead').map((e) => [e.call, e.result])).toEqual([['pages.get()', "→ {'/x'}"]])
    } finally {
      await s.close()
    }
  }, 300_000)

  it("hands the aggregate's add the value the job passed to add(), as PyFlink does: a tuple, a float, a set", async () => {
    const job = JOB.replace('        return acc + [value["page"]]', '        return acc + [f"{type(value).__name__} {type(value[1]).__name__}" if type(value) is tuple else type(value).__name__]')
      .replace('        self.pages.add(value)', '        self.pages.add((value["page"], value["ts"] / 1000) if value["ts"] < 3000 else {value["page"]})')
    expect(mainValues(await runInline(job, EVENTS, PY))).toEqual([['set', ['tuple float']], ['set', ['tuple float']], ['set', ['set', 'tuple float']]])
    // The trace writes the call as the job made it: add(('/x', 1.0)), not the engine's JSON ['/x', 1].
    const s = await openInline(job, EVENTS, PY)
    try {
      await s.step({ kind: 'end' })
      expect((await s.trace(1)).entries.filter((e) => e.kind === 'stateWrite').map((e) => e.call)).toEqual(["pages.add(('/x', 1.0))"])
      expect((await s.trace(3)).entries.filter((e) => e.kind === 'stateWrite').map((e) => e.call)).toEqual(["pages.add({'/y'})"])
    } finally {
      await s.close()
    }
  }, 300_000)
})
