// The code-level debugger in the renderer's stores: after each step the step's trace is read and drives the
// editor's marks (ran lines, current line, inline values) and the inspector follows the step's key unless one is
// pinned; picking a call moves the current line and the cursor; a line breakpoint's hit and a throw set the current
// line; after a failure time travel still works; the Problems list jumps to a finding's step, key and line; gutter
// breakpoints go to the session as kind 'line', are kept per job path in the app's storage and follow moved lines.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EffectScope } from 'vue'
import type { BreakpointSpec, SeekResult } from '../../../src-main/common/debug-api'
import type { FailureView, FindingView, StepTrace, TraceEntry } from '../../../src-main/common/trace-api'
import { RiffleError } from '../../../src-main/common/errors'
import { useBreakpointsStore } from '../../../src-renderer/src/stores/breakpoints'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useFindingsStore } from '../../../src-renderer/src/stores/findings'
import { useInspectorStore } from '../../../src-renderer/src/stores/inspector'
import { loadLineBreakpoints } from '../../../src-renderer/src/stores/line-breakpoint-storage'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { useTraceStore } from '../../../src-renderer/src/stores/trace'
import { connectedStores } from '../connected-stores'
import { status, type FakeClient } from '../fake-client'
import { findingsThrough, oneStep, settle, startedSession, stepView } from './step-answers'

const JOB = '/p/examples/sessionizer-seed.ts'
const T = 1708848090000
let client: FakeClient
let step = 0
let scope: EffectScope

const where = (line: number) => ({ file: JOB, line })
const base = (index: number, line: number, call: string, result: string) =>
  ({ index, operatorId: 'op', keyStr: '"u1"', where: where(line), call, result })
/** What the seed sessionizer does for u1's second event (step 3). */
function seedTrace(s: number, key = '"u1"'): StepTrace {
  const entries: TraceEntry[] = [
    { ...base(0, 26, 'ctx.timestamp()', `→ ${T}`), kind: 'timeRead', read: 'timestamp', value: T },
    { ...base(1, 28, 'session_start.value()', '→ 1708848000000'), kind: 'stateRead', stateName: 'session_start', method: 'value', args: [], value: 1708848000000 },
    { ...base(2, 33, 'event_count.value()', '→ 1'), kind: 'stateRead', stateName: 'event_count', method: 'value', args: [], value: 1 },
    { ...base(3, 33, 'event_count.update(2)', '1 → 2'), kind: 'stateWrite', stateName: 'event_count', method: 'update', args: [2], before: 1, after: 2 },
    { ...base(4, 35, `deleteEventTimeTimer(${T})`, 'nothing deleted'), kind: 'timerDelete', domain: 'EVENT_TIME', timestamp: T, deleted: false },
    { ...base(5, 36, `registerEventTimeTimer(${T + 1_800_000})`, 'registered'), kind: 'timerRegister', domain: 'EVENT_TIME', timestamp: T + 1_800_000, alreadyPending: false },
  ]
  return {
    step: s, kind: 'record', operatorId: 'op', keyStr: key, watermark: T - 5000, watermarkBefore: T - 5000, processingTime: T, entries,
    lines: [26, 28, 33, 35, 36], outputs: [], findings: [],
  }
}
const seekTo = (s: number): SeekResult => ({ status: status(s), last: s === 0 ? null : stepView(s), millis: 1, fromSnapshot: 0 })
const finding: FindingView = {
  kind: 'noOpTimerDelete', severity: 'warning', file: JOB, line: 35, message: 'deleteEventTimeTimer(t) found no timer at t: nothing was deleted',
  count: 3, firstStep: 1, firstKey: '"u1"', operatorId: 'op',
}
const traceCalls = (): unknown[][] => client.calls.filter((c) => c.name === 'session.trace').map((c) => c.args)

beforeEach(() => {
  localStorage.clear()
  step = 0
  ;({ client, scope } = connectedStores({
    'session.step': () => oneStep(++step),
    'session.seek': (_id, s) => { step = s as number; return seekTo(step) },
    'session.trace': (_id, s) => seedTrace(s as number, s === 2 ? '"u2"' : '"u1"'),
    'session.findings': () => findingsThrough(step, [finding]),
    'session.keyState': (_id, op, key) => ({ operatorId: op, keyStr: key, keyGroup: 0, states: [], timers: [] }),
  }, JOB))
})
// Each test's watchers end with it (the next test has new stores).
afterEach(() => scope.stop())

