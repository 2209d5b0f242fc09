// A job function that cannot take the arguments Riffle (and PyFlink) call it with — a one-argument lambda for a
// timestamp assigner, process_element(self, value) without ctx, a two-argument map — is refused when the job is
// built, at the function's .py line, saying what it takes and what it is called with. Before, the run stopped at
// the first record with "TypeError: <lambda>() takes 1 positional argument but 2 were given" and no job line.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { runInlineError } from '../../helpers/run-inline'

beforeAll(async () => { await pythonRuntime() }, 300_000)

const PY = { jobName: 'job.py' }

const job = (assigner: string, map: string, process: string, timer: string): string => `from pyflink.common import WatermarkStrategy
from pyflink.datastream.functions import KeyedProcessFunction


class F(KeyedProcessFunction):
    def process_element(${process}):
        yield value

    def on_timer(${timer}):
        yield 1


def job(events):
    return (events
            .assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps()
                                              .with_timestamp_assigner(${assigner}))
            .map(${map})
            .key_by(lambda e: e["user"])
            .process(F()))
`

const ok = ['lambda e, t: e["ts"]', 'lambda e: e', 'self, value, ctx', 'self, timestamp, ctx'] as const

describe('a job function with the wrong parameters', () => {
  it('is refused at its line, saying what it takes and how it is called', async () => {
    for (const [i, arg, line, message] of [
      [0, 'lambda e: e["ts"]', 16, 'with_timestamp_assigner\'s function (lambda e) cannot be called with (value, record_timestamp)'],
      [1, 'lambda e, i: e', 17, 'map\'s function (lambda e, i) cannot be called with (value)'],
      [2, 'self, value', 6, 'F.process_element(self, value) cannot be called with (value, ctx)'],
      [3, 'self, ctx', 9, 'F.on_timer(self, ctx) cannot be called with (timestamp, ctx)'],
    ] as const) {
      const args: string[] = [...ok]
      args[i] = arg
      const e = await runInlineError(job(args[0], args[1], args[2], args[3]), [{ user: 'a', ts: 1 }], PY)
      expect(e).toMatchObject({ code: 'JOB_THREW', where: { line } })
      expect(e.message).toContain(`TypeError: ${message}`)
    }
  }, 60_000)
})
