// The time-travel and breakpoint views: the breakpoint form builds each kind from its fields (and a logpoint from a log
// expression), the history's "break when written" adds a state breakpoint for that key and value (the key timeline's
// chart is in test/src-renderer/charts/timeline-option.test.ts).
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { BreakpointSpec } from '../../../src-main/common/debug-api'
import { setClient } from '../../../src-renderer/src/client'
import BreakpointsPanel from '../../../src-renderer/src/components/BreakpointsPanel.vue'
import HistoryPanel from '../../../src-renderer/src/components/HistoryPanel.vue'
import MessagesPanel from '../../../src-renderer/src/components/MessagesPanel.vue'
import StepPanel from '../../../src-renderer/src/components/StepPanel.vue'
import TimeTravelBar from '../../../src-renderer/src/components/TimeTravelBar.vue'
import { useBreakpointsStore } from '../../../src-renderer/src/stores/breakpoints'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useInspectorStore } from '../../../src-renderer/src/stores/inspector'
import { useMessagesStore } from '../../../src-renderer/src/stores/messages'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient, status } from '../fake-client'

const T = 1708848000000
beforeEach(() => {
  localStorage.clear() // the breakpoint list is remembered there
  setActivePinia(createPinia())
  setClient(fakeClient({
    'session.keyHistory': (_id, op, key) => ({ operatorId: op, keyStr: key, entries: [
      { step: 1, kind: 'record', stateAfter: { session_start: T }, changes: [{ operatorId: 'op', stateName: 'session_start', keyStr: key as string, key: 'u1', before: undefined, after: T }] },
    ] }),
  }))
})

describe('BreakpointsPanel', () => {
  it('adds a timer breakpoint with domain and key, and a logpoint from an event predicate', async () => {
    const w = mount(BreakpointsPanel)
    await w.find('[data-testid=bp-kind]').setValue('timer')
    await w.find('[data-testid=bp-domain]').setValue('EVENT_TIME')
    await w.find('[data-testid=bp-key]').setValue('"u1"')
    await w.find('[data-testid=bp-form]').trigger('submit')
    await flushPromises()
    await w.find('[data-testid=bp-kind]').setValue('event')
    await w.find('[data-testid=bp-expression]').setValue("event.user_id === 'u1'")
    await w.find('[data-testid=bp-log]').setValue('event.type')
    expect(w.find('[data-testid=bp-add]').text()).toBe('Add logpoint')
    await w.find('[data-testid=bp-form]').trigger('submit')
    await flushPromises()
    const list = useBreakpointsStore().list.map(({ id: _id, ...rest }) => rest)
    expect(list).toEqual([
      { kind: 'timer', domain: 'EVENT_TIME', keyStr: '"u1"', enabled: true },
      { kind: 'event', expression: "event.user_id === 'u1'", log: 'event.type', enabled: true },
    ])
    expect(w.findAll('[data-testid=bp-row]').map((r) => r.text())).toEqual([
      expect.stringContaining('timer fires (event time) for key "u1"'),
      expect.stringContaining("event where event.user_id === 'u1' → log event.type"),
    ])
  })

  it('an output breakpoint: "main" means the main output only, empty means any', async () => {
    const w = mount(BreakpointsPanel)
    await w.find('[data-testid=bp-kind]').setValue('output')
    await w.find('[data-testid=bp-tag]').setValue('main')
    await w.find('[data-testid=bp-form]').trigger('submit')
    await flushPromises()
    expect((useBreakpointsStore().list[0] as Extract<BreakpointSpec, { kind: 'output' }>).tag).toBeNull()
  })
})

describe('HistoryPanel', () => {
  it('"break when written" adds a state breakpoint for that key and value', async () => {
    useInspectorStore().selected = { operatorId: 'op', keyStr: '"u1"' }
    // The panel loads history only for a live session.
    const { useSessionStore } = await import('../../../src-renderer/src/stores/session')
    useSessionStore().sessionId = 's1'
    const w = mount(HistoryPanel)
    await flushPromises()
    expect(w.findAll('[data-testid=history-row]')).toHaveLength(1)
    expect(w.find('.bar').text()).toMatch(/· 1 step changed it$/) // not "1 steps"
    await w.find('[data-change=session_start] [data-testid=history-break]').trigger('click')
    await flushPromises()
    expect(useBreakpointsStore().list[0]).toMatchObject({ kind: 'state', operatorId: 'op', expression: `key === "u1" && session_start === ${T}` })
  })

  // The click changed nothing in sight (the breakpoint went to a tab not shown), so it read as a dead button, and a
  // second click added the same breakpoint again.
  it('"break when written" says what it added, and a second click adds no copy', async () => {
    useInspectorStore().selected = { operatorId: 'op', keyStr: '"u1"' }
    useSessionStore().sessionId = 's1'
    const w = mount(HistoryPanel)
    await flushPromises()
    const button = w.find('[data-change=session_start] [data-testid=history-break]')
    await button.trigger('click')
    await flushPromises()
    const said = useMessagesStore().toasts.map((m) => m.text)
    expect(said).toEqual([`Breakpoint added (Breakpoints tab): state where key === "u1" && session_start === ${T}. Continue (F5) stops where this value is written.`])
    await button.trigger('click')
    await flushPromises()
    expect(useBreakpointsStore().list).toHaveLength(1)
    expect(useMessagesStore().toasts.at(-1)!.text).toBe(`That breakpoint is already set (Breakpoints tab): state where key === "u1" && session_start === ${T}.`)
  })
})