describe('the step trace follows execution', () => {
  it('after a step the trace of that step is read; its lines, current line and inline values go to the editor', async () => {
    const s = await startedSession()
    await s.step()
    await settle()
    expect(traceCalls()).toEqual([['s1', 1]])
    const marks = useTraceStore().marks!
    expect(marks.lines).toEqual([26, 28, 33, 35, 36])
    expect(marks.current).toBe(36) // the step's last call
    expect(marks.hints.find((h) => h.line === 35)?.text).toBe('nothing deleted')
    expect(marks.hints.find((h) => h.line === 33)?.text).toBe('value: → 1 · update: 1 → 2')
  })

  it('a trace the watchdog stopped says the step ran and the session is where it was, not that the run was stopped', async () => {
    const s = await startedSession()
    client.answers['session.trace'] = () => {
      throw new RiffleError('JOB_TIMEOUT', 'the job\'s code did not return within 5000 ms while processing clicks.jsonl:1; it was at job.ts:16:3 (in processElement); the run was stopped (an endless loop?)')
    }
    await s.step()
    await settle()
    const tr = useTraceStore()
    expect(tr.error).toContain('Tracing step 1 took longer than the watchdog allows')
    expect(tr.error).toContain('the session is still at step 1')
    expect(tr.error).not.toContain('the run was stopped')
    expect(s.phase).toBe('ready')
  })

  it('without a trace (it failed) the inspector still follows the step: the key its changes name', async () => {
    const s = await startedSession()
    client.answers['session.trace'] = () => { throw new RiffleError('JOB_TIMEOUT', 'the job\'s code did not return within 5000 ms') }
    client.answers['session.step'] = () => {
      step++
      const change = { operatorId: 'op', keyStr: '"u7"', stateName: 'm', key: 'u7', before: undefined, after: 1 }
      return { steps: [{ ...stepView(step), changes: [change], touchedKeys: ['"u7"'] }], taken: 1, status: status(step) }
    }
    await s.step()
    await settle()
    expect(useTraceStore().error).not.toBeNull()
    expect(useInspectorStore().selected).toEqual({ operatorId: 'op', keyStr: '"u7"' })
  })

  it('a trace lost with the connection settles without an error thrown into the page when the step\'s key cannot be read either', async () => {
    const s = await startedSession()
    const change = { operatorId: 'op', keyStr: '"u7"', stateName: 'm', key: 'u7', before: undefined, after: 1 }
    client.answers['session.step'] = () => ({ steps: [{ ...stepView(++step), changes: [change], touchedKeys: ['"u7"'] }], taken: 1, status: status(step) })
    await s.step()
    await settle()
    // The socket closes: every read fails with the reason (the connection-lost banner says it once).
    const lost = (): never => { throw new RiffleError('INTERNAL', 'The connection to the Riffle service closed (4000: chaos test).') }
    client.answers['session.trace'] = client.answers['session.keyState'] = lost
    useInspectorStore().selected = null
    await expect(useTraceStore().refresh()).resolves.toBeUndefined()
    expect(useTraceStore().error).toContain('connection to the Riffle service closed')
  })

  it('selects the step\'s key in the inspector unless the user pinned one', async () => {
    const s = useSessionStore()
    const ins = useInspectorStore()
    await s.start()
    await s.step()
    await settle()
    expect(ins.selected).toEqual({ operatorId: 'op', keyStr: '"u1"' })
    useTraceStore().togglePin()
    await s.step() // step 2 is u2's
    await settle()
    expect(useTraceStore().trace?.keyStr).toBe('"u2"')
    expect(ins.selected).toEqual({ operatorId: 'op', keyStr: '"u1"' })
    useTraceStore().togglePin()
    await s.step()
    await s.seek(2)
    await settle()
    expect(ins.selected).toEqual({ operatorId: 'op', keyStr: '"u2"' })
  })

  it('while the next step\'s trace loads, the last one\'s error is gone: the tab says it is tracing', async () => {
    const s = await startedSession()
    const answer = client.answers['session.trace']!
    client.answers['session.trace'] = () => { throw new RiffleError('JOB_TIMEOUT', 'the job\'s code did not return within 5000 ms') }
    await s.step()
    await settle()
    const tr = useTraceStore()
    expect(tr.error).not.toBeNull()
    const held: Array<() => void> = []
    client.answers['session.trace'] = (id, at) => new Promise((ok) => held.push(() => ok(answer(id, at))))
    await s.step()
    await settle()
    expect(held).toHaveLength(1)
    expect(tr.loading).toBe(true)
    expect(tr.error).toBeNull()
    held.shift()!()
    await settle()
    expect(tr.trace?.step).toBe(2)
  })

  it('a key the user clicked while the step\'s trace was loading stays selected', async () => {
    const s = useSessionStore()
    const ins = useInspectorStore()
    await s.start()
    const held: Array<() => void> = []
    const answer = client.answers['session.trace']!
    client.answers['session.trace'] = (id, at) => new Promise((ok) => held.push(() => ok(answer(id, at))))
    await s.step()
    await settle()
    expect(held).toHaveLength(1)
    // The trace of step 1 (u1's) is slow; the user clicks an output of u3 meanwhile.
    await ins.selectKey('op', '"u3"')
    held.shift()!()
    await settle()
    expect(useTraceStore().trace?.step).toBe(1)
    expect(ins.selected).toEqual({ operatorId: 'op', keyStr: '"u3"' })
  })

  it('step back and seek re-read the trace of the step reached; step 0 has none', async () => {
    const s = await startedSession()
    await s.step()
    await s.step()
    await s.step()
    await settle()
    await s.seek(1)
    await settle()
    expect(traceCalls().at(-1)).toEqual(['s1', 1])
    expect(useTraceStore().trace?.step).toBe(1)
    await s.seek(0)
    await settle()
    expect(useTraceStore().trace).toBeNull()
    expect(useTraceStore().marks).toBeNull()
  })

  it('picking a call makes its line current and puts the cursor there', async () => {
    const s = await startedSession()
    await s.step()
    await settle()
    const tr = useTraceStore()
    tr.pick(4)
    expect(tr.currentLine).toBe(35)
    expect(useEditorStore().cursor?.line).toBe(35)
  })

  it('a line breakpoint that stopped Continue makes its line the current one', async () => {
    const s = await startedSession()
    const bps = useBreakpointsStore()
    await bps.toggleLine(33)
    const id = bps.lineBreakpoints[0]!.id
    client.answers['session.step'] = () => { step = 3; return { steps: [stepView(3)], taken: 3, status: status(3), breakpointHit: { id, kind: 'line', step: 3, keyStr: '"u1"', detail: 'line 33' } } }
    await s.run(false)
    await settle()
    expect(s.lastHit?.id).toBe(id)
    expect(useTraceStore().currentLine).toBe(33)
  })

  it('traces are not read while running, only once the run stops', async () => {
    const s = await startedSession()
    let calls = 0
    client.answers['session.step'] = async () => {
      calls++
      step += 100
      await new Promise((r) => setTimeout(r, 2))
      if (calls === 3) s.pause()
      return { steps: [stepView(step)], taken: 100, status: status(step) }
    }
    await s.run(false)
    await settle()
    await new Promise((r) => setTimeout(r, 300))
    expect(traceCalls()).toEqual([['s1', 300]])
  })
})

