// The key view shows every descriptor's entries with TTL stamps (raw and ISO, expired-not-cleaned marked),
// the pending timers with how far ahead they are, and highlights the states the last step changed.
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import KeyDetail from '../../../src-renderer/src/components/KeyDetail.vue'
import { useInspectorStore } from '../../../src-renderer/src/stores/inspector'
import { useSessionStore } from '../../../src-renderer/src/stores/session'

const T = 1708848000000

beforeEach(() => { setActivePinia(createPinia()) })

describe('KeyDetail', () => {
  it('shows value, list and map states with TTL stamps and two pending timers', () => {
    const ins = useInspectorStore()
    ins.selected = { operatorId: 'op', keyStr: '"u1"' }
    ins.keyState = {
      operatorId: 'op', key: 'u1', keyStr: '"u1"', keyGroup: 113,
      states: [
        { operatorId: 'op', name: 'session_start', kind: 'value', typeLabel: 'LONG', ttl: null, entries: [{ entryKey: null, value: T, ttl: null }] },
        { operatorId: 'op', name: 'seen', kind: 'map', typeLabel: 'MAP<STRING, BOOLEAN>',
          ttl: { ttlMillis: 3_600_000, updateType: 'OnCreateAndWrite', stateVisibility: 'NeverReturnExpired', timeCharacteristic: 'ProcessingTime', cleanup: 'full snapshot' },
          entries: [{ entryKey: 'e1', value: true, ttl: { lastAccess: T, expiresAt: T + 3_600_000, expired: true } }] },
        { operatorId: 'op', name: 'recent', kind: 'list', typeLabel: 'LIST<STRING>', ttl: null, entries: [{ entryKey: 0, value: 'a', ttl: null }, { entryKey: 1, value: 'b', ttl: null }] },
      ],
      timers: [
        { operatorId: 'op', key: 'u1', keyStr: '"u1"', domain: 'EVENT_TIME', timestamp: T + 1_800_000, aheadBy: 1_715_000 },
        { operatorId: 'op', key: 'u1', keyStr: '"u1"', domain: 'EVENT_TIME', timestamp: T + 1_890_000, aheadBy: 1_805_000 },
      ],
    }
    useSessionStore().steps = [{ step: 3, kind: 'record', outputs: [], touchedKeys: ['"u1"'], watermark: 0, processingTime: 0,
      changes: [{ operatorId: 'op', stateName: 'recent', keyStr: '"u1"', key: 'u1', before: ['a'], after: ['a', 'b'] }] }]
    const w = mount(KeyDetail)
    const text = w.text()
    expect(w.find('[data-testid=selected-key]').text()).toBe('"u1"')
    // A time-valued state reads as its number and, beside it, its readable time.
    expect(w.find('[data-state=session_start] [data-testid=state-value]').text()).toMatch(/^1708848000000 2024-02-25T08:00:00.000Z/)
    expect(text).toContain('expired, not yet cleaned')
    expect(text).toContain('2024-02-25T09:00:00.000Z')
    expect(w.findAll('[data-testid=key-timers] tbody tr')).toHaveLength(2)
    expect(text).toContain('+28m 35s')
    expect(text).toContain('2024-02-25T08:30:00.000Z')
    expect(w.find('[data-state=recent]').classes()).toContain('changed')
    expect(w.find('[data-state=session_start]').classes()).not.toContain('changed')
    expect(text).toContain('changed in step 3')
  })

  // Seeked back before a pinned key's first record, the detail showed the key with "No state stored" and "No pending
  // timers", as if it existed: it says the key does not exist at this step, and shows its state again once it does.
  it('says a key the run has not reached at this step does not exist there, and shows it again once it does', async () => {
    const ins = useInspectorStore()
    const session = useSessionStore()
    ins.selected = { operatorId: 'op', keyStr: '"u2"' }
    session.status = { step: 1 } as typeof session.status
    ins.keyState = { operatorId: 'op', key: 'u2', keyStr: '"u2"', keyGroup: 7, states: [], timers: [], notReached: true }
    const w = mount(KeyDetail)
    expect(w.find('[data-testid=key-not-reached]').text()).toContain('Key "u2" does not exist at step 1')
    expect(w.text()).not.toContain('No pending timers')
    expect(w.find('[data-testid=pin-key]').exists()).toBe(true) // it can still be unpinned
    session.status = { step: 2 } as typeof session.status
    ins.keyState = { operatorId: 'op', key: 'u2', keyStr: '"u2"', keyGroup: 7, timers: [],
      states: [{ operatorId: 'op', name: 'n', kind: 'value', typeLabel: 'LONG', ttl: null, entries: [{ entryKey: null, value: 1, ttl: null }] }] }
    await w.vm.$nextTick()
    expect(w.find('[data-testid=key-not-reached]').exists()).toBe(false)
    expect(w.find('[data-state=n] [data-testid=state-value]').text()).toBe('1')
  })

  // A Python job's bytes state showed as the JSON list of its byte values ([118,105,101,119] under BYTES), where the
  // trace and the editor's inline values write b'view': an entry with a text (session-views.ts) shows that text.
  it("shows a Python bytes value and map key as the text the entry carries (b'view'), other values as JSON", () => {
    const ins = useInspectorStore()
    ins.selected = { operatorId: 'op', keyStr: '"u1"' }
    ins.keyState = {
      operatorId: 'op', key: 'u1', keyStr: '"u1"', keyGroup: 113, timers: [],
      states: [
        { operatorId: 'op', name: 'raw', kind: 'value', typeLabel: 'BYTES', ttl: null, entries: [{ entryKey: null, value: [118, 105, 101, 119], ttl: null, text: "b'view'" }] },
        { operatorId: 'op', name: 'by', kind: 'map', typeLabel: 'MAP<BYTES, LONG>', ttl: null, entries: [{ entryKey: [1, 255], value: 3, ttl: null, keyText: "b'\\x01\\xff'" }] },
        { operatorId: 'op', name: 'n', kind: 'value', typeLabel: 'LIST<LONG>', ttl: null, entries: [{ entryKey: null, value: [1, 2], ttl: null }] },
      ],
    }
    useSessionStore().steps = [{ step: 2, kind: 'record', outputs: [], touchedKeys: ['"u1"'], watermark: 0, processingTime: 0,
      changes: [{ operatorId: 'op', stateName: 'raw', keyStr: '"u1"', key: 'u1', before: [104, 105], after: [118, 105, 101, 119], beforeText: "b'hi'", afterText: "b'view'" }] }]
    const w = mount(KeyDetail)
    expect(w.find('[data-change=raw] .change').text()).toMatch(/^b'hi'\s*→\s*b'view'$/)
    expect(w.find('[data-state=raw] [data-testid=state-value]').text()).toBe("b'view'")
    expect(w.find('[data-state=raw] [data-testid=value-view]').attributes('data-json')).toBe('[118,105,101,119]')
    expect(w.find('[data-state=by] .entry-key').text()).toBe("b'\\x01\\xff'")
    expect(w.find('[data-state=by] [data-testid=state-value]').text()).toBe('3')
    expect(w.find('[data-state=n] [data-testid=state-value]').text()).toBe('[1,2]')
  })

  it('says a timer pending at the end of input is due, not "-2562047313333h … of the watermark"', () => {
    const ins = useInspectorStore()
    ins.selected = { operatorId: 'op', keyStr: '"u1"' }
    ins.keyState = {
      operatorId: 'op', key: 'u1', keyStr: '"u1"', keyGroup: 113, states: [],
      timers: [{ operatorId: 'op', key: 'u1', keyStr: '"u1"', domain: 'EVENT_TIME', timestamp: T + 1_800_000, aheadBy: T + 1_800_000 - 2 ** 63 }],
    }
    const row = mount(KeyDetail).find('[data-testid=key-timers] tbody tr')
    expect(row.text()).toContain('due: end of input')
    expect(row.text()).not.toContain('h ')
  })

  it('says a timer the watermark passed at this step is due and fires next, not "-15m 54s of the watermark" in yellow', () => {
    const ins = useInspectorStore()
    ins.selected = { operatorId: 'op', keyStr: '"u1"' }
    ins.keyState = {
      operatorId: 'op', key: 'u1', keyStr: '"u1"', keyGroup: 113, states: [],
      timers: [{ operatorId: 'op', key: 'u1', keyStr: '"u1"', domain: 'EVENT_TIME', timestamp: T + 1_800_000, aheadBy: -954_000 }],
    }
    const cell = mount(KeyDetail).findAll('[data-testid=key-timers] tbody td').at(-1)!
    expect(cell.text()).toBe('due, fires next: the watermark is 15m 54s past it')
    expect(cell.classes()).not.toContain('warn')
  })

  it('asks the user to pick a key when none is selected', () => {
    const w = mount(KeyDetail)
    expect(w.text()).toContain('Select a key')
  })
})