describe('a TTL refresh (only the stamps changed)', () => {
  const refresh = { operatorId: 'op', stateName: 'seen', keyStr: '"u1"', key: 'u1', before: true, after: true, ttlRefreshed: { expiresAt: T + 3_600_000 } }

  it('reads "TTL refreshed, value unchanged" with the new expiry in the history, never true → true', async () => {
    setClient(fakeClient({
      'session.keyHistory': (_id, op, key) => ({ operatorId: op, keyStr: key, entries: [
        { step: 4, kind: 'record', stateAfter: { seen: true }, changes: [refresh] },
      ] }),
    }))
    useInspectorStore().selected = { operatorId: 'op', keyStr: '"u1"' }
    useSessionStore().sessionId = 's1'
    const w = mount(HistoryPanel)
    await flushPromises()
    const cell = w.find('[data-change=seen]').text()
    expect(cell).toContain('TTL refreshed, value unchanged: true')
    expect(cell).toContain('expires at 1708851600000 (2024-02-25T09:00:00.000Z)')
    expect(cell).not.toContain('→')
    // No "break when written": nothing was written.
    expect(w.find('[data-change=seen] [data-testid=history-break]').exists()).toBe(false)
  })

  it('reads the same in the current step', async () => {
    const s = useSessionStore()
    s.sessionId = 's1'
    s.steps = [{ step: 4, kind: 'record', outputs: [], changes: [refresh], touchedKeys: ['"u1"'], watermark: T, processingTime: T }]
    const step = mount(StepPanel)
    await flushPromises()
    expect(step.text()).toContain('state seen of "u1": TTL refreshed, value unchanged: true')
    expect(step.text()).not.toMatch(/true\s*→\s*true/)
  })
})

describe('MessagesPanel', () => {
  it('counts one message as "1 message"', async () => {
    useMessagesStore().report('error', 'the job does not compile', { source: 'session', toast: false })
    const w = mount(MessagesPanel)
    await flushPromises()
    expect(w.find('.bar').text()).toMatch(/^1 message\b/)
    useMessagesStore().report('info', 'another', { source: 'session', toast: false })
    await flushPromises()
    expect(w.find('.bar').text()).toMatch(/^2 messages\b/)
  })
})

