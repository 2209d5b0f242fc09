// A loop the watchdog's interrupt unwinds (Python's KeyboardInterrupt, a TypeScript loop's guard) leaves the session's
// worker alive, and with it the time-travel snapshots: the session is put back at the step before the stopped one from the nearest snapshot, re-running at most
// one snapshot interval rather than every step from the start (seconds to minutes on a long recording). What it
// stands at must be what a straight run has at that step: state, timers, outputs, status. Real workers, Pyodide,
// heap and LevelDB. The steps re-run are counted by the job itself (a count of process_element calls kept on its class,
// read with a watch; time travel puts back the job's fields (and Python's plain module globals), not its classes): a
// fresh worker would have re-run them all.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { SessionWorkerClient, type SessionHandle } from '../../../src-main/worker/session-worker-client'
import type { BackendName } from '../../../src-main/common/views'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

const PY_JOB = `from pyflink.common import Duration, Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class Count(KeyedProcessFunction):
    calls = 0

    def open(self, rc):
        self.count = rc.get_state(ValueStateDescriptor("count", Types.LONG()))

    def process_element(self, e, ctx):
        Count.calls += 1
        while e.get("spin"):
            pass
        c = (self.count.value() or 0) + 1
        self.count.update(c)
        ctx.timer_service().register_event_time_timer(e["ts"] + 50)
        yield e["k"], c

    def on_timer(self, ts, ctx):
        yield "timer", ctx.get_current_key(), ts

class EventTime(TimestampAssigner):
    def extract_timestamp(self, value, record_timestamp):
        return value["ts"]

def job(events):
    return (events
            .assign_timestamps_and_watermarks(
                WatermarkStrategy.for_bounded_out_of_orderness(Duration.of_seconds(0)).with_timestamp_assigner(EventTime()))
            .key_by(lambda e: e["k"])
            .process(Count()))
`

const TS_JOB = `${RIFFLE}class Count extends KeyedProcessFunction<any, any, any> {
  static calls = 0
  count: any
  open(ctx: any) { this.count = ctx.getState(new ValueStateDescriptor('count', Types.LONG)) }
  processElement(e: any, ctx: any, out: any) {
    Count.calls += 1
    while (e.spin) { /* spins */ }
    const c = (this.count.value() ?? 0) + 1
    this.count.update(c)
    ctx.timerService().registerEventTimeTimer(e.ts + 50)
    out.collect([e.k, c])
  }
  onTimer(ts: number, ctx: any, out: any) { out.collect(['timer', ctx.getCurrentKey(), ts]) }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(0)).withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new Count())
`

/** Each job language: its job, its file name and the watch that reads its count of process_element calls. */
const LANGUAGES = [
  { language: 'Python', job: PY_JOB, jobName: 'spin.py', calls: 'Count.calls' },
  { language: 'TypeScript', job: TS_JOB, jobName: 'spin.ts', calls: 'this.constructor.calls' },
] as const

/** Records; the one at 1-based `spinAt` loops forever. Enough of them that snapshots past step 0 are taken (every 2000 steps or more). */
function records(n: number, spinAt: number): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => ({ ts: 1000 + i * 7, k: `k${i % 37}`, ...(i + 1 === spinAt ? { spin: true } : {}) }))
}

/** Everything a step shows: status, every key's state, the timers, the outputs. */
async function seen(s: SessionHandle): Promise<unknown> {
  const status = await s.status()
  const ops = await s.operators()
  const op = ops.find((o) => o.keyed)!
  const keys = await s.keys({ operatorId: op.id, sort: 'key', offset: 0, limit: 1000 })
  const states = await Promise.all(keys.items.map((k) => s.keyState(op.id, k.keyStr)))
  const timers = await s.timers(0, 100_000)
  const outputs = await s.outputs(0, 100_000)
  return { status, keys, states, timers, outputs }
}

const start = (c: { jobPath: string; recordingPath: string }, backend: BackendName): Promise<SessionHandle> => SessionWorkerClient.start({
  jobPath: c.jobPath, recordingPath: c.recordingPath, backend, processingTime: 'follow',
  // 3 s: on a loaded machine a good step must not be what the watchdog stops.
  drainProcessingTimers: false, skipBadLines: false, watchdogMs: 3000,
})

describe('a loop stopped by the watchdog', () => {
  for (const { language, job, jobName, calls: callsWatch } of LANGUAGES) for (const backend of ['heap', 'leveldb'] as const) {
    it(`puts the session back from its nearest snapshot, equal to a straight run at the step before (${language}, ${backend})`, async () => {
      const spinAt = 6500
      const c = writeCase(job, records(7000, spinAt), { jobName })
      const straightCase = writeCase(job, records(7000, 0), { jobName })
      const stopped = await start(c, backend)
      const straight = await start(straightCase, backend)
      let ended: string | null = null
      stopped.onDeath((info) => { ended = info.code })
      try {
        const err = stopped.step({ kind: 'end' }).then(() => null, (e: unknown) => e)
        // Sent while the worker is in the loop: the worker holds it until the session is back, then answers it.
        const heldStatus = stopped.status()
        expect(await err).toMatchObject({ code: 'JOB_TIMEOUT', message: expect.stringContaining(`${c.recordingPath}:${spinAt}`) })
        // A step is a record or a timer's firing: the stopped step is the spinning record's.
        const failure = await stopped.failure()
        expect(failure).toMatchObject({ error: { code: 'JOB_TIMEOUT' }, watchdogMs: 3000 })
        const n = failure!.step
        expect((await heldStatus)).toMatchObject({ step: n - 1, recordsIn: spinAt - 1 })

        await straight.seek(n - 1)
        expect(await seen(stopped)).toEqual(await seen(straight))

        // The same worker (its process_element count went on from the stopped call's), and only the records since the
        // nearest snapshot were run again: not the spinAt - 1 a fresh worker re-runs from the start.
        const op = (await stopped.operators()).find((o) => o.keyed)!
        const [calls] = await stopped.watch(op.id, '"k0"', [callsWatch])
        const rerun = Number(calls!.value) - spinAt
        expect(rerun).toBeGreaterThanOrEqual(0)
        expect(rerun).toBeLessThan(spinAt / 2)

        // It goes on as after any watchdog stop: the stopped step is refused at once, time travel works.
        await expect(stopped.step({ kind: 'step' })).rejects.toMatchObject({ code: 'JOB_TIMEOUT' })
        await straight.seek(n - 100)
        await stopped.seek(n - 100)
        expect(await seen(stopped)).toEqual(await seen(straight))
        expect(ended).toBeNull()
        expect(stopped.deathInfo).toBeNull()
      } finally {
        await stopped.close()
        await straight.close()
      }
    }, 180_000)
  }
})
