// PyFlink's ReducingState.add(value) hands the reduce function the value the job passed, as it is
// (fn_execution/state_impl.py SynchronousReducingRuntimeState.add: reduce_function(current, value)): Riffle handed it
// the engine's JSON of it, so add((1, 2.0)) reached f(acc, value) as [1, 2], a list with an int. The value is now
// kept for the add in progress, as an AggregatingState's add() is (python/_riffle_agg_results.py).
import { describe, expect, it } from 'vitest'
import { PY, eventTimeKeyedBy, warmPython } from './python-job-fixture'
import { mainValues, openInline, runInline } from '../../helpers/run-inline'

warmPython()

const job = (declared: string): string => `from pyflink.common import Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ReducingStateDescriptor

SEEN = []

def f(acc, value):
    SEEN.append(f"{type(value).__name__} {type(value[1]).__name__} {value!r}")
    return (acc[0] + value[0], acc[1] + value[1])

class Sum(KeyedProcessFunction):
    def open(self, rc):
        self.total = rc.get_reducing_state(ReducingStateDescriptor("total", f${declared}))

    def process_element(self, value, ctx):
        self.total.add((1, value["ts"] / 1000))
        yield list(SEEN)

${eventTimeKeyedBy('u', '.process(Sum())')}`

const EVENTS = [{ u: 'a', ts: 1000 }, { u: 'a', ts: 2000 }, { u: 'a', ts: 3000 }]

describe("a ReducingState's add(value)", () => {
  for (const [what, declared] of [['undeclared', ''], ['of Types.PICKLED_BYTE_ARRAY()', ', Types.PICKLED_BYTE_ARRAY()']]) {
    it(`hands the reduce function the value the job passed, as PyFlink does (${what}): a tuple with a float`, async () => {
      const out = mainValues(await runInline(job(declared), EVENTS, PY))
      expect(out.at(-1)).toEqual(['tuple float (1, 2.0)', 'tuple float (1, 3.0)'])
    }, 300_000)
  }

  it('is written in the trace as the job called it: total.add((1, 2.0)), not the JSON [1, 2]', async () => {
    const s = await openInline(job(''), EVENTS, PY)
    try {
      await s.step({ kind: 'end' })
      expect((await s.trace(2)).entries.filter((e) => e.kind === 'stateWrite').map((e) => e.call)).toEqual(['total.add((1, 2.0))'])
    } finally {
      await s.close()
    }
  }, 300_000)
})
