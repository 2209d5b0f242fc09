// DebuggerService's issue-5 handlers against the real engine in a worker thread, the seed sessionizer and
// clicks-small: seek and step back, breakpoints through Continue, a logpoint filled in after the run,
// lineage, key history and timeline, compare against a previous run, the backend check, and argument
// validation of the new requests (contract-schemas.ts).
import { readFile } from 'node:fs/promises'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ContractEvents, EventName } from '../../../src-main/common/contract'
import type { DebuggerService } from '../../../src-main/service/debugger-service'
import { createDebuggerService } from '../../../src-main/service/create-service'
import { dispatch } from '../../../src-main/service/dispatch'

const root = join(import.meta.dirname, '../../..')
const seed = join(root, 'examples/sessionizer-seed.ts')
const fixed = join(root, 'examples/sessionizer-fixed.ts')
const clicks = join(root, 'recordings/clicks-small.jsonl')
const T0 = 1708848000000 // u1's first click
const THIRTY_MIN = 1_800_000

let service: DebuggerService
let events: { event: EventName; payload: ContractEvents[EventName] }[]

beforeEach(() => {
  service = createDebuggerService({ mode: 'browser', version: 't', projectRoot: root, workspace: mkdtempSync(join(tmpdir(), 'riffle-svc5-')) })
  events = []
  service.onEvent((event, payload) => { events.push({ event, payload }) })
})
afterEach(async () => { await service.dispose() })

async function start(job = seed): Promise<{ id: string; op: string }> {
  const r = await dispatch(service.handlers, 'session.start', [{
    jobPath: job, jobSource: await readFile(job, 'utf8'), recordingPath: clicks, backend: 'heap', processingTime: 'follow',
  }])
  if (!r.ok) throw new Error(r.error.code + ': ' + r.error.message)
  const started = r.result as { sessionId: string; operators: { id: string; keyed: boolean }[] }
  return { id: started.sessionId, op: started.operators.find((o) => o.keyed)!.id }
}

