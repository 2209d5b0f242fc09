// Where the watchdog finds a runaway job before it terminates the worker: a TypeScript loop paused through the
// inspector and mapped through the job's source map, a Python loop interrupted (KeyboardInterrupt) at its .py
// line; the JOB_TIMEOUT error carries that place. Real workers, the real inspector, real Pyodide.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runWorker } from '../../../src-main/cli/run-in-worker'
import type { RunJobOptions } from '../../../src-main/cli/run-job'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

function options(jobPath: string, recordingPath: string): RunJobOptions {
  return { jobPath, recordingPath, backend: 'heap', out: null, processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false }
}

describe('where a runaway job was', () => {
  it('a TypeScript loop: the job file, line and column of the loop, and the function it is in', async () => {
    const job = `${RIFFLE}
function busy(n: number): number {
  let i = 0
  while (n > 0) { i++ }
  return i
}
class Spin extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    if (e.spin) out.collect(busy(1))
    out.collect(e.k)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Spin())
`
    const c = writeCase(job, [{ k: 'a' }, { k: 'b', spin: true }])
    const loopLine = job.split('\n').findIndex((l) => l.includes('while (n > 0)')) + 1
    const started = Date.now()
    const r = await runWorker(options(c.jobPath, c.recordingPath), 500)
    expect(r.ok).toBe(false)
    const error = (r as { error: { code: string; message: string; where?: { file: string; line: number; column?: number } } }).error
    expect(error.code).toBe('JOB_TIMEOUT')
    expect(error.where).toMatchObject({ file: c.jobPath, line: loopLine })
    // The loop statement's own column (its `while`), not its body's `{` where the loop guard runs.
    expect(error.where!.column).toBe(job.split('\n')[loopLine - 1].indexOf('while') + 1)
    expect(error.message).toContain(`it was at ${c.jobPath}:${loopLine}:${error.where!.column} (in busy)`)
    // The watchdog's 500 ms plus a bounded look: far less than a stuck inspector could take.
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('a Python loop: KeyboardInterrupt through Pyodide\'s interrupt buffer names the .py line', async () => {
    const job = `from pyflink.datastream.functions import KeyedProcessFunction

class Spin(KeyedProcessFunction):
    def process_element(self, value, ctx):
        n = 0
        while value["spin"]:
            n += 1
        yield value["k"]

def job(events):
    return events.key_by(lambda e: e["k"]).process(Spin())
`
    const c = writeCase(job, [{ k: 'a', spin: false }, { k: 'b', spin: true }], { jobName: 'spin.py' })
    const r = await runWorker(options(c.jobPath, c.recordingPath), 1000)
    expect(r.ok).toBe(false)
    const error = (r as { error: { code: string; message: string; where?: { file: string; line: number } } }).error
    expect(error.code).toBe('JOB_TIMEOUT')
    expect(error.message).toContain('did not return within 1,000 ms')
    expect([6, 7]).toContain(error.where?.line)
    expect(error.where?.file).toBe(c.jobPath)
    expect(error.message).toMatch(new RegExp(`it was at ${c.jobPath}:${error.where!.line}:\\d+ \\(in process_element\\);`))
  }, 60_000)

  it('a Python loop in a helper called from on_timer names the helper, as a TypeScript job\'s does', async () => {
    const job = `from pyflink.datastream.functions import KeyedProcessFunction

def busy(n):
    i = 0
    while n > 0:
        i += 1
    return i

class Spin(KeyedProcessFunction):
    def process_element(self, value, ctx):
        ctx.timer_service().register_event_time_timer(5)
        yield value["k"]

    def on_timer(self, timestamp, ctx):
        yield busy(1)

def job(events):
    return events.key_by(lambda e: e["k"]).process(Spin())
`
    const c = writeCase(job, [{ k: 'a', ts: 1 }], { jobName: 'busy.py' })
    const r = await runWorker(options(c.jobPath, c.recordingPath), 1000)
    expect(r.ok).toBe(false)
    const error = (r as { error: { code: string; message: string; where?: { file: string; line: number } } }).error
    expect(error.code).toBe('JOB_TIMEOUT')
    expect([5, 6]).toContain(error.where?.line)
    expect(error.message).toMatch(new RegExp(`it was at ${c.jobPath}:${error.where!.line}:\\d+ \\(in busy\\);`))
  }, 60_000)

  it('a Python generator that yields without end: the .py line of its loop, though it was stopped while an output was emitted', async () => {
    const job = `from pyflink.datastream.functions import KeyedProcessFunction

class Flood(KeyedProcessFunction):
    def process_element(self, value, ctx):
        i = 0
        while True:
            i += 1
            yield {"k": value["k"], "i": i}

def job(events):
    return events.key_by(lambda e: e["k"]).process(Flood())
`
    const c = writeCase(job, [{ k: 'a' }], { jobName: 'flood.py' })
    const r = await runWorker(options(c.jobPath, c.recordingPath), 1000)
    expect(r.ok).toBe(false)
    const error = (r as { error: { code: string; message: string; where?: { file: string; line: number } } }).error
    expect(error.code).toBe('JOB_TIMEOUT')
    expect([6, 7, 8]).toContain(error.where?.line)
    expect(error.message).toMatch(new RegExp(`it was at ${c.jobPath}:${error.where!.line}:\\d+ \\(in process_element\\);`))
  }, 60_000)
})
