// A Python job's MapState in a step's trace (the CLI's `riffle trace --step N` and the editor's inline hints show the
// entries' result text): its whole content is a dict, as the job's own repr of it would read ({'view': 1}), not the
// engine's list of [key, value] pairs ([['view', 1]]); a non-str key by its declared type (an int as an int).
import { describe, expect, it } from 'vitest'
import { openInline } from '../../helpers/run-inline'
import { PY, warmPythonOnce } from '../../helpers/typed-python-case'

warmPythonOnce()

const events = [
  { ts: 1000, user: 'u1', type: 'view' },
  { ts: 2000, user: 'u2', type: 'view' },
  { ts: 3000, user: 'u1', type: 'click' },
]

const JOB = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import MapStateDescriptor

class Counter(KeyedProcessFunction):
    def open(self, rc):
        self.counts = rc.get_map_state(MapStateDescriptor("counts", Types.STRING(), Types.LONG()))
        self.by_second = rc.get_map_state(MapStateDescriptor("by_second", Types.LONG(), Types.DOUBLE()))

    def process_element(self, e, ctx):
        self.counts.put(e["type"], (self.counts.get(e["type"]) or 0) + 1)
        self.by_second.put(e["ts"] // 1000, 1.0)
        yield len(list(self.counts.items()))

def job(events):
    return events.key_by(lambda e: e["user"]).process(Counter())
`

describe("a Python MapState's content in the trace", () => {
  it('is a dict before → after a put, and after an items() read, keys by their declared type', async () => {
    const s = await openInline(JOB, events, PY)
    try {
      await s.step({ kind: 'end' })
      const t = await s.trace(3) // u1's second record
      const results = t.entries.filter((e) => e.kind === 'stateWrite' || e.call.includes('items')).map((e) => [e.call, e.result])
      expect(results).toEqual([
        ["counts.put('click', 1)", "{'view': 1} → {'view': 1, 'click': 1}"],
        ['by_second.put(3, 1.0)', '{1: 1.0} → {1: 1.0, 3: 1.0}'],
        ['counts.items()', "→ {'view': 1, 'click': 1}"],
      ])
    } finally {
      await s.close()
    }
  }, 120_000)
})
