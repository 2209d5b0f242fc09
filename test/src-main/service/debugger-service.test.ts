// DebuggerService against the real engine (worker threads), the real examples and recordings: a handler
// for every contract entry, sessions by id, coalesced status pushes, the watchdog and Stop ending a session,
// and file access kept inside the workspace, examples/ and recordings/.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { REQUEST_NAMES, type ContractEvents } from '../../../src-main/common/contract'
import type { DebuggerService } from '../../../src-main/service/debugger-service'
import { dispatch } from '../../../src-main/service/dispatch'
import { clicks, openService, type PushedEvent, root, seed, startSeed as startSession } from '../helpers/service-case'

let service: DebuggerService
let workspace: string
let events: PushedEvent[]

beforeEach(() => { ({ service, workspace, events } = openService('riffle-svc-')) })
afterEach(async () => { await service.dispose() })

const startSeed = async (source?: string): Promise<string> => (await startSession(service, 'heap', source)).sessionId

describe('DebuggerService', () => {
  it('has a handler for every contract request and nothing else', () => {
    expect(Object.keys(service.handlers).sort()).toEqual([...REQUEST_NAMES].sort())
  })

  it('scans a relative "Open path…" path from the workspace folder, as its tooltip says', async () => {
    writeFileSync(join(workspace, 'mine.jsonl'), '{"ts":1,"key":"a"}\n{"ts":2,"key":"b"}\n')
    const info = await service.handlers['recordings.scan']('mine.jsonl')
    expect(info).toMatchObject({ path: join(workspace, 'mine.jsonl'), events: 2 })
  })

  it('lists the examples and the recordings with format, event count and time range', async () => {
    const examples = await service.handlers['examples.list']()
    expect(examples.map((e) => e.name)).toContain('sessionizer-seed.ts')
    // Python twins are listed too, titled by their first `#` comment line.
    const py = examples.find((e) => e.name === 'sessionizer-seed.py')
    expect(py?.title).toBe(readFileSync(py!.path, 'utf8').split('\n')[0].replace(/^#\s*/, '').trim())
    expect(py?.title).toMatch(/^The seed article's Sessionizer/)
    const recs = await service.handlers['recordings.list']()
    const small = recs.find((r) => r.name === 'clicks-small.jsonl')
    expect(small).toMatchObject({ format: 'jsonl', events: 40, controlLines: 1, firstTimestamp: 1708848000000 })
    expect(events.some((e) => e.event === 'recordings.progress')).toBe(true)
  })

  it('steps the seed sessionizer: after three records key u1 has two pending timers (the stale one stays)', async () => {
    const id = await startSeed()
    let r = await service.handlers['session.step'](id, { kind: 'record' })
    for (let i = 1; i < 3; i++) r = await service.handlers['session.step'](id, { kind: 'record' })
    expect(r.status.recordsIn).toBe(3)
    const ops = await service.handlers['session.operators'](id)
    const keyed = ops.find((o) => o.keyed)!
    const state = await service.handlers['session.keyState'](id, keyed.id, '"u1"')
    expect(state?.timers.map((t) => t.timestamp)).toEqual([1708848000000 + 1_800_000, 1708848090000 + 1_800_000])
  })

  it('pushes status coalesced: one run of many steps gives few status events, the last one current', async () => {
    const id = await startSeed()
    for (let i = 0; i < 20; i++) await service.handlers['session.step'](id, { kind: 'step' })
    await new Promise((r) => setTimeout(r, 120))
    const statuses = events.filter((e) => e.event === 'session.status')
    expect(statuses.length).toBeGreaterThan(0)
    expect(statuses.length).toBeLessThan(20)
    expect((statuses.at(-1)!.payload as ContractEvents['session.status']).status.step).toBe(20)
  })

  it('a compile error rejects start with JOB_COMPILE and the line', async () => {
    const src = (await readFile(seed, 'utf8')).replace('const now = ctx.timestamp()!', 'const now = ctx.timestamp()! +* 2')
    const r = await dispatch(service.handlers, 'session.start', [{ jobPath: seed, jobSource: src, recordingPath: clicks, backend: 'heap', processingTime: 'follow' }])
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('JOB_COMPILE')
      expect(r.error.where?.line).toBe(src.split('\n').findIndex((l) => l.includes('+* 2')) + 1)
    }
  })

  it('Stop ends a session at once and tells the renderer; later calls get SESSION_CLOSED', async () => {
    const id = await startSeed()
    await service.handlers['session.stop'](id)
    expect(events.find((e) => e.event === 'session.ended')?.payload).toMatchObject({ sessionId: id, error: null })
    const r = await dispatch(service.handlers, 'session.status', [id])
    expect(r.ok ? null : r.error.code).toBe('SESSION_CLOSED')
  })

  it('a job that never returns is stopped by the watchdog: JOB_TIMEOUT where the loop was, and the session goes on before that step', async () => {
    const src = (await readFile(seed, 'utf8')).replace('const now = ctx.timestamp()!', 'const now = ctx.timestamp()!\n    while (now > 0) { /* forever */ }')
    const r0 = await dispatch(service.handlers, 'session.start', [{ jobPath: seed, jobSource: src, recordingPath: clicks, backend: 'heap', processingTime: 'follow', watchdogMs: 500 }])
    if (!r0.ok) throw new Error(r0.error.message)
    const id = (r0.result as { sessionId: string }).sessionId
    const r = await dispatch(service.handlers, 'session.step', [id, { kind: 'step' }])
    expect(r.ok ? null : r.error.code).toBe('JOB_TIMEOUT')
    const loopLine = src.split('\n').findIndex((l) => l.includes('while (now > 0)')) + 1
    expect(r.ok ? null : r.error.where).toMatchObject({ file: seed, line: loopLine })
    expect(events.find((e) => e.event === 'session.ended' && (e.payload as { sessionId: string }).sessionId === id)).toBeUndefined()
    const status = await dispatch(service.handlers, 'session.status', [id])
    expect(status.ok ? (status.result as { step: number }).step : status.error.code).toBe(0)
    const failure = await dispatch(service.handlers, 'session.failure', [id])
    expect(failure.ok ? failure.result : failure.error).toMatchObject({ step: 1, error: { code: 'JOB_TIMEOUT' }, where: { line: loopLine } })
    await service.handlers['session.close'](id)
  })

  it('reads and saves job files only inside the workspace, examples/ and recordings/', async () => {
    const saved = await service.handlers['files.save']('my-job.ts', 'export default 1\n')
    expect(saved.path).toBe(join(workspace, 'my-job.ts'))
    expect((await service.handlers['files.read'](saved.path)).source).toBe('export default 1\n')
    expect(await service.handlers['files.list']()).toEqual([saved.path])
    for (const [name, args] of [
      ['files.save', ['../escape.ts', 'x']], ['files.save', ['/etc/riffle.ts', 'x']], ['files.save', ['notes.txt', 'x']],
      ['files.read', ['/etc/passwd']], ['files.read', [join(root, 'package.json')]],
    ] as const) {
      const r = await dispatch(service.handlers, name, args)
      expect(r.ok ? 'ok' : r.error.code, `${name} ${args[0]}`).toBe('BAD_ARGUMENT')
    }
  })

  it('refuses a recording outside the allowed folders before starting a worker', async () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'riffle-out-')), 'x.jsonl')
    writeFileSync(outside, '{"ts":1}\n')
    const r = await dispatch(service.handlers, 'session.start', [{ jobPath: seed, recordingPath: outside, backend: 'heap', processingTime: 'follow' }])
    expect(r.ok ? 'ok' : r.error.code).toBe('BAD_ARGUMENT')
  })
})
