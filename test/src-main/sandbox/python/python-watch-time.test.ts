// A Python job's debugger expressions (watches, breakpoint conditions) see the job module's names (its imports:
// `time.time()` as the job writes it) and read the clock and random source the job file reads (python/_riffle_clock.py):
// the replay's processing time and the step's seeded numbers, not the machine's; their reads are not the job's.
import { describe, expect, it } from 'vitest'
import { openInline } from '../../helpers/run-inline'
import { PY, eventTimeKeyedBy, warmPython } from './python-job-fixture'

warmPython()

const JOB = `import datetime
import random
import time

from pyflink.common import Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

CALLS = [0]

class Keep(KeyedProcessFunction):
    def open(self, runtime_context):
        self.seen = runtime_context.get_state(ValueStateDescriptor("seen", Types.PICKLED_BYTE_ARRAY()))

    def process_element(self, value, ctx):
        CALLS[0] += 1
        if value["u"] == "clock":
            self.seen.update({"now": time.time(), "random": random.random()})

${eventTimeKeyedBy('u', '.process(Keep())')}`
// Processing time follows the records' assigned timestamps (the default, follow).
const EVENTS = [{ u: 'quiet', ts: 1000 }, { u: 'clock', ts: 2500 }, { u: 'quiet', ts: 4000 }]

describe("a Python job's debugger expressions read the job's clock", () => {
  it('a watch reads time and random as the job file does; a breakpoint condition too', async () => {
    const s = await openInline(JOB, EVENTS, PY)
    try {
      const op = (await s.operators()).find((o) => o.keyed)!.id
      await s.step({ kind: 'step' })
      const clock = ['time.time()', 'time.time_ns() // 1_000_000', 'datetime.datetime.now().timestamp()', '__import__("time").time()']
      expect((await s.watch(op, '"quiet"', clock)).map((w) => w.text)).toEqual(['1.0', '1000', '1.0', '1.0'])
      expect((await s.findings()).findings.map((f) => f.kind)).toEqual([]) // the watch is not the job
      await s.step({ kind: 'step' })
      const [now, random] = (await s.watch(op, '"clock"', ['seen["now"]', 'seen["random"]'])).map((w) => w.text)
      expect(now).toBe('2.5')
      expect((await s.watch(op, '"clock"', ['time.time()', 'random.random()'])).map((w) => w.text)).toEqual(['2.5', random])
      // Again at the same step: the same draw (a watch takes none of the job's numbers).
      expect((await s.watch(op, '"clock"', ['random.random()']))[0]!.text).toBe(random)
      // A backend check loads the job again for its own runs: the watch still sees this session's module and clock.
      expect((await s.backendCheck()).same).toBe(true)
      expect((await s.watch(op, '"clock"', ['CALLS[0]', 'time.time()'])).map((w) => w.text)).toEqual(['2', '2.5'])
      await s.seek(0)
      await s.setBreakpoints([{ id: 'late', kind: 'event', expression: 'time.time() >= 4' }])
      const r = await s.step({ kind: 'continue' })
      expect([r.breakpointHit?.id, r.status.step]).toEqual(['late', 3])
    } finally {
      await s.close()
    }
  }, 300_000)

  it("a watch calling the job's own function that reads time or random gets the expression's answers, not the job's", async () => {
    const job = JOB.replace('CALLS = [0]', `CALLS = [0]

def draw():
    return random.random()

def now():
    return time.time()`).replace('random.random()})', 'draw()})')
    const s = await openInline(job, EVENTS, PY)
    try {
      const op = (await s.operators()).find((o) => o.keyed)!.id
      await s.step({ kind: 'step' })
      const first = (await s.watch(op, '"quiet"', ['random.random()']))[0]!.text
      // The step's first draw each time, as the expression's own random.random(): it takes none of the job's numbers.
      expect((await s.watch(op, '"quiet"', ['draw()', 'now()'])).map((w) => w.text)).toEqual([first, '1.0'])
      expect((await s.watch(op, '"quiet"', ['draw()']))[0]!.text).toBe(first)
      expect((await s.findings()).findings.map((f) => f.kind)).toEqual([]) // the job's line read nothing: the watch did
      await s.step({ kind: 'step' })
      const random = (await s.watch(op, '"clock"', ['seen["random"]']))[0]!.text
      expect((await s.watch(op, '"clock"', ['draw()', 'draw()']))[0]!.text).toBe(random)
      expect((await s.findings()).findings.map((f) => [f.count, f.firstStep])).toEqual([[1, 2], [1, 2]]) // the job's own reads (time, random), at step 2
    } finally {
      await s.close()
    }
  }, 300_000)
})
