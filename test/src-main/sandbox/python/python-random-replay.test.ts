// A Python job's random numbers (python/_riffle_clock.py) are the same at a step however the step was reached: the
// straight run (`riffle run`), a debugger session stepping on, and each re-run of the step (seek back or forward, step
// back, a trace of it, a watch drawing in between), as a TypeScript job's Math.random (sandbox/job-random-replay.test.ts).
import { describe, expect, it } from 'vitest'
import type { OutputView } from '../../../../src-main/common/views'
import { mainValues, openInline, runInline } from '../../helpers/run-inline'
import { PY, eventTimeKeyedBy, warmPython } from './python-job-fixture'

warmPython()

// Only x draws (once at each of its records, twice in its timer), so the last step that drew is often the one re-run.
const JOB = `import random

from pyflink.common import Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class Keep(KeyedProcessFunction):
    def open(self, runtime_context):
        self.r = runtime_context.get_state(ValueStateDescriptor("r", Types.DOUBLE()))

    def process_element(self, value, ctx):
        if value["u"] == "x":
            self.r.update(random.random())
            ctx.timer_service().register_event_time_timer(value["ts"] + 1)
            yield value["u"], self.r.value()

    def on_timer(self, timestamp, ctx):
        yield "timer", random.random(), random.randint(0, 1_000_000)

${eventTimeKeyedBy('u', '.process(Keep())')}`
const EVENTS = [{ u: 'x', ts: 1 }, { u: 'y', ts: 5 }, { u: 'z', ts: 6 }, { u: 'x', ts: 7 }, { u: 'y', ts: 20 }]
const shown = (o: OutputView): unknown => ({ step: o.step, value: o.value })

describe("a Python job's random numbers at a re-run step", () => {
  it('seek, step back, trace and watch leave every step drawing what the straight run drew', async () => {
    const ref = await openInline(JOB, EVENTS, PY)
    let straight: OutputView[]
    try {
      await ref.step({ kind: 'end' })
      straight = (await ref.outputs(0, 1000)).items.filter((o) => o.isJobOutput)
    } finally {
      await ref.close()
    }
    expect(straight.length).toBeGreaterThan(3)
    expect(mainValues(await runInline(JOB, EVENTS, PY))).toEqual(straight.map((o) => o.value))

    const s = await openInline(JOB, EVENTS, PY)
    try {
      const op = (await s.operators()).find((o) => o.keyed)!.id
      const outputsMatch = async (label: string): Promise<void> => {
        const at = (await s.status()).step
        expect((await s.outputs(0, 1000)).items.filter((o) => o.isJobOutput).map(shown), label)
          .toEqual(straight.filter((o) => o.step <= at).map(shown))
      }
      // The brief's repro: x draws at step 1, y at step 2 does not, then step 1 again.
      await s.step({ kind: 'step' })
      await s.step({ kind: 'step' })
      await s.seek(1)
      await outputsMatch('seek(1) after two steps')
      await s.step({ kind: 'step' })
      await s.stepBack()
      await outputsMatch('step back')
      expect((await s.watch(op, '"x"', ['random.random()']))[0]!.error).toBeUndefined()
      await s.step({ kind: 'end' })
      await outputsMatch('on to the end after a watch')
      for (const step of straight.map((o) => o.step)) {
        const t = await s.trace(step)
        const outs = t.entries.filter((e) => e.kind === 'output').map((e) => (e as { value: unknown }).value)
        expect(outs, `trace of step ${step}`).toEqual(straight.filter((o) => o.step === step).map((o) => o.value))
        await s.seek(step)
        await outputsMatch(`seek(${step})`)
      }
      await s.seek(0)
      await s.step({ kind: 'end' })
      await outputsMatch('from the start again')
    } finally {
      await s.close()
    }
  }, 120_000)
})
