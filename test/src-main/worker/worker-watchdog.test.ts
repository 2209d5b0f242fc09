// The session worker and its watchdog (§14): a job stuck in an endless loop is stopped with JOB_TIMEOUT naming
// the recording line and where the loop was, the session goes on in a fresh worker, and the worker proxies the
// DebugSession API.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { SessionWorkerClient } from '../../../src-main/worker/session-worker-client'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const root = join(__dirname, '../../..')
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

const loopingJob = `${RIFFLE}class Spin extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    if (e.spin) { for (;;) { /* never returns */ } }
    out.collect(e.k)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Spin())
`

describe('session worker', () => {
  it('the watchdog stops an endless loop in user code with JOB_TIMEOUT naming the recording line', async () => {
    const c = writeCase(loopingJob, [{ k: 'a' }, { k: 'b' }, { k: 'c', spin: true }, { k: 'd' }])
    const client = await SessionWorkerClient.start({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow',
      drainProcessingTimers: false, skipBadLines: false, watchdogMs: 500,
    })
    try {
      const first = await client.step({ kind: 'record' })
      expect(first.steps[0].outputs.map((o) => o.value)).toEqual(['a'])
      const started = Date.now()
      const err = await client.step({ kind: 'end' }).then(() => null, (e: { code: string; message: string; info: { input?: { line: number } } }) => e)
      expect(err).not.toBeNull()
      expect(err!.code).toBe('JOB_TIMEOUT')
      expect(err!.message).toContain('did not return within 500 ms')
      expect(err!.message).toContain(`${c.recordingPath}:3`)
      expect(err!.info.input?.line).toBe(3)
      // The event itself is read back from the recording for the error banner.
      expect((err!.info.input as unknown as { value: unknown }).value).toEqual({ k: 'c', spin: true })
      expect(Date.now() - started).toBeLessThan(5000)
      // Where the loop was, from the stopped worker (runaway-where.ts).
      const loopLine = loopingJob.split('\n').findIndex((l) => l.includes('for (;;)')) + 1
      expect(err!.info).toMatchObject({ where: { file: c.jobPath, line: loopLine } })
    } finally {
      await client.close()
    }
  })

  it('the session survives a watchdog stop: a fresh worker stands at the step before it, with time travel and the failure', async () => {
    const c = writeCase(loopingJob, [{ k: 'a' }, { k: 'b' }, { k: 'c', spin: true }, { k: 'd' }])
    const client = await SessionWorkerClient.start({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow',
      drainProcessingTimers: false, skipBadLines: false, watchdogMs: 500,
    })
    let ended: string | null = null
    client.onDeath((info) => { ended = info.code })
    try {
      await client.setBreakpoints([{ id: 'kb', kind: 'key', keyStr: '"b"' }])
      await expect(client.step({ kind: 'end' })).rejects.toMatchObject({ code: 'JOB_TIMEOUT' })
      // Calls made while the fresh worker re-runs wait for it: the run stands after the two good records.
      const status = await client.status()
      expect(status.step).toBe(2)
      expect(status.recordsIn).toBe(2)
      expect(client.deathInfo).toBeNull()
      const loopLine = loopingJob.split('\n').findIndex((l) => l.includes('for (;;)')) + 1
      const failure = await client.failure()
      expect(failure).toMatchObject({ step: 3, error: { code: 'JOB_TIMEOUT' }, where: { file: c.jobPath, line: loopLine }, watchdogMs: 500 })
      // Outputs up to the last completed step are there again; step back and seek work.
      expect((await client.outputs(0, 10)).items.map((o) => o.value)).toEqual(['a', 'b'])
      expect((await client.stepBack()).status.step).toBe(1)
      expect((await client.seek(2)).status.step).toBe(2)
      // Going on meets the same stop at once (the step would loop again), not after another watchdog wait.
      const t0 = Date.now()
      await expect(client.step({ kind: 'step' })).rejects.toMatchObject({ code: 'JOB_TIMEOUT' })
      expect(Date.now() - t0).toBeLessThan(400)
      // The breakpoints were set again in the fresh worker: from step 0, continue stops at b.
      await client.seek(0)
      const hit = await client.step({ kind: 'continue' })
      expect(hit.breakpointHit?.id).toBe('kb')
      expect(ended).toBeNull()
    } finally {
      await client.close()
    }
  })

  it('a trace the watchdog stops leaves the session where it was: not failed, not sent back to the step before the traced one', async () => {
    // The job is quick in the run and endless in the trace's re-run of the same step (a module-level count stands in
    // for a step that takes 3 s to run and more than the watchdog's limit to trace).
    const job = `${RIFFLE}let runs = 0
class Twice extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    if (e.k === 'b' && ++runs === 2) { for (;;) { /* never returns */ } }
    out.collect(e.k)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Twice())
`
    const c = writeCase(job, [{ k: 'a' }, { k: 'b' }, { k: 'c' }])
    const client = await SessionWorkerClient.start({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow',
      drainProcessingTimers: false, skipBadLines: false, watchdogMs: 500,
    })
    try {
      await client.step({ kind: 'step' })
      expect((await client.step({ kind: 'step' })).status.step).toBe(2)
      await expect(client.trace(2)).rejects.toMatchObject({ code: 'JOB_TIMEOUT' })
      // The run itself never failed: it stands at step 2 with its outputs, and steps on.
      expect((await client.status()).step).toBe(2)
      expect(await client.failure()).toBeNull()
      expect((await client.outputs(0, 10)).items.map((o) => o.value)).toEqual(['a', 'b'])
      const next = await client.step({ kind: 'step' })
      expect(next.status.step).toBe(3)
      expect((await client.outputs(0, 10)).items.map((o) => o.value)).toEqual(['a', 'b', 'c'])
      expect(client.deathInfo).toBeNull()
    } finally {
      await client.close()
    }
  })

  it('pushes the status while one long step() call runs, not only when it returns', async () => {
    const slowJob = `${RIFFLE}class Slow extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { const until = globalThis.Date.now() + 2; while (globalThis.Date.now() < until) { /* 2 ms of wall time per record (the job's own Date is simulated time) */ } out.collect(e.k) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Slow())
`
    const c = writeCase(slowJob, Array.from({ length: 600 }, (_, i) => ({ k: "k" + (i % 7) })))
    const pushes: number[] = []
    const client = await SessionWorkerClient.start({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false,
    }, { onStatus: (s) => pushes.push(s.recordsIn) })
    try {
      const r = await client.step({ kind: 'end' })
      expect(r.status.recordsIn).toBe(600)
      expect(pushes.length).toBeGreaterThan(0)
      expect(pushes.every((n) => n > 0 && n < 600)).toBe(true)
      expect(r.status.stateEntries).toBe(0)
    } finally {
      await client.close()
    }
  })

  it('proxies the session API: step, keys, outputs and close', async () => {
    const c = writeCase(loopingJob, [{ k: 'a' }, { k: 'b' }, { k: 'a' }])
    const client = await SessionWorkerClient.start({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false,
    })
    try {
      const r = await client.step({ kind: 'end' })
      expect(r.status).toMatchObject({ finished: true, recordsIn: 3, recordsOut: 3, keys: 2 })
      expect((await client.keys({ sort: 'key', offset: 0, limit: 5 })).items.map((k) => [k.key, k.records])).toEqual([['a', 2], ['b', 1]])
      expect((await client.outputs(0, 10)).items.map((o) => o.value)).toEqual(['a', 'b', 'a'])
    } finally {
      await client.close()
    }
  })

  it('a job that does not compile fails to open with JOB_COMPILE', async () => {
    const c = writeCase(`${RIFFLE}export default (env: any) => env.fromRecording(\n`, [{}])
    await expect(SessionWorkerClient.start({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false,
    })).rejects.toMatchObject({ code: 'JOB_COMPILE' })
  })
})

