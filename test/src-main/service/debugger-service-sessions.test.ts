// Sessions belong to their connection (real workers, real examples): when the connection goes they wait for a
// reattach (same session, same step) and then close; at most 8 run at once; and every way a worker can die
// — process.exit in job code, out of memory, an exception outside the gate — reaches the owner as
// session.ended with its cause and code, whether a call was in flight or not.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { StepResult } from '../../../src-main/common/debug-api'
import type { ContractEvents, EventMessage, SessionStarted } from '../../../src-main/common/contract'
import { createDebuggerService, scanForCatalog, type CreateServiceOptions } from '../../../src-main/service/create-service'
import { DebuggerService } from '../../../src-main/service/debugger-service'
import { SessionWorkerClient, type SessionHandle } from '../../../src-main/worker/session-worker-client'

const root = join(import.meta.dirname, '../../..')
const jobPath = join(root, 'examples/running-count.ts')
const counter = readFileSync(jobPath, 'utf8')
const clicks = join(root, 'recordings/clicks-small.jsonl')
let service: DebuggerService

function make(opts: Partial<CreateServiceOptions> = {}): DebuggerService {
  service = createDebuggerService({ mode: 'browser', version: 't', projectRoot: root, workspace: mkdtempSync(join(tmpdir(), 'riffle-sess-')), ...opts })
  return service
}
afterEach(async () => { await service.dispose() })

type Conn = ReturnType<DebuggerService['connect']>

async function start(c: Conn, jobSource = counter): Promise<SessionStarted> {
  const r = await c.dispatch('session.start', [{ jobPath, jobSource, recordingPath: clicks, backend: 'heap', processingTime: 'follow' }])
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code })
  return r.result as SessionStarted
}

function endedEvents(c: Conn): Array<ContractEvents['session.ended']> {
  const list: Array<ContractEvents['session.ended']> = []
  c.onEvent((m: EventMessage) => { if (m.event === 'session.ended') list.push(m.payload) })
  return list
}

