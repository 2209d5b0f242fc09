// Time travel in the renderer's stores: seek and step back replace the known steps with the reached one and
// re-open a finished run; Continue runs with the 'continue' target, stops at a breakpoint hit and re-takes
// that step to show its changes; the breakpoint list is given whole to every new session before any step;
// a restart keeps the previous run's outputs for the compare view; insights ask for the selected key.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import type { BreakpointSpec, SeekResult } from '../../../src-main/common/debug-api'
import type { OutputView, StepView } from '../../../src-main/common/views'
import { setClient } from '../../../src-renderer/src/client'
import { describeBreakpoint, useBreakpointsStore, type NewBreakpoint } from '../../../src-renderer/src/stores/breakpoints'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useInsightsStore } from '../../../src-renderer/src/stores/insights'
import { useInspectorStore } from '../../../src-renderer/src/stores/inspector'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { connectStores } from '../../../src-renderer/src/stores/connect-stores'
import { fakeClient, status, type FakeClient } from '../fake-client'

let client: FakeClient
let sessions = 0
const view = (step: number, extra: Partial<StepView> = {}): StepView =>
  ({ step, kind: 'record', outputs: [], changes: [], touchedKeys: [], watermark: 0, processingTime: 0, ...extra })
const seekTo = (step: number, finished = false): SeekResult =>
  ({ status: status(step, { finished }), last: step === 0 ? null : view(step), millis: 1.5, fromSnapshot: 0 })
const output = (seq: number): OutputView =>
  ({ seq, step: seq + 1, operatorId: 'op', operatorName: 'p', tag: null, value: { n: seq }, timestamp: null, key: 'u1', keyStr: '"u1"', isJobOutput: true })

beforeEach(() => {
  setActivePinia(createPinia())
  sessions = 0
  client = fakeClient({
    'session.start': () => ({ sessionId: 's' + ++sessions, status: status(0), operators: [] }),
    'session.close': () => undefined,
    'session.setBreakpoints': (_id, list) => (list as BreakpointSpec[]).map((b) => ({ id: b.id, ok: true })),
    'session.logpointHits': () => [],
    'session.seek': (_id, step) => seekTo(step as number),
    'session.stepBack': () => seekTo(4),
    'session.outputs': (_id, offset, limit) => {
      const all = [output(0), output(1), output(2)]
      return { total: all.length, offset, items: all.slice(offset as number, (offset as number) + (limit as number)) }
    },
    'session.outputTail': () => ({ total: 3, offset: 0, items: [output(0), output(1), output(2)], step: 3 }),
  })
  setClient(client)
  useEditorStore().load('/p/examples/job.ts', 'export default 1')
  useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
})