describe('watchdog with nested user calls', () => {
  it('an endless loop that keeps calling downstream user functions (out.collect into a filter) is still stopped', async () => {
    const job = `${RIFFLE}class Flood extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { if (e.flood) for (;;) out.collect(e.k) ; out.collect(e.k) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Flood()).filter((k: any) => false)
`
    const c = writeCase(job, [{ k: 'a' }, { k: 'b', flood: true }])
    const client = await SessionWorkerClient.start({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow',
      drainProcessingTimers: false, skipBadLines: false, watchdogMs: 500,
    })
    try {
      const err = await Promise.race([
        client.step({ kind: 'end' }).then(() => null, (e: { code: string; info: { input?: { line: number } } }) => e),
        new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 6000)),
      ])
      expect(err).not.toBe('hung')
      expect(err).toMatchObject({ code: 'JOB_TIMEOUT', info: { input: { line: 2 } } })
    } finally {
      client.stop()
      await client.close()
    }
  })
})

describe('watchdog and a Python job', () => {
  it('a `while True:` is interrupted at its .py line and the session goes on at the step before it', async () => {
    const job = `from pyflink.datastream.functions import KeyedProcessFunction

class Spin(KeyedProcessFunction):
    def process_element(self, value, ctx):
        while value.get("spin"):
            pass
        yield value["k"]

def job(events):
    return events.key_by(lambda e: e["k"]).process(Spin())
`
    const c = writeCase(job, [{ k: 'a' }, { k: 'b' }, { k: 'c', spin: true }, { k: 'd' }], { jobName: 'spin.py' })
    const client = await SessionWorkerClient.start({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow',
      // 3 s, not 1: on a loaded CI machine the first steps' Python (steps 1 and 2) must not be what the watchdog stops.
      drainProcessingTimers: false, skipBadLines: false, watchdogMs: 3000,
    })
    try {
      const err = await client.step({ kind: 'end' }).then(() => null, (e: unknown) => e)
      // The message first: when the place is missing, it says where the watchdog stopped instead.
      expect(err).toMatchObject({ code: 'JOB_TIMEOUT', message: expect.stringContaining(`${c.recordingPath}:3`) })
      expect(err).toMatchObject({ info: { where: { file: c.jobPath } } })
      expect((await client.status()).step).toBe(2)
      const failure = await client.failure()
      expect(failure?.step).toBe(3)
      expect([5, 6]).toContain(failure?.where?.line)
      expect((await client.outputs(0, 10)).items.map((o) => o.value)).toEqual(['a', 'b'])
      expect((await client.stepBack()).status.step).toBe(1)
    } finally {
      await client.close()
    }
  }, 120_000)
})