describe('a failed step keeps its context', () => {
  it('after a throw the failing step\'s trace ends at the throwing line, and time travel still works', async () => {
    const s = await startedSession()
    await s.step()
    await settle()
    const thrown = { code: 'JOB_THREW' as const, message: 'boom', where: { file: JOB, line: 36, column: 5 } }
    const failing: StepTrace = { ...seedTrace(2, '"u2"'), entries: seedTrace(2).entries.slice(0, 5), error: thrown }
    const failure: FailureView = { step: 2, error: thrown, where: { file: JOB, line: 36 }, trace: failing }
    client.answers['session.step'] = () => ({ steps: [], taken: 0, status: status(1), failure })
    client.answers['session.status'] = () => status(1)
    client.answers['session.failure'] = () => failure
    await s.step()
    await settle()
    expect(s.phase).toBe('failed')
    expect(useEditorStore().error?.kind).toBe('runtime')
    const tr = useTraceStore()
    expect(tr.failure?.step).toBe(2)
    expect(tr.trace?.step).toBe(2)
    expect(tr.trace?.entries).toHaveLength(5)
    expect(tr.currentLine).toBe(36)
    expect(useInspectorStore().selected).toEqual({ operatorId: 'op', keyStr: '"u2"' }) // the failing step's key
    expect(s.canSeek).toBe(true)
    await s.seek(1)
    await settle()
    expect(s.phase).toBe('ready')
    expect(tr.trace?.step).toBe(1)
  })
})

describe('a failed step keeps its context (the step call rejects)', () => {
  it('the session\'s failure gives the failing step\'s trace, and step back leaves it', async () => {
    const s = await startedSession()
    await s.step()
    await settle()
    const thrown = { code: 'JOB_THREW' as const, message: 'boom', where: { file: JOB, line: 33, column: 5 } }
    const failure: FailureView = { step: 2, error: thrown, where: { file: JOB, line: 33 }, trace: { ...seedTrace(2, '"u2"'), entries: seedTrace(2).entries.slice(0, 3), error: thrown } }
    client.answers['session.step'] = () => { throw RiffleError.fromInfo(thrown) }
    client.answers['session.status'] = () => status(2)
    client.answers['session.failure'] = () => failure
    await s.step()
    await settle()
    expect(s.phase).toBe('failed')
    const tr = useTraceStore()
    expect(tr.trace?.step).toBe(2)
    expect(tr.trace?.error?.message).toBe('boom')
    expect(tr.currentLine).toBe(33)
    client.answers['session.stepBack'] = () => { step = 1; return seekTo(1) }
    await s.stepBack()
    await settle()
    expect(s.phase).toBe('ready')
    expect(tr.trace?.step).toBe(1)
  })
})