describe('time travel in the session store', () => {
  it('seek shows the reached step alone, and a finished run can travel back and step again', async () => {
    const s = useSessionStore()
    await s.start()
    client.answers['session.step'] = () => ({ steps: [view(9)], taken: 9, status: status(9, { finished: true }) })
    await s.run(true)
    expect(s.phase).toBe('finished')
    expect(s.furthest).toBe(9)
    await s.seek(3)
    expect(client.calls.at(-1)).toMatchObject({ name: 'session.seek', args: ['s1', 3] })
    expect(s.status?.step).toBe(3)
    expect(s.steps.map((x) => x.step)).toEqual([3])
    expect(s.phase).toBe('ready')
    expect(s.canStep).toBe(true)
    expect(s.furthest).toBe(9) // the slider keeps the whole run reached so far
    expect(s.lastSeek).toEqual({ millis: 1.5, fromSnapshot: 0 })
  })

  it('Go to step past the end says it went to the last step and why', async () => {
    const s = useSessionStore()
    await s.start()
    client.answers['session.seek'] = (_id, step) => seekTo(Math.min(step as number, 79), (step as number) >= 79)
    await s.seek(1000)
    expect(s.status?.step).toBe(79)
    expect(s.requestNote?.text).toBe('Went to step 79, the last step: the run ends there (step 1000 does not exist).')
    // A step inside the run leaves no note.
    await s.seek(5)
    expect(s.requestNote).toBe(null)
  })

  it('step back asks the session to step back; at step 0 there is no current step', async () => {
    const s = useSessionStore()
    await s.start()
    await s.stepBack()
    expect(client.calls.at(-1)?.name).toBe('session.stepBack')
    expect(s.status?.step).toBe(4)
    await s.seek(0)
    expect(s.steps).toEqual([])
  })

  it("Continue uses the 'continue' target, stops at a hit and re-takes that step to show its changes", async () => {
    const s = useSessionStore()
    await s.start()
    const hit = { id: 'bp1', kind: 'key' as const, step: 5, keyStr: '"u1"', detail: 'key "u1"' }
    client.answers['session.step'] = () => ({ steps: [view(5)], taken: 5, status: status(5), breakpointHit: hit })
    client.answers['session.seek'] = () => ({ ...seekTo(5), last: view(5, { changes: [{ operatorId: 'op', stateName: 'n', keyStr: '"u1"', key: 'u1', before: 1, after: 2 }] }) })
    await s.run(false)
    const stepCalls = client.calls.filter((c) => c.name === 'session.step')
    expect(stepCalls).toHaveLength(1)
    expect(stepCalls[0].args[1]).toEqual({ kind: 'continue' })
    expect(client.calls.at(-1)).toMatchObject({ name: 'session.seek', args: ['s1', 5] })
    expect(s.lastHit).toEqual(hit)
    expect(s.lastStep?.changes).toHaveLength(1)
    expect(s.phase).toBe('ready')
  })

  it('Run to end ignores breakpoints (target end)', async () => {
    const s = useSessionStore()
    await s.start()
    client.answers['session.step'] = () => ({ steps: [view(9)], taken: 9, status: status(9, { finished: true }) })
    await s.run(true)
    expect(client.calls.find((c) => c.name === 'session.step')?.args[1]).toEqual({ kind: 'end' })
  })

  it('a restart asks the service to keep the previous run\'s outputs, and compare names the two runs', async () => {
    const s = useSessionStore()
    await s.start()
    expect(s.previousRun).toBeNull()
    client.answers['session.close'] = (id, opts) => ((opts as { keepOutputs?: boolean } | undefined)?.keepOutputs ? { runId: id, outputs: 3 } : null)
    await s.restart()
    expect(client.calls.find((c) => c.name === 'session.close')?.args).toEqual(['s1', { keepOutputs: true }])
    expect(s.previousRun).toEqual({ runId: 's1', outputs: 3, jobPath: '/p/examples/job.ts', recordingPath: '/p/recordings/clicks-small.jsonl' })
    // The renderer never pages through the old run's outputs to carry them itself.
    expect(client.calls.filter((c) => c.name === 'session.outputs' || c.name === 'session.outputTail')).toEqual([])
    client.answers['session.compareOutputs'] = () => ({ added: [], removed: [output(2)], changed: [], unchanged: 2 })
    const insights = useInsightsStore()
    await insights.compare()
    const call = client.calls.find((c) => c.name === 'session.compareOutputs')!
    expect(call.args).toEqual(['s2', 's1'])
    expect(insights.comparison?.removed).toHaveLength(1)
  })

  it('a restart after the old session ended keeps the run kept before', async () => {
    const s = useSessionStore()
    client.answers['session.close'] = (id) => ({ runId: id, outputs: 1 })
    await s.start()
    await s.restart()
    client.emit('session.ended', { sessionId: 's2', reason: 'Stopped.', error: null })
    await s.restart()
    expect(s.previousRun).toEqual({ runId: 's1', outputs: 1, jobPath: '/p/examples/job.ts', recordingPath: '/p/recordings/clicks-small.jsonl' })
  })
})

