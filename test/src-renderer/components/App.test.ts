// The window with Monaco mocked (it cannot run in happy-dom, toolchain P14): on load it opens the seed
// sessionizer and picks clicks-small; F10 steps and Shift+F5 stops, as in VS Code's debugger.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { setClient } from '../../../src-renderer/src/client'
import { fakeClient, status, type FakeClient } from '../fake-client'

vi.mock('../../../src-renderer/src/monaco/job-editor', () => ({
  setPythonHoverKey: () => {},
  createJobEditor: (_el: HTMLElement, source: string) => {
    let value = source
    return {
      getValue: () => value, setValue: (s: string) => { value = s }, setPath: () => {}, onChange: () => {}, setEngineMarkers: vi.fn(), setSyntaxMarkers: vi.fn(),
      setErrorLine: vi.fn(), diagnostics: () => [], focus: () => {}, dispose: () => {},
      setFindingMarkers: vi.fn(), findingMarkers: () => [], setTrace: vi.fn(), setLoopLine: vi.fn(), goToLine: vi.fn(), revealLine: vi.fn(),
      setBreakpoints: vi.fn(), onGutterClick: () => {}, onBreakpointsMoved: () => {}, classesAt: () => [], hintAt: () => null,
      cursorLine: () => null, glyphPoint: () => null,
    }
  },
}))
const { default: App } = await import('../../../src-renderer/src/App.vue')
const { useSessionStore } = await import('../../../src-renderer/src/stores/session')
const { useMessagesStore } = await import('../../../src-renderer/src/stores/messages')

let client: FakeClient
/** happy-dom's window size (1024 × 768 by default), for the header's wide and compact forms. */
function setViewport(width: number, height: number): void {
  (window as unknown as { happyDOM: { setViewport(v: { width: number; height: number }): void } }).happyDOM.setViewport({ width, height })
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  setViewport(1600, 1000)
  setActivePinia(createPinia())
  let n = 0
  client = fakeClient({
    'app.info': () => ({ mode: 'browser', version: '0', workspace: '/w', nativeDialogs: false }),
    'examples.list': () => [
      { name: 'dedup-ttl.ts', path: '/p/examples/dedup-ttl.ts', title: 'dedup' },
      { name: 'sessionizer-seed.py', path: '/p/examples/sessionizer-seed.py', title: 'seed, in Python' },
      { name: 'sessionizer-seed.ts', path: '/p/examples/sessionizer-seed.ts', title: 'seed' },
    ],
    'recordings.list': () => [
      { path: '/p/recordings/clicks.jsonl', name: 'clicks.jsonl', bytes: 1, gzip: false, format: 'jsonl', events: 5000, controlLines: 0, firstTimestamp: 1, lastTimestamp: 2 },
      { path: '/p/recordings/clicks-small.jsonl', name: 'clicks-small.jsonl', bytes: 1, gzip: false, format: 'jsonl', events: 40, controlLines: 1, firstTimestamp: 1708848000000, lastTimestamp: 1708855000000 },
    ],
    'files.read': (p) => ({ path: p, source: '// seed\nexport default 1\n' }),
    'session.start': () => ({ sessionId: 's1', status: status(0), operators: [] }),
    'session.step': () => { n++; return { steps: [], taken: 1, status: status(n) } },
    'session.stop': () => undefined,
    'session.close': () => undefined,
    'session.keys': () => ({ total: 0, offset: 0, items: [] }),
    'session.timers': () => ({ total: 0, offset: 0, items: [] }),
    'session.outputs': () => ({ total: 0, offset: 0, items: [] }),
    'session.outputTail': () => ({ total: 0, offset: 0, items: [], step: 0 }),
    'session.findings': () => ({ enabled: true, findings: [], throughStep: n }),
    'session.trace': (_id, step) => ({ step, kind: 'record', operatorId: null, keyStr: null, watermark: 0, processingTime: 0, entries: [], lines: [], outputs: [], findings: [] }),
  })
  setClient(client)
})