describe('DebuggerService time travel', () => {
  it('seek goes back to a step with the state a sequential run had there, and step back goes one further', async () => {
    const { id, op } = await start()
    for (let i = 0; i < 3; i++) await service.handlers['session.step'](id, { kind: 'step' })
    const atThree = await service.handlers['session.keyState'](id, op, '"u1"')
    await service.handlers['session.step'](id, { kind: 'end' })
    const r = await service.handlers['session.seek'](id, 3)
    expect(r.status.step).toBe(3)
    expect(r.last?.step).toBe(3)
    expect(await service.handlers['session.keyState'](id, op, '"u1"')).toEqual(atThree)
    const back = await service.handlers['session.stepBack'](id)
    expect(back.status.step).toBe(2)
    // u1 had one record by step 2: one pending timer (T0 + 30 min), as stepping there showed.
    const st = await service.handlers['session.keyState'](id, op, '"u1"')
    expect(st?.timers.map((t) => t.timestamp)).toEqual([T0 + THIRTY_MIN])
    await new Promise((ok) => setTimeout(ok, 80))
    const last = events.filter((e) => e.event === 'session.status').at(-1)?.payload as ContractEvents['session.status']
    expect(last.status.step).toBe(2)
  })

  it('Continue stops at the first hit of a state predicate breakpoint and names it', async () => {
    const { id } = await start()
    const st = await service.handlers['session.setBreakpoints'](id, [{ id: 'b1', kind: 'state', expression: `session_start === ${T0}` }])
    expect(st).toEqual([{ id: 'b1', ok: true }])
    const r = await service.handlers['session.step'](id, { kind: 'continue' })
    expect(r.breakpointHit).toMatchObject({ id: 'b1', kind: 'state', step: 1, keyStr: '"u1"' })
    expect(r.status.step).toBe(1)
  })

  it('in the session worker thread, a line breakpoint on a line without a Riffle call hits (V8\'s debugger in that thread), a blank line is unverified', async () => {
    const { id } = await start()
    // Line 57 is the timestamp assigner `(e) => e.ts`, 26 a blank line (examples/sessionizer-seed.ts).
    const st = await service.handlers['session.setBreakpoints'](id, [{ id: 'ts', kind: 'line', line: 57 }, { id: 'blank', kind: 'line', line: 26 }])
    expect(st).toEqual([{ id: 'ts', ok: true }, { id: 'blank', ok: true, unverified: expect.stringMatching(/no code runs on line 26/) }])
    const r = await service.handlers['session.step'](id, { kind: 'continue' })
    expect(r.breakpointHit).toMatchObject({ id: 'ts', kind: 'line', step: 1, keyStr: null })
    expect((await service.handlers['session.step'](id, { kind: 'continue' })).status.step).toBe(2)
    expect((await service.handlers['session.trace'](id, 2)).lines).toEqual([57, 58, 25, 27, 28, 29, 32, 35, 36])
  })

  it('a bad breakpoint expression is reported per breakpoint, and a malformed breakpoint is BAD_ARGUMENT', async () => {
    const { id } = await start()
    const st = await service.handlers['session.setBreakpoints'](id, [{ id: 'bad', kind: 'event', expression: 'event.(' }])
    expect(st[0]).toMatchObject({ id: 'bad', ok: false })
    expect(st[0].error).toBeTruthy()
    const r = await dispatch(service.handlers, 'session.setBreakpoints', [id, [{ id: 'x', kind: 'nope' }]])
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('BAD_ARGUMENT')
  })

  it('a logpoint added after the run is filled in for every step already taken', async () => {
    const { id } = await start()
    await service.handlers['session.step'](id, { kind: 'end' })
    await service.handlers['session.setBreakpoints'](id, [{ id: 'lp', kind: 'event', expression: "event.user_id === 'u1'", log: 'event.type' }])
    const hits = await service.handlers['session.logpointHits'](id, 'lp')
    const u1Lines = (await readFile(clicks, 'utf8')).split('\n').filter((l) => l.includes('"u1"'))
    // A string value is shown as itself (breakpoints.ts show()).
    expect(hits.map((h) => h.value)).toEqual(u1Lines.map((l) => JSON.parse(l).type))
    expect(hits.every((h) => h.keyStr === '"u1"')).toBe(true)
  })

  it("lineage of the buggy first output is u1's stale timer, which read session_start written at step 1", async () => {
    const { id, op } = await start()
    await service.handlers['session.step'](id, { kind: 'output' })
    const lin = await service.handlers['session.lineage'](id, 0)
    expect(lin.kind).toBe('timer')
    expect(lin.timer).toMatchObject({ keyStr: '"u1"', timestamp: T0 + THIRTY_MIN })
    expect(lin.reads.find((r) => r.stateName === 'session_start')?.value).toBe(T0)
    const hist = await service.handlers['session.keyHistory'](id, op, '"u1"')
    const wrote = hist.entries.find((e) => e.changes.some((c) => c.stateName === 'session_start' && c.after === T0))
    expect(wrote?.step).toBe(1)
    const tl = await service.handlers['session.keyTimeline'](id, op, '"u1"')
    expect(tl.timers.filter((t) => t.action === 'fired').map((t) => t.timestamp)).toEqual([T0 + THIRTY_MIN])
    expect(tl.outputs[0]).toMatchObject({ seq: 0, value: { session_start: T0, session_end: T0 + THIRTY_MIN } })
    expect(tl.events.map((e) => e.ts).slice(0, 2)).toEqual([T0, T0 + 90_000])
  })

  it('compare names the runs: the seed run\'s log stays on the service side when its session closes, the fixed run is compared with it', async () => {
    const a = await start()
    await service.handlers['session.step'](a.id, { kind: 'end' })
    const total = (await service.handlers['session.outputs'](a.id, 0, 0)).total
    const kept = await service.handlers['session.close'](a.id, { keepOutputs: true })
    expect(kept).toEqual({ runId: a.id, outputs: total })
    const b = await start(fixed)
    await service.handlers['session.step'](b.id, { kind: 'end' })
    const r = await dispatch(service.handlers, 'session.compareOutputs', [b.id, a.id])
    if (!r.ok) throw new Error(r.error.message)
    const cmp = r.result as { added: unknown[]; removed: unknown[]; changed: unknown[]; unchanged: number }
    expect(cmp.removed.length + cmp.changed.length).toBeGreaterThan(0)
    expect(cmp.added.length + cmp.removed.length + cmp.changed.length + cmp.unchanged).toBeGreaterThanOrEqual(8)
    // The request carries names, never outputs; an unknown run is a clear error and the session goes on.
    const asList = await dispatch(service.handlers, 'session.compareOutputs', [b.id, [{ seq: 0 }]])
    expect(asList).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } })
    const unknown = await dispatch(service.handlers, 'session.compareOutputs', [b.id, 's000000000000'])
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT', message: expect.stringMatching(/no kept output log/i) } })
    expect((await service.handlers['session.status'](b.id)).finished).toBe(true)
  })

  // The previous run was closed at step 30 (a Restart after an edit, mid-run): this run, at its end, listed every
  // output after step 30 as "added" though the previous run had only not got there. Both are paired up to step 30.
  it('compare with a run closed mid-way pairs both up to the step it stood at, and counts this run\'s later outputs', async () => {
    const a = await start()
    await service.handlers['session.seek'](a.id, 30)
    const before = (await service.handlers['session.outputs'](a.id, 0, 1000)).items.filter((o) => o.isJobOutput)
    await service.handlers['session.close'](a.id, { keepOutputs: true })
    const b = await start()
    await service.handlers['session.step'](b.id, { kind: 'end' })
    const all = (await service.handlers['session.outputs'](b.id, 0, 1000)).items.filter((o) => o.isJobOutput)
    const r = await dispatch(service.handlers, 'session.compareOutputs', [b.id, a.id])
    if (!r.ok) throw new Error(r.error.message)
    expect(r.result).toMatchObject({ added: [], removed: [], changed: [], moved: [], unchanged: before.length, throughStep: 30, previousLater: 0 })
    expect((r.result as { currentLater: number }).currentLater).toBe(all.filter((o) => o.step > 30).length)
    expect(all.filter((o) => o.step > 30).length).toBeGreaterThan(0)
  })

  it('a plain close keeps nothing', async () => {
    const a = await start()
    expect(await service.handlers['session.close'](a.id)).toBeNull()
    const b = await start()
    const r = await dispatch(service.handlers, 'session.compareOutputs', [b.id, a.id])
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } })
  })

  it('the backend check runs heap and LevelDB and finds them the same', async () => {
    const { id } = await start()
    const r = await service.handlers['session.backendCheck'](id)
    expect(r).toMatchObject({ same: true, stateDiffs: [] })
    expect(r.heapSteps).toBe(r.leveldbSteps)
    expect(r.heapSteps).toBeGreaterThan(40)
  })

  it('calls that arrive together are answered one at a time: a key list asked during a history re-run sees the current step', async () => {
    const { id, op } = await start()
    await service.handlers['session.step'](id, { kind: 'end' })
    // keyHistory re-executes the past; a keys() interleaved at one of its awaits would see a rewound run.
    const [, keys, , status] = await Promise.all([
      service.handlers['session.keyHistory'](id, op, '"u1"'),
      service.handlers['session.keys'](id, { offset: 0, limit: 10 }),
      service.handlers['session.keyTimeline'](id, op, '"u2"'),
      service.handlers['session.status'](id),
    ])
    expect(keys.total).toBe(4)
    expect(status.finished).toBe(true)
    expect(status.step).toBe(79)
  })

  it('seek to a negative or fractional step is BAD_ARGUMENT before it reaches the session', async () => {
    const { id } = await start()
    for (const bad of [-1, 1.5]) {
      const r = await dispatch(service.handlers, 'session.seek', [id, bad])
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.code).toBe('BAD_ARGUMENT')
    }
  })
})