describe('breakpoints store', () => {
  it('gives the whole list, with ids and enabled flags, to the session on each change', async () => {
    const s = useSessionStore()
    await s.start()
    const bps = useBreakpointsStore()
    const a = await bps.add({ kind: 'key', keyStr: '"u1"' })
    const b = await bps.add({ kind: 'event', expression: "event.type === 'buy'", log: 'event.page' })
    await bps.setEnabled(a, false)
    let sent = client.calls.filter((c) => c.name === 'session.setBreakpoints').at(-1)!.args[1] as BreakpointSpec[]
    expect(sent).toEqual([
      { id: a, kind: 'key', keyStr: '"u1"', enabled: false },
      { id: b, kind: 'event', expression: "event.type === 'buy'", log: 'event.page', enabled: true },
    ])
    expect(client.calls.some((c) => c.name === 'session.logpointHits' && c.args[1] === b)).toBe(true)
    await bps.remove(a)
    sent = client.calls.filter((c) => c.name === 'session.setBreakpoints').at(-1)!.args[1] as BreakpointSpec[]
    expect(sent.map((x) => x.id)).toEqual([b])
  })

  it('a new session gets the list before it is ready to step (the stores connected as the window connects them)', async () => {
    effectScope().run(() => connectStores())
    const bps = useBreakpointsStore()
    await bps.add({ kind: 'late' }) // no session yet: kept
    expect(client.calls.some((c) => c.name === 'session.setBreakpoints')).toBe(false)
    const s = useSessionStore()
    await s.start()
    const names = client.calls.map((c) => c.name)
    expect(names.indexOf('session.setBreakpoints')).toBeGreaterThan(names.indexOf('session.start'))
    expect(s.phase).toBe('ready')
  })

  it('a compile error in an expression is shown per breakpoint', async () => {
    await useSessionStore().start()
    client.answers['session.setBreakpoints'] = (_id, list) => (list as BreakpointSpec[]).map((b) => ({ id: b.id, ok: false, error: 'expression does not compile: x' }))
    const bps = useBreakpointsStore()
    const id = await bps.add({ kind: 'state', expression: 'count >' })
    expect(bps.statuses[id]).toEqual({ id, ok: false, error: 'expression does not compile: x' })
  })

  it('describes every kind in words', () => {
    const d = (b: NewBreakpoint): string => describeBreakpoint({ ...b, id: 'x' } as BreakpointSpec)
    expect(d({ kind: 'key', keyStr: '"u1"' })).toBe('key "u1"')
    expect(d({ kind: 'event', expression: 'e' })).toBe('event where e')
    expect(d({ kind: 'timer', domain: 'EVENT_TIME', keyStr: '"u1"' })).toBe('timer fires (event time) for key "u1"')
    expect(d({ kind: 'output', tag: null })).toBe('output (main only)')
    expect(d({ kind: 'output', tag: 'late' })).toBe('output tagged late')
    expect(d({ kind: 'late' })).toBe('late event (timestamp ≤ watermark)')
    expect(d({ kind: 'ttlExpiry', stateName: 'seen' })).toBe('TTL expiry of seen')
    expect(d({ kind: 'state', expression: 'count > 100' })).toBe('state where count > 100')
  })
})

describe('insights store', () => {
  it('asks history and timeline for the selected key, and "why?" opens the lineage tab', async () => {
    await useSessionStore().start()
    client.answers['session.keyHistory'] = (_id, op, key) => ({ operatorId: op, keyStr: key, entries: [] })
    client.answers['session.keyTimeline'] = (_id, op, key) => ({ operatorId: op, keyStr: key, events: [], timers: [], outputs: [], sessions: [], watermark: [] })
    client.answers['session.lineage'] = (_id, seq) => ({ output: output(seq as number), step: 1, kind: 'record', reads: [], writes: [] })
    const insights = useInsightsStore()
    await insights.loadHistory()
    expect(insights.history).toBeNull() // no key selected: nothing asked
    useInspectorStore().selected = { operatorId: 'op', keyStr: '"u1"' }
    await insights.loadHistory()
    await insights.loadTimeline()
    expect(client.calls.find((c) => c.name === 'session.keyHistory')?.args).toEqual(['s1', 'op', '"u1"'])
    expect(insights.timeline?.keyStr).toBe('"u1"')
    await insights.explainOutput(2)
    expect(insights.tab).toBe('lineage')
    expect(insights.lineage?.output.seq).toBe(2)
  })

  it('a failed answer is shown as an error, not thrown', async () => {
    await useSessionStore().start()
    client.answers['session.backendCheck'] = () => { throw new Error('LevelDB folder locked') }
    const insights = useInsightsStore()
    await insights.runBackendCheck()
    expect(insights.backendCheck).toBeNull()
    expect(insights.checking).toBe(false)
    expect(insights.error).toContain('LevelDB folder locked')
  })
})

describe('a time-travel request that cannot run at once', () => {
  it('is queued behind a run to end and runs when it finishes, saying so meanwhile', async () => {
    const s = useSessionStore()
    await s.start()
    let finish: () => void = () => {}
    client.answers['session.step'] = () => new Promise((ok) => {
      finish = () => ok({ steps: [view(9)], taken: 9, status: status(9, { finished: true }) })
    })
    const running = s.run(true)
    await Promise.resolve()
    const going = s.seek(5)
    await Promise.resolve()
    expect(s.requestNote).toMatchObject({ kind: 'queued', text: expect.stringContaining('Go to step 5') })
    expect(client.calls.some((c) => c.name === 'session.seek')).toBe(false)
    finish()
    await running
    await going
    expect(client.calls.at(-1)).toMatchObject({ name: 'session.seek', args: ['s1', 5] })
    expect(s.status?.step).toBe(5)
    expect(s.requestNote).toBeNull()
  })

  it('is refused with the reason when there is no session', async () => {
    const s = useSessionStore()
    await s.seek(3)
    expect(s.requestNote).toEqual({ kind: 'refused', text: 'Go to step 3 was not done: there is no session: Start one first.' })
    expect(client.calls.some((c) => c.name === 'session.seek')).toBe(false)
  })
})
