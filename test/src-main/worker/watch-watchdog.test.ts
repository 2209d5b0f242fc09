// A watch expression that never returns (session.watch in a session worker) is stopped by the watchdog as the job's
// code is, but it is no failure of the run: its entry says it was stopped, the list's others are answered (asked again
// of the fresh worker, without it: one stop each), the session stays at the step it stood at, and the next watch
// answers. TypeScript (the worker paused and ended) and Python (Pyodide's KeyboardInterrupt).
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { SessionWorkerClient } from '../../../src-main/worker/session-worker-client'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

const TS_JOB = `${RIFFLE}class Count extends KeyedProcessFunction<any, any, any> {
  n!: any
  open(ctx: any) { this.n = ctx.getState(new ValueStateDescriptor('n', Types.LONG)) }
  processElement(e: any, ctx: any, out: any) { this.n.update((this.n.value() ?? 0) + 1) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Count())
`
const PY_JOB = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class Count(KeyedProcessFunction):
    def open(self, runtime_context):
        self.n = runtime_context.get_state(ValueStateDescriptor("n", Types.LONG()))

    def process_element(self, value, ctx):
        self.n.update((self.n.value() or 0) + 1)
        yield value

def job(events):
    return events.key_by(lambda e: e["k"]).process(Count())
`

const STOPPED = 'a watch expression did not return within 500 ms (an endless loop?): it was stopped, and the session is back at step 2'

async function loopingWatch(job: string, jobName: string, loop: string, loop2?: string): Promise<void> {
  // A number as the job's language shows it: TypeScript's JSON data, Python's repr.
  const is = (n: number): { value: number } | { text: string } => (jobName.endsWith('.py') ? { text: String(n) } : { value: n })
  const c = writeCase(job, [{ k: 'a' }, { k: 'a' }, { k: 'b' }], { jobName })
  const client = await SessionWorkerClient.start({
    jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow',
    drainProcessingTimers: false, skipBadLines: false, watchdogMs: 500,
  })
  try {
    await client.step({ kind: 'step' })
    await client.step({ kind: 'step' })
    const op = (await client.operators()).find((o) => o.keyed)!.id
    expect(await client.watch(op, '"a"', ['n', loop, 'n + 1'])).toEqual([
      { expression: 'n', ...is(2) }, { expression: loop, error: STOPPED, stopped: true }, { expression: 'n + 1', ...is(3) },
    ])
    expect((await client.status()).step).toBe(2)
    if (loop2 !== undefined) {
      // Two in one list: each is stopped once, and the one between them answers.
      expect(await client.watch(op, '"a"', [loop, 'n', loop2])).toEqual([
        { expression: loop, error: STOPPED, stopped: true }, { expression: 'n', ...is(2) }, { expression: loop2, error: STOPPED, stopped: true },
      ])
    }
    expect(await client.failure()).toBeNull()
    expect(await client.watch(op, '"a"', ['n'])).toEqual([{ expression: 'n', ...is(2) }])
    expect((await client.step({ kind: 'step' })).status.step).toBe(3)
  } finally {
    await client.close()
  }
}

describe('a watch expression that never returns', () => {
  it('is stopped by the watchdog in a TypeScript job; the session stays where it was', async () => {
    await loopingWatch(TS_JOB, 'job.ts', '(() => { for (;;) { /* never returns */ } })()', '(() => { while (true) { /* nor this */ } })()')
  }, 60_000)

  it('is stopped by the watchdog in a Python job; the session stays where it was', async () => {
    await loopingWatch(PY_JOB, 'job.py', 'next(i for i in iter(int, 1) if i)')
  }, 300_000)
})