const until = async (what: () => boolean, ms = 10_000): Promise<void> => {
  const t0 = Date.now()
  while (!what()) {
    if (Date.now() - t0 > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('sessions and their connections', () => {
  it('a reload reattaches with the secret: the same session at the same step, and it runs on', async () => {
    make({ reattachMs: 500 })
    const a = service.connect()
    const s = await start(a)
    for (let i = 0; i < 3; i++) await a.dispatch('session.step', [s.sessionId, { kind: 'step' }])
    a.release()
    const b = service.connect()
    const attached = await b.dispatch('session.attach', [s.sessionId, s.secret])
    expect(attached).toMatchObject({ ok: true, result: { sessionId: s.sessionId, status: { step: 3 }, start: { jobPath, recordingPath: clicks, backend: 'heap' } } })
    await new Promise((r) => setTimeout(r, 700)) // past the reattach wait: attached, so it stays
    expect(await b.dispatch('session.step', [s.sessionId, { kind: 'step' }])).toMatchObject({ ok: true, result: { status: { step: 4 } } })
  })

  it('a session whose connection went and nobody reattached closes after the wait, its worker stopped', async () => {
    make({ reattachMs: 300 })
    const monitor: string[] = []
    service.onEvent((event, payload) => { if (event === 'session.ended') monitor.push((payload as ContractEvents['session.ended']).reason) })
    // The same service as createDebuggerService makes, with the session clients kept to look at their workers.
    await service.dispose()
    const clients: SessionHandle[] = []
    service = new DebuggerService({
      mode: 'browser', version: 't', projectRoot: root, workspace: mkdtempSync(join(tmpdir(), 'riffle-sess-')), reattachMs: 300,
      scanRecording: scanForCatalog,
      startSession: async (o, h) => { const c = await SessionWorkerClient.start(o, h); clients.push(c); return c },
    })
    service.onEvent((event, payload) => { if (event === 'session.ended') monitor.push((payload as ContractEvents['session.ended']).reason) })
    const a = service.connect()
    const s = await start(a)
    a.release()
    await new Promise((r) => setTimeout(r, 100))
    expect(monitor).toEqual([])
    await until(() => monitor.length === 1, 3_000)
    expect(monitor[0]).toMatch(/no window reattached/i)
    await until(() => clients[0].deathInfo !== null, 3_000) // its worker was terminated
    const b = service.connect()
    expect(await b.dispatch('session.attach', [s.sessionId, s.secret])).toMatchObject({ ok: false, error: { code: 'SESSION_CLOSED' } })
  })

  it('a session whose connection went while its worker started waits for a reattach like any other, then closes', async () => {
    make({ reattachMs: 300 })
    const a = service.connect()
    const starting = start(a)
    a.release()
    const s = await starting
    const b = service.connect()
    expect(await b.dispatch('session.attach', [s.sessionId, s.secret])).toMatchObject({ ok: true, result: { status: { step: 0 } } })
    const c = service.connect()
    const s2 = start(c)
    c.release()
    const orphan = await s2
    await new Promise((r) => setTimeout(r, 700))
    expect(await service.connect().dispatch('session.attach', [orphan.sessionId, orphan.secret])).toMatchObject({ ok: false, error: { code: 'SESSION_CLOSED' } })
  })

  it('a wrong secret, an unknown id, or another connection\'s session is refused without touching the session', async () => {
    make()
    const a = service.connect()
    const s = await start(a)
    const b = service.connect()
    expect(await b.dispatch('session.attach', [s.sessionId, 'x'.repeat(s.secret.length)])).toMatchObject({ ok: false, error: { code: 'SESSION_CLOSED' } })
    expect(await b.dispatch('session.attach', ['s000000000000', s.secret])).toMatchObject({ ok: false, error: { code: 'SESSION_CLOSED' } })
    expect(await b.dispatch('session.step', [s.sessionId, { kind: 'step' }])).toMatchObject({ ok: false, error: { code: 'SESSION_CLOSED' } })
    expect(await b.dispatch('session.close', [s.sessionId])).toMatchObject({ ok: false, error: { code: 'SESSION_CLOSED' } })
    expect(await a.dispatch('session.step', [s.sessionId, { kind: 'step' }])).toMatchObject({ ok: true, result: { status: { step: 1 } } })
  })

  it('events of a session go to its connection only, and follow it when it is reattached', async () => {
    make({ reattachMs: 5_000 })
    const a = service.connect()
    const b = service.connect()
    const seenA = endedEvents(a)
    const seenB = endedEvents(b)
    const s = await start(a)
    a.release()
    await b.dispatch('session.attach', [s.sessionId, s.secret])
    await b.dispatch('session.stop', [s.sessionId])
    expect(seenA).toEqual([])
    expect(seenB.map((e) => e.sessionId)).toEqual([s.sessionId])
  })

  it('at most 8 sessions run at once, even when starts race; the ninth is refused with TOO_MANY_SESSIONS', async () => {
    make()
    const a = service.connect()
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => start(a)))
    const ok = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(ok).toHaveLength(8)
    expect(refused.map((r) => (r.reason as { code: string }).code)).toEqual(['TOO_MANY_SESSIONS', 'TOO_MANY_SESSIONS'])
    expect((refused[0].reason as Error).message).toMatch(/8 sessions/)
    // Closing one makes room.
    await a.dispatch('session.close', [(ok[0] as PromiseFulfilledResult<SessionStarted>).value.sessionId])
    await expect(start(a)).resolves.toMatchObject({ sessionId: expect.any(String) })
  })
})

describe('worker deaths reach the owner as session.ended with cause and code', () => {
  it('process.exit in job code during a step: the step fails and session.ended says WORKER_DIED with the exit code', async () => {
    make()
    const a = service.connect()
    const ended = endedEvents(a)
    const s = await start(a, counter.replace('this.count.update(current + 1)', 'if (current === 1) process.exit(3)\n    this.count.update(current + 1)'))
    const r = await a.dispatch('session.step', [s.sessionId, { kind: 'end' }])
    expect(r).toMatchObject({ ok: false, error: { code: 'WORKER_DIED' } })
    await until(() => ended.length === 1)
    expect(ended[0]).toMatchObject({ sessionId: s.sessionId, error: { code: 'WORKER_DIED', message: expect.stringMatching(/exit code 3|code 3/) } })
  })

  it('a worker that exits while no call is in flight still ends its session', async () => {
    make()
    const a = service.connect()
    const ended = endedEvents(a)
    const s = await start(a, counter.replace("this.count = ctx.getState(", "setTimeout(() => process.exit(4), 200)\n    this.count = ctx.getState("))
    await until(() => ended.length === 1)
    expect(ended[0]).toMatchObject({ sessionId: s.sessionId, error: { code: 'WORKER_DIED' } })
    expect(await a.dispatch('session.status', [s.sessionId])).toMatchObject({ ok: false, error: { code: 'SESSION_CLOSED' } })
  })

  it('an exception thrown outside the gate (in a timer callback) ends the session with WORKER_DIED and the message', async () => {
    make()
    const a = service.connect()
    const ended = endedEvents(a)
    const s = await start(a, counter.replace("this.count = ctx.getState(", "setTimeout(() => { throw new Error('thrown from a timer') }, 200)\n    this.count = ctx.getState("))
    await until(() => ended.length === 1)
    expect(ended[0]).toMatchObject({ sessionId: s.sessionId, error: { code: 'WORKER_DIED', message: expect.stringContaining('thrown from a timer') } })
  })

  it('out of memory (the worker\'s heap limit) ends the session with WORKER_OUT_OF_MEMORY', async () => {
    make({ workerHeapMb: 96 })
    const a = service.connect()
    const ended = endedEvents(a)
    const s = await start(a, counter.replace('this.count.update(current + 1)', 'const hog: number[][] = []\n    for (;;) hog.push(new Array(1e6).fill(current))'))
    const r = await a.dispatch('session.step', [s.sessionId, { kind: 'step' }])
    expect(r).toMatchObject({ ok: false, error: { code: 'WORKER_OUT_OF_MEMORY' } })
    await until(() => ended.length === 1)
    expect(ended[0]).toMatchObject({ sessionId: s.sessionId, error: { code: 'WORKER_OUT_OF_MEMORY', message: expect.stringMatching(/out of memory/i) } })
  })
})

describe("a Python job's notices reach the app with its findings", () => {
  it("the seed article's out.collect form is listed once, at its line, with findings on or off", async () => {
    make()
    const c = service.connect()
    const seed = join(root, 'examples/sessionizer-seed.py')
    for (const findings of [true, false]) {
      const r = await c.dispatch('session.start', [{ jobPath: seed, jobSource: readFileSync(seed, 'utf8'), recordingPath: clicks, backend: 'heap', processingTime: 'follow', findings }])
      if (!r.ok) throw new Error(r.error.message)
      const { sessionId } = r.result as SessionStarted
      expect(await c.dispatch('session.step', [sessionId, { kind: 'end' }])).toMatchObject({ ok: true })
      // Back to the start and to the end again: the timers fire again, the notice stays one.
      expect(await c.dispatch('session.seek', [sessionId, 1])).toMatchObject({ ok: true })
      expect(await c.dispatch('session.step', [sessionId, { kind: 'end' }])).toMatchObject({ ok: true })
      const f = await c.dispatch('session.findings', [sessionId])
      expect(f).toMatchObject({ ok: true, result: { enabled: findings, notices: [{ file: seed, line: 35, message: expect.stringMatching(/^out\.collect\(\.\.\.\) is the seed article's form and will not run on a Flink cluster/) }] } })
      expect((f as { result: { notices: unknown[] } }).result.notices).toHaveLength(1)
    }
  }, 120_000)
})

describe("a backend check's runs are not the session's", () => {
  it("the check's notices stay out of the session's, which still gets its own when it reaches their line", async () => {
    make()
    const c = service.connect()
    const seed = join(root, 'examples/sessionizer-seed.py')
    const r = await c.dispatch('session.start', [{ jobPath: seed, jobSource: readFileSync(seed, 'utf8'), recordingPath: clicks, backend: 'heap', processingTime: 'follow' }])
    if (!r.ok) throw new Error(r.error.message)
    const { sessionId } = r.result as SessionStarted
    for (let i = 0; i < 6; i++) expect(await c.dispatch('session.step', [sessionId, { kind: 'step' }])).toMatchObject({ ok: true })
    const notices = async (): Promise<unknown[]> => {
      const f = await c.dispatch('session.findings', [sessionId])
      if (!f.ok) throw new Error(f.error.message)
      return (f.result as { notices: unknown[] }).notices
    }
    // No timer has fired yet: the out.collect(...) in on_timer (line 35) has not run in this session.
    expect(await notices()).toEqual([])
    expect(await c.dispatch('session.backendCheck', [sessionId])).toMatchObject({ ok: true })
    expect(await notices()).toEqual([])
    expect(await c.dispatch('session.stepBack', [sessionId])).toMatchObject({ ok: true })
    expect(await notices()).toEqual([])
    // The session reaches the line itself: its notice is there, once.
    expect(await c.dispatch('session.step', [sessionId, { kind: 'end' }])).toMatchObject({ ok: true })
    expect(await notices()).toEqual([{ file: seed, line: 35, message: expect.stringMatching(/^out\.collect\(\.\.\.\) is the seed/) }])
  }, 120_000)

  it("a Python job's time and random after a check are its own run's, as without the check", async () => {
    make()
    const c = service.connect()
    const job = join(mkdtempSync(join(tmpdir(), 'riffle-clock-')), 'clock.py')
    writeFileSync(job, `import time
import random
from pyflink.datastream import DataStream
from pyflink.datastream.functions import KeyedProcessFunction


class Clocked(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield value["user_id"], time.time(), random.random()


def job(events: DataStream) -> DataStream:
    return events.key_by(lambda e: e["user_id"]).process(Clocked())
`)
    const runs: unknown[][] = []
    for (const check of [false, true]) {
      const r = await c.dispatch('session.start', [{ jobPath: job, jobSource: readFileSync(job, 'utf8'), recordingPath: clicks, backend: 'heap', processingTime: 'follow' }])
      if (!r.ok) throw new Error(r.error.message)
      const { sessionId } = r.result as SessionStarted
      const outputs: unknown[] = []
      for (let i = 0; i < 6; i++) {
        if (check && i === 3) expect(await c.dispatch('session.backendCheck', [sessionId])).toMatchObject({ ok: true })
        const s = await c.dispatch('session.step', [sessionId, { kind: 'step' }])
        if (!s.ok) throw new Error(s.error.message)
        outputs.push((s.result as StepResult).steps.map((x) => x.outputs.map((o) => o.value)))
      }
      runs.push(outputs)
    }
    expect(runs[1]).toEqual(runs[0])
  }, 120_000)
})