describe('TimeTravelBar: Go to step', () => {
  async function bar(finishedAt: number | null): Promise<{ w: ReturnType<typeof mount>; client: ReturnType<typeof fakeClient> }> {
    const client = fakeClient({ 'session.seek': (_id, n) => ({ status: status(n as number), last: null, millis: 1, fromSnapshot: false }) })
    setClient(client)
    const s = useSessionStore()
    s.sessionId = 's1'
    s.phase = finishedAt === null ? 'ready' : 'finished'
    if (finishedAt !== null) s.status = status(finishedAt, { finished: true })
    s.status = status(5)
    s.furthest = finishedAt ?? 5
    const w = mount(TimeTravelBar)
    await flushPromises()
    return { w, client }
  }
  const go = async (w: ReturnType<typeof mount>, typed: string): Promise<void> => {
    await w.find('[data-testid=goto-step]').setValue(typed)
    await w.find('form').trigger('submit')
    await flushPromises()
  }

  it('-5 and 3.7 are refused inline with the allowed range, without moving (no browser validation bubble)', async () => {
    const { w, client } = await bar(40)
    expect(w.find('form').attributes('novalidate')).toBeDefined()
    await go(w, '-5')
    expect(w.find('[data-testid=request-note]').text()).toBe('Go to step: -5 is not a step; type a whole number from 0 to 40.')
    expect(w.find('[data-testid=goto-step]').attributes('aria-invalid')).toBe('true')
    await go(w, '3.7')
    expect(w.find('[data-testid=request-note]').text()).toBe('Go to step: 3.7 is not a step; type a whole number from 0 to 40.')
    expect(client.calls.filter((c) => c.name === 'session.seek')).toEqual([])
  })

  it('a step past the end of a run that reached its end is refused, naming the last step; a step in range goes', async () => {
    const { w, client } = await bar(40)
    await go(w, '41')
    expect(w.find('[data-testid=request-note]').text()).toBe('Go to step: 41 is past the end; the run ends at step 40 (type 0 to 40).')
    expect(client.calls.filter((c) => c.name === 'session.seek')).toEqual([])
    await go(w, '12')
    expect(client.calls.filter((c) => c.name === 'session.seek').map((c) => c.args[1])).toEqual([12])
    expect(w.find('[data-testid=goto-step]').attributes('aria-invalid')).toBeUndefined()
  })

  it('a refusal is about that request: the next step that succeeds takes it away (it hid the breakpoint hit beside it)', async () => {
    const { w, client } = await bar(null)
    client.answers['session.step'] = () => ({ steps: [{ step: 6, kind: 'record', outputs: [], changes: [], touchedKeys: [], watermark: 0, processingTime: 0 }], taken: 1, status: status(6) })
    await go(w, '-5')
    expect(w.find('[data-testid=request-note]').exists()).toBe(true)
    await useSessionStore().step('step')
    await flushPromises()
    expect(w.find('[data-testid=request-note]').exists()).toBe(false)
  })

  it('after a Restart the box is empty: the number typed for the previous run is not this run\'s position', async () => {
    const { w, client } = await bar(40)
    await go(w, '12')
    await go(w, '99')
    expect(w.find('[data-testid=goto-step]').attributes('aria-invalid')).toBe('true')
    client.answers['session.close'] = () => undefined
    client.answers['session.start'] = () => ({ sessionId: 's2', secret: 'sec2', status: status(0), operators: [] })
    useEditorStore().load('/p/examples/job.ts', 'export default 1')
    useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
    await useSessionStore().restart()
    await flushPromises()
    const box = w.find<HTMLInputElement>('[data-testid=goto-step]')
    expect(box.element.value).toBe('')
    expect(box.attributes('aria-invalid')).toBeUndefined()
    expect(w.find('[data-testid=timeline-pos]').text()).toBe('step 0 / 0')
  })

  it('before the end is known, a step ahead runs forward to it, and a bad one names the range as 0 or more', async () => {
    const { w, client } = await bar(null)
    await go(w, '-1')
    expect(w.find('[data-testid=request-note]').text()).toBe('Go to step: -1 is not a step; type a whole number, 0 or more.')
    await go(w, '300')
    expect(client.calls.filter((c) => c.name === 'session.seek').map((c) => c.args[1])).toEqual([300])
  })
})

describe('TimeTravelBar: the breakpoint hit', () => {
  /** A breakpoint of any kind, without its id (Omit over each member of the union, not over the union). */
  type Spec = BreakpointSpec extends infer B ? (B extends unknown ? Omit<B, 'id'> : never) : never
  async function hitOf(spec: Spec, keyStr: string | null, detail = ''): Promise<string> {
    const bp = useBreakpointsStore()
    bp.list = [{ id: 'bp1', ...spec } as BreakpointSpec]
    const s = useSessionStore()
    s.lastHit = { id: 'bp1', kind: spec.kind, step: 5, keyStr, detail }
    const w = mount(TimeTravelBar)
    await flushPromises()
    return w.find('[data-testid=breakpoint-hit]').text()
  }

  it('names the key once when the breakpoint names it (it read "key "u2" · key "u2"")', async () => {
    expect(await hitOf({ kind: 'key', keyStr: '"u2"' }, '"u2"')).toBe('● Breakpoint hit at step 5: key "u2"')
    expect(await hitOf({ kind: 'timer', keyStr: '"u1"' }, '"u1"')).toBe('● Breakpoint hit at step 5: timer fires for key "u1"')
  })

  it('names the key of the step when the breakpoint does not (any key, or a key it names only as a prefix)', async () => {
    expect(await hitOf({ kind: 'timer' }, '"u1"')).toBe('● Breakpoint hit at step 5: timer fires · key "u1"')
    expect(await hitOf({ kind: 'state', expression: 'event_count > 3' }, '1')).toBe('● Breakpoint hit at step 5: state where event_count > 3 · key 1')
    expect(await hitOf({ kind: 'timer', keyStr: '10' }, '1')).toBe('● Breakpoint hit at step 5: timer fires for key 10 · key 1')
  })
})