describe('watchdog before the first record', () => {
  // The job's code that runs while the session opens: the module's top level, the function that builds the
  // pipeline, open(). Each is stopped like a loop in processElement, naming its line, in both languages.
  const TS_OPEN = `${RIFFLE}class F extends KeyedProcessFunction<any, any, any> {
  open() { for (;;) { /* never returns */ } }
  processElement(e: any, ctx: any, out: any) { out.collect(e) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`
  const TS_BUILD = `${RIFFLE}export default (env: any) => { for (;;) { /* never returns */ } }
`
  const TS_TOP = `${RIFFLE}for (;;) { /* never returns */ }
export default (env: any) => env.fromRecording()
`
  const PY_OPEN = `from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def open(self, rc):
        while True:
            pass

    def process_element(self, e, ctx):
        yield e

def job(events):
    return events.key_by(lambda e: e["k"]).process(F())
`
  const PY_TOP = `from pyflink.datastream.functions import KeyedProcessFunction
while True:
    pass

def job(events):
    return events
`
  /** The 1-based lines of the loop (Python's interrupt lands on its `while` or its body). */
  const loopLines = (source: string): number[] => source.split('\n').flatMap((l, i) => (/never returns|while True|^\s+pass$/.test(l) ? [i + 1] : []))
  const cases: Array<[string, string, string]> = [
    ['open() in TypeScript', TS_OPEN, 'job.ts'],
    ['the pipeline-building function in TypeScript', TS_BUILD, 'job.ts'],
    ["the module's top level in TypeScript", TS_TOP, 'job.ts'],
    ['open() in Python', PY_OPEN, 'job.py'],
    ["the module's top level in Python", PY_TOP, 'job.py'],
  ]
  for (const [what, source, jobName] of cases) {
    it(`an endless loop in ${what} fails the session's start with JOB_TIMEOUT at its line`, async () => {
      const c = writeCase(source, [{ k: 'a' }], { jobName })
      const err = await SessionWorkerClient.start({
        jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow',
        drainProcessingTimers: false, skipBadLines: false, watchdogMs: 1000,
      }).then(async (s) => { await s.close(); return null }, (e: { code: string; message: string }) => e)
      expect(err).toMatchObject({ code: 'JOB_TIMEOUT' })
      expect(err!.message).toContain('did not return within 1,000 ms')
      // Where the loop was is found by sampling it within RUNAWAY_SAMPLE_MS; a Python loop interrupted at its
      // import can miss that window on a loaded machine (the stop itself is what must not fail), so a place
      // given must be the loop's, and TypeScript's is always given.
      const at = new RegExp(`it was at .*${jobName.replace('.', '\\.')}:(\\d+):`).exec(err!.message)
      if (at !== null || jobName.endsWith('.ts')) expect(loopLines(source)).toContain(Number(at?.[1]))
    }, 120_000)
  }
})
