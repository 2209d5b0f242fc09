// The Watch list (session.watch) on a Python job: the expressions are Python, over the same names as a breakpoint
// condition's (the state names, event, key, step, watermark); a value comes back as its repr, as a Python debugger
// shows it (None, 'a', not JSON's null, "a"); a raise or a SyntaxError is the row's error, said as Python says it.
import { describe, expect, it } from 'vitest'
import type { WatchValue } from '../../../../src-main/common/debug-api'
import { openInline } from '../../helpers/run-inline'
import { eventTimeKeyedBy, warmPython } from './python-job-fixture'

warmPython()

const JOB = `from pyflink.common import Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class Count(KeyedProcessFunction):
    def open(self, runtime_context):
        self.count = runtime_context.get_state(ValueStateDescriptor("count", Types.LONG()))

    def process_element(self, value, ctx):
        self.count.update((self.count.value() or 0) + 1)
        ctx.timer_service().register_event_time_timer(value["ts"] + 100)

    def on_timer(self, timestamp, ctx):
        yield ctx.get_current_key()

${eventTimeKeyedBy('u', '.process(Count())')}`

const shown = (w: WatchValue): unknown => w.text ?? w.error

describe("a Python job's watch expressions", () => {
  it('are Python over the state names, event, key and step; errors and non-JSON values as Python says them', async () => {
    const s = await openInline(JOB, [{ u: 'a', ts: 1000, x: 1.5 }, '{"u": "a", "ts": 1050, "x": 2.0}', { u: 'b', ts: 5000 }], { jobName: 'job.py' })
    try {
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const list = ['count', 'event["ts"] if event else None', 'key', 'step', '{1, 2}', 'count +', 'event["nope"]']
      expect((await s.watch(op, '"a"', list)).map(shown)).toEqual([
        'None', 'None', "'a'", '0', '{1, 2}', 'expression does not compile: it ends unfinished after "count +"', "TypeError: 'NoneType' object is not subscriptable",
      ])
      await s.step({ kind: 'step' })
      await s.step({ kind: 'step' })
      expect((await s.watch(op, '"a"', list.slice(0, 4))).map(shown)).toEqual(['2', '1050', "'a'", '2'])
      // The record as the job decoded it: 2.0 stays a float to Python.
      expect((await s.watch(op, '"a"', ['type(event["x"]).__name__', 'event["nope"]'])).map(shown))
        .toEqual(["'float'", "KeyError: 'nope'"])
      await s.stepBack()
      expect((await s.watch(op, '"a"', ['count', 'event["ts"]'])).map(shown)).toEqual(['1', '1000'])
      // Through to the timers: on a timer step there is no event.
      let r = await s.step({ kind: 'timer' })
      expect(r.steps.at(-1)!.kind).toBe('timer')
      expect((await s.watch(op, '"a"', ['event is None', 'count'])).map(shown)).toEqual(['True', '2'])
    } finally {
      await s.close()
    }
  }, 300_000)
})