describe('App', () => {
  it('opens the seed sessionizer and selects clicks-small on load, with the recording summary', async () => {
    const w = mount(App, { attachTo: document.body })
    await flushPromises()
    expect(client.calls.find((c) => c.name === 'files.read')!.args[0]).toBe('/p/examples/sessionizer-seed.ts')
    expect(w.find('[data-testid=job-name]').text()).toContain('sessionizer-seed.ts')
    expect(w.find('[data-testid=recording-info]').text()).toMatch(/jsonl · 40 events · 2024-02-25T08:00:00.000Z/)
    w.unmount()
  })

  it('the Examples menu lists each example once, with its TypeScript and Python files; picking the Python one opens it', async () => {
    const w = mount(App, { attachTo: document.body })
    await flushPromises()
    const groups = w.findAll('[data-testid=examples] optgroup')
    expect(groups.map((g) => g.attributes('label'))).toEqual(['dedup-ttl — dedup', 'sessionizer-seed — seed'])
    expect(groups[1].findAll('option').map((o) => o.text())).toEqual(['sessionizer-seed.ts (TypeScript)', 'sessionizer-seed.py (Python)'])
    await w.find('[data-testid=examples]').setValue('/p/examples/sessionizer-seed.py')
    await flushPromises()
    expect(client.calls.filter((c) => c.name === 'files.read').map((c) => c.args[0])).toContain('/p/examples/sessionizer-seed.py')
    expect(w.find('[data-testid=job-name]').text()).toContain('sessionizer-seed.py')
    w.unmount()
  })

  it('F10 steps and Shift+F5 stops', async () => {
    const w = mount(App, { attachTo: document.body })
    await flushPromises()
    await w.find('[data-testid=start]').trigger('click')
    await flushPromises()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F10' }))
    await flushPromises()
    expect(client.calls.filter((c) => c.name === 'session.step')).toHaveLength(1)
    expect(w.find('[data-testid=status-events]').text()).toBe('event 1 of 40')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F5', shiftKey: true }))
    await flushPromises()
    expect(client.calls.some((c) => c.name === 'session.stop')).toBe(true)
    expect(useSessionStore().phase).toBe('ended')
    w.unmount()
  })

  // A VS Code user's first key is F10: with no session it did nothing at all (no step, no message), where F5 starts
  // the job. F10, F11 and Shift+F11 with no session now start it too, at step 0, as VS Code starts a program stopped
  // at its entry; once a session runs they step.
  it('F10, F11 or Shift+F11 with no session starts one, at step 0; then F10 steps', async () => {
    const w = mount(App, { attachTo: document.body })
    await flushPromises()
    for (const key of [{ key: 'F10' }, { key: 'F11' }, { key: 'F11', shiftKey: true }]) {
      window.dispatchEvent(new KeyboardEvent('keydown', key))
      await flushPromises()
      expect(client.calls.filter((c) => c.name === 'session.start')).toHaveLength(1)
      expect(client.calls.filter((c) => c.name === 'session.step')).toHaveLength(0)
      expect(useSessionStore().phase).toBe('ready')
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F5', shiftKey: true }))
      await flushPromises()
      client.calls.length = 0
    }
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F10' }))
    await flushPromises()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F10' }))
    await flushPromises()
    expect(client.calls.filter((c) => c.name === 'session.step')).toHaveLength(1)
    w.unmount()
  })
})

describe('App without a usable token (browser mode)', () => {
  it('a tab opened without the launch token shows only how to get one', async () => {
    setClient(null)
    const w = mount(App, { attachTo: document.body })
    await flushPromises()
    expect(w.find('[data-testid=token-gate]').text()).toContain('Open the link printed by npm start')
    expect(w.find('#editor').exists()).toBe(false)
    expect(w.find('[data-testid=start]').exists()).toBe(false)
    w.unmount()
  })

  it('a token the service refuses shows the same screen, saying so, and is forgotten', async () => {
    sessionStorage.setItem('riffle.token', 'old-launch')
    delete client.answers['app.info']
    const w = mount(App, { attachTo: document.body })
    await flushPromises()
    expect(w.find('[data-testid=token-gate]').text()).toMatch(/Open the link printed by npm start[\s\S]*refused this tab/)
    expect(sessionStorage.getItem('riffle.token')).toBeNull()
    w.unmount()
  })
})

describe('App layout', () => {
  it('the bottom panel maximises (the editor and inspector hide) and restores, and the choice is remembered', async () => {
    const w = mount(App, { attachTo: document.body })
    await flushPromises()
    const main = w.find('main.main')
    expect(main.isVisible()).toBe(true)
    await w.find('[data-testid=panel-maximise]').trigger('click')
    expect((main.element as HTMLElement).style.display).toBe('none')
    expect(JSON.parse(localStorage.getItem('riffle.layout')!).bottomMaximised).toBe(true)
    await w.find('[data-testid=panel-maximise]').trigger('click')
    expect((main.element as HTMLElement).style.display).toBe('')
    w.unmount()
  })

  it('an unseen error is a count badge on the Messages tab (as Problems has), which the "…" menu can flag; opening the tab clears it', async () => {
    const w = mount(App, { attachTo: document.body })
    await flushPromises()
    useMessagesStore().report('error', 'no-such-file.jsonl: the file does not exist', { source: 'recordings' })
    await flushPromises()
    expect(w.find('[data-testid=messages-count]').text()).toBe('1')
    expect(w.find('[data-testid=tab-messages]').text()).toBe('Messages1')
    await w.find('[data-testid=tab-messages]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid=messages-count]').exists()).toBe(false)
    w.unmount()
  })
})