describe('Problems', () => {
  it('lists the session\'s findings and a click goes to the first step, its key and its line', async () => {
    const s = await startedSession()
    await s.step()
    await s.step()
    await s.step()
    await settle()
    const fs = useFindingsStore()
    expect(fs.list).toEqual([finding])
    expect(fs.warnings).toBe(1)
    expect(fs.inEditor).toHaveLength(1)
    await fs.goTo(finding)
    await settle()
    expect(client.calls.filter((c) => c.name === 'session.seek').at(-1)?.args).toEqual(['s1', 1])
    expect(useInspectorStore().selected).toEqual({ operatorId: 'op', keyStr: '"u1"' })
    expect(useEditorStore().cursor?.line).toBe(35)
  })

  it('a finding in another file than the editor\'s job has no squiggle there', async () => {
    client.answers['session.findings'] = () => ({ enabled: true, findings: [finding, { ...finding, file: '/p/examples/lib.ts', line: 3 }], throughStep: 1 })
    await useSessionStore().start()
    await useSessionStore().step()
    await settle()
    expect(useFindingsStore().list).toHaveLength(2)
    expect(useFindingsStore().inEditor.map((f) => f.line)).toEqual([35])
  })
})

describe('gutter breakpoints', () => {
  const sent = (): BreakpointSpec[] => client.calls.filter((c) => c.name === 'session.setBreakpoints').at(-1)!.args[1] as BreakpointSpec[]

  // First in this block: after tests that started sessions, a later load() in the same file did not reach the
  // path watcher (old stores from earlier tests; one pinia, as in the app, swaps correctly).
  it('are kept in the app\'s storage by job path, come back for that job and not for another', async () => {
    const bps = useBreakpointsStore()
    await bps.toggleLine(41)
    await bps.editLine(35, { log: 'key' })
    expect(loadLineBreakpoints(JOB)).toEqual([{ line: 41, enabled: true }, { line: 35, enabled: true, log: 'key' }])
    useEditorStore().load('/p/examples/other.ts', 'x')
    await settle()
    expect(bps.lineBreakpoints).toEqual([])
    useEditorStore().load(JOB, 'export default 1')
    await settle()
    expect(bps.lineBreakpoints.map((b) => [b.line, b.log])).toEqual([[41, undefined], [35, 'key']])
  })

  it('a gutter click adds a line breakpoint (sent to the session as kind line), a second click removes it', async () => {
    await useSessionStore().start()
    const bps = useBreakpointsStore()
    await bps.toggleLine(41)
    expect(sent()).toEqual([{ id: bps.lineBreakpoints[0]!.id, kind: 'line', line: 41, enabled: true }])
    await bps.toggleLine(41)
    expect(sent()).toEqual([])
  })

  it('a condition and a log message can be added, and they are kept with the line', async () => {
    await useSessionStore().start()
    const bps = useBreakpointsStore()
    await bps.toggleLine(33)
    await bps.editLine(33, { condition: "key === 'u1'" })
    await bps.editLine(33, { log: 'event_count' })
    expect(sent()).toEqual([{ id: bps.lineBreakpoints[0]!.id, kind: 'line', line: 33, enabled: true, condition: "key === 'u1'", log: 'event_count' }])
    await bps.editLine(33, { condition: '' })
    expect(sent()[0]).not.toHaveProperty('condition')
  })

  it('follow the lines Monaco\'s decorations tracked through an edit, and save them', async () => {
    await useSessionStore().start()
    const bps = useBreakpointsStore()
    await bps.toggleLine(41)
    const id = bps.lineBreakpoints[0]!.id
    await bps.moveLines({ [id]: 43 })
    expect(sent()[0]).toMatchObject({ kind: 'line', line: 43 })
    expect(loadLineBreakpoints(JOB)).toEqual([{ line: 43, enabled: true }])
  })

  it('bad stored data is ignored, not thrown', () => {
    localStorage.setItem('riffle.lineBreakpoints', JSON.stringify({ [JOB]: { at: 1, list: [{ line: 'x' }, { line: 4, enabled: true }] } }))
    expect(loadLineBreakpoints(JOB)).toEqual([{ line: 4, enabled: true }])
    localStorage.setItem('riffle.lineBreakpoints', '{not json')
    expect(loadLineBreakpoints(JOB)).toEqual([])
  })
})
