// A Python job's expression values are shown in Python's notation, as a Python debugger shows them: a watch's value,
// a logpoint's message and the editor's hover over a state (its view's pythonText) read None, True, 1708848120.0 and
// {'a': 1} where the engine keeps the JSON null, true, 1708848120 and {"a":1}.
import { describe, expect, it } from 'vitest'
import type { WatchValue } from '../../../../src-main/common/debug-api'
import { openInline } from '../../helpers/run-inline'
import { eventTimeKeyedBy, warmPython } from './python-job-fixture'

warmPython()

const JOB = `from pyflink.common import Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ListStateDescriptor, MapStateDescriptor, ValueStateDescriptor

class Seen(KeyedProcessFunction):
    def open(self, runtime_context):
        self.at = runtime_context.get_state(ValueStateDescriptor("at", Types.DOUBLE()))
        self.last = runtime_context.get_state(ValueStateDescriptor("last", Types.PICKLED_BYTE_ARRAY()))
        self.kinds = runtime_context.get_list_state(ListStateDescriptor("kinds", Types.STRING()))
        self.by_n = runtime_context.get_map_state(MapStateDescriptor("by_n", Types.LONG(), Types.STRING()))

    def process_element(self, value, ctx):
        self.at.update(value["ts"] / 1000)
        self.last.update({"a": None, "b": True, "n": value["n"]})
        self.kinds.add(value["kind"])
        self.by_n.put(value["n"], value["kind"])
        yield value["n"]

${eventTimeKeyedBy('u', '.process(Seen())')}`

const shown = (w: WatchValue): unknown => w.error ?? ('value' in w ? { json: w.value } : w.text)

describe("a Python job's expression values", () => {
  it("are Python's repr in watches, logpoints and the state's hover text, not the engine's JSON", async () => {
    const s = await openInline(JOB, [{ u: 'a', ts: 1708848120000, n: 3, kind: 'x' }, { u: 'a', ts: 1708848180000, n: 1, kind: 'y' }], { jobName: 'job.py' })
    try {
      const op = (await s.operators()).find((o) => o.keyed)!.id
      expect((await s.setBreakpoints([
        { id: 'at', kind: 'line', line: 18, log: 'at' }, { id: 'last', kind: 'line', line: 18, log: 'last' },
        { id: 'kind', kind: 'line', line: 18, log: 'value["kind"]' },
      ])).every((b) => b.ok)).toBe(true)
      await s.step({ kind: 'step' })
      await s.step({ kind: 'step' })
      expect((await s.watch(op, '"a"', ['at', 'last', 'kinds', 'by_n', 'None', 'True', '(1, "a")', '"a"', 'self.at.value() * 2', 'event["nope"]'])).map(shown)).toEqual([
        '1708848180.0', "{'a': None, 'b': True, 'n': 1}", "['x', 'y']", "{3: 'x', 1: 'y'}", 'None', 'True', "(1, 'a')", "'a'",
        '3417696360.0', "KeyError: 'nope'",
      ])
      // A log message's str is written as print writes it, anything else as its repr.
      expect((await s.logpointHits('at')).map((h) => h.value)).toEqual(['1708848120.0', '1708848180.0'])
      expect((await s.logpointHits('last')).map((h) => h.value)).toEqual(["{'a': None, 'b': True, 'n': 3}", "{'a': None, 'b': True, 'n': 1}"])
      expect((await s.logpointHits('kind')).map((h) => h.value)).toEqual(['x', 'y'])
      // The hover's text of each state, as the watch of its name reads it.
      const view = await s.keyState(op, '"a"')
      expect(view!.states.map((st) => [st.name, st.pythonText])).toEqual([
        ['at', '1708848180.0'], ['last', "{'a': None, 'b': True, 'n': 1}"], ['kinds', "['x', 'y']"], ['by_n', "{3: 'x', 1: 'y'}"],
      ])
      // The step's trace (the Trace view, the inline values) writes them so too.
      const t = (await s.trace(2)).entries.filter((e) => e.kind === 'stateWrite' && e.call.startsWith('last.'))
      expect(t.map((e) => [e.call, e.result])).toEqual([[
        "last.update({'a': None, 'b': True, 'n': 1})", "{'a': None, 'b': True, 'n': 3} → {'a': None, 'b': True, 'n': 1}",
      ]])
    } finally {
      await s.close()
    }
  }, 300_000)
})
