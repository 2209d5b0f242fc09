// The editor pane draws the debugger's marks from the stores (Monaco mocked, toolchain P14): the step's lines,
// current line and inline values; findings as squiggles with count and first step; gutter breakpoints, toggled
// by a click in the gutter and moved when edits move lines; the line a runaway loop was on after a watchdog stop;
// a cursor request from the Trace view or Problems; and a recording error told from a job error.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { GutterBreakpoint, TraceMarks } from '../../../src-renderer/src/monaco/job-editor'

const JOB = '/w/examples/sessionizer-seed.ts'
const calls = {
  trace: [] as Array<TraceMarks | null>, findings: [] as unknown[][], bps: [] as GutterBreakpoint[][], loop: [] as Array<number | null>, loopMark: [] as Array<{ hover: string; hint: string }>, goTo: [] as number[], reveal: [] as number[],
}
const markers = vi.fn()
const syntaxMarkers = vi.fn()
const errorLine = vi.fn()
let gutter: (line: number, menu: boolean, at: { x: number; y: number }) => void = () => {}
let moved: (lines: Record<string, number>) => void = () => {}
vi.mock('../../../src-renderer/src/monaco/job-editor', () => ({
  setPythonHoverKey: () => {},
  createJobEditor: () => ({
    getValue: () => '', setValue: () => {}, setPath: () => {}, onChange: () => {}, setEngineMarkers: markers, setSyntaxMarkers: syntaxMarkers, setErrorLine: errorLine, diagnostics: () => [],
    focus: () => {}, dispose: () => {}, findingMarkers: () => [], classesAt: () => [], hintAt: () => null, cursorLine: () => null, glyphPoint: () => null,
    setTrace: (m: TraceMarks | null) => calls.trace.push(m),
    setFindingMarkers: (m: unknown[]) => calls.findings.push(m),
    setBreakpoints: (b: GutterBreakpoint[]) => calls.bps.push(b),
    setLoopLine: (l: number | null, m: { hover: string; hint: string }) => { calls.loop.push(l); calls.loopMark.push(m) },
    goToLine: (l: number) => calls.goTo.push(l),
    revealLine: (l: number) => calls.reveal.push(l),
    onGutterClick: (l: typeof gutter) => { gutter = l },
    onBreakpointsMoved: (l: typeof moved) => { moved = l },
  }),
}))
const { setClient } = await import('../../../src-renderer/src/client')
const { fakeClient } = await import('../fake-client')
const { default: EditorPane } = await import('../../../src-renderer/src/components/EditorPane.vue')
const { useBreakpointsStore } = await import('../../../src-renderer/src/stores/breakpoints')
const { useEditorStore } = await import('../../../src-renderer/src/stores/editor')
const { useFindingsStore } = await import('../../../src-renderer/src/stores/findings')
const { useTraceStore } = await import('../../../src-renderer/src/stores/trace')
const { useSessionStore } = await import('../../../src-renderer/src/stores/session')

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
  for (const list of Object.values(calls)) list.length = 0
  markers.mockClear()
  syntaxMarkers.mockClear()
  errorLine.mockClear()
  useEditorStore().load(JOB, 'x')
})

describe('EditorPane', () => {
  it("draws the step's lines and inline values, and findings as squiggles with their count and first step", async () => {
    mount(EditorPane)
    useTraceStore().trace = {
      step: 3, kind: 'record', operatorId: 'op', keyStr: '"u1"', watermark: 0, watermarkBefore: 0, processingTime: 0, outputs: [], findings: [], lines: [35],
      entries: [{ index: 0, operatorId: 'op', keyStr: '"u1"', where: { file: JOB, line: 35 }, call: 'deleteEventTimeTimer(1)', result: 'nothing deleted', kind: 'timerDelete', domain: 'EVENT_TIME', timestamp: 1, deleted: false }],
    }
    useFindingsStore().view = { enabled: true, throughStep: 3, notices: [], findings: [{ kind: 'noOpTimerDelete', severity: 'warning', file: JOB, line: 35, message: 'nothing was deleted', count: 2, firstStep: 1, firstKey: '"u1"', operatorId: 'op' }] }
    await nextTick()
    expect(calls.trace.at(-1)).toEqual({ lines: [35], current: 35, hints: [{ line: 35, text: 'nothing deleted' }] })
    expect(calls.reveal).toEqual([35]) // the current line scrolled into view, the cursor left alone
    expect(calls.goTo).toEqual([])
    expect(calls.findings.at(-1)).toEqual([{ line: 35, column: undefined, severity: 'warning', message: 'nothing was deleted (2×; first at step 1, key "u1")' }])
  })

  it("a Python job's notice is a warning squiggle at its line, beside the findings", async () => {
    mount(EditorPane)
    useFindingsStore().view = { enabled: true, throughStep: 3, findings: [], notices: [{ file: JOB, line: 38, message: 'will not run on a Flink cluster' }, { file: '/elsewhere/lib.py', line: 2, message: 'not this file' }] }
    await nextTick()
    expect(calls.findings.at(-1)).toEqual([{ line: 38, severity: 'warning', message: 'will not run on a Flink cluster' }])
  })

  it('a click in the gutter toggles a line breakpoint; edits that move lines move it', async () => {
    mount(EditorPane)
    gutter(41, false, { x: 0, y: 0 })
    await nextTick()
    const bps = useBreakpointsStore()
    expect(bps.lineBreakpoints.map((b) => b.line)).toEqual([41])
    expect(calls.bps.at(-1)).toMatchObject([{ line: 41, enabled: true, look: 'plain' }])
    moved({ [bps.lineBreakpoints[0]!.id]: 42 })
    await nextTick()
    expect(calls.bps.at(-1)).toMatchObject([{ line: 42 }])
    gutter(42, false, { x: 0, y: 0 })
    await nextTick()
    expect(calls.bps.at(-1)).toEqual([])
  })

  it('a line breakpoint the session says can never hit is drawn unverified, with the reason in its hover', async () => {
    mount(EditorPane)
    gutter(44, false, { x: 0, y: 0 })
    await nextTick()
    const bps = useBreakpointsStore()
    const id = bps.lineBreakpoints[0]!.id
    expect(calls.bps.at(-1)![0]!.unverified).toBeUndefined()
    bps.statuses = { [id]: { id, ok: true, unverified: 'no code runs on line 44' } }
    await nextTick()
    expect(calls.bps.at(-1)).toMatchObject([{ line: 44, unverified: 'no code runs on line 44' }])
  })

  it("a line breakpoint whose condition does not compile is drawn unverified, the compile error in its hover", async () => {
    mount(EditorPane)
    const bps = useBreakpointsStore()
    await bps.editLine(32, { condition: "key === 'u3' &&" })
    await nextTick()
    const id = bps.lineBreakpoints[0]!.id
    bps.statuses = { [id]: { id, ok: false, error: 'expression does not compile: it ends unfinished after "key === \'u3\' &&"' } }
    await nextTick()
    expect(calls.bps.at(-1)).toMatchObject([{ line: 32, unverified: 'the condition does not compile: it ends unfinished after "key === \'u3\' &&"' }])
  })

  it('right-click in the gutter opens the breakpoint editor; a log message makes it a logpoint', async () => {
    const w = mount(EditorPane)
    gutter(33, true, { x: 10, y: 10 })
    await nextTick()
    await w.find('[data-testid=line-bp-mode]').setValue('log')
    await w.find('[data-testid=line-bp-log]').setValue('event_count')
    await w.find('[data-testid=line-bp-save]').trigger('click')
    await flushPromises()
    expect(useBreakpointsStore().lineBreakpoints).toMatchObject([{ kind: 'line', line: 33, log: 'event_count' }])
    expect(calls.bps.at(-1)).toMatchObject([{ line: 33, look: 'log' }])
    expect(w.find('[data-testid=line-bp-editor]').exists()).toBe(false)
  })

  it('marks the line a runaway loop was on after a watchdog stop, with how long the watchdog waited in its hover and inline hint, and moves the cursor on request', async () => {
    mount(EditorPane)
    useEditorStore().setError({ code: 'JOB_TIMEOUT', message: "the job's code did not return within 2500 ms; it was at x", where: { file: JOB, line: 27 } })
    await nextTick()
    expect(calls.loop.at(-1)).toBe(27)
    expect(calls.loopMark.at(-1)).toEqual({ hover: 'the watchdog stopped the job here after 2,500 ms', hint: '⟳ stopped here after 2.5 s by the watchdog' })
    useEditorStore().setError({ code: 'JOB_TIMEOUT', message: "the job's code did not return within 5000 ms", where: { file: JOB, line: 28 } })
    await nextTick()
    expect(calls.loopMark.at(-1)).toEqual({ hover: 'the watchdog stopped the job here after 5,000 ms', hint: '⟳ stopped here after 5 s by the watchdog' })
    useEditorStore().goToLine(12)
    await nextTick()
    expect(calls.goTo.at(-1)).toBe(12)
  })

  it('says the step a watchdog stop goes on at with thousands separators, as the status bar writes it', async () => {
    const w = mount(EditorPane)
    const info = { code: 'JOB_TIMEOUT' as const, message: "the job's code did not return within 5000 ms", where: { file: JOB, line: 17 } }
    useEditorStore().setError(info)
    useTraceStore().failure = { step: 250_000, error: info, where: { file: JOB, line: 17 }, watchdogMs: 5000 }
    await flushPromises()
    expect(w.find('[data-testid=watchdog-resumed]').text()).toContain('The session goes on at step 249,999, the last step that completed')
    w.unmount()
  })

  it('shows a bad recording line as a recording error naming file, line and reason, and marks no job line', async () => {
    const w = mount(EditorPane)
    useEditorStore().setError({
      code: 'BAD_LINE', message: '/w/recordings/bad.jsonl:5: not JSON (Unexpected token x)',
      where: { file: '/w/recordings/bad.jsonl', line: 5 },
    })
    await flushPromises()
    const banner = w.find('[data-testid=recording-error]')
    expect(banner.text()).toContain('Recording error')
    expect(banner.text()).toContain('in bad.jsonl, line 5')
    expect(banner.text()).toContain('not JSON (Unexpected token x)')
    expect(w.text()).not.toContain('The job threw')
    expect(markers).toHaveBeenLastCalledWith([])
    expect(errorLine).toHaveBeenLastCalledWith(null)
    w.unmount()
  })

  it('names the timer firing, not an event, when onTimer threw (in the banner and in Messages)', async () => {
    const w = mount(EditorPane)
    const info = {
      code: 'JOB_THREW' as const, message: 'onTimer threw Error: boom', where: { file: JOB, line: 12 },
      input: { line: 16, value: { $watermark: 19 }, timer: { domain: 'EVENT_TIME' as const, timestamp: 10, keyStr: '"u1"' } },
    }
    useEditorStore().setError(info)
    await flushPromises()
    const banner = w.find('[data-testid=job-error]').text()
    expect(banner).toContain('EVENT_TIME timer at 10, key "u1" (due after recording line 16)')
    expect(banner).not.toContain('event (recording line')
    const { describeError } = await import('../../../src-renderer/src/stores/session-failure')
    expect(describeError(info)).toBe('onTimer threw Error: boom (sessionizer-seed.ts:12) — EVENT_TIME timer at 10, key "u1" (due after recording line 16)')
    w.unmount()
  })

  it("checks a Python job's syntax as it is edited (debounced) and marks the SyntaxError at its line and column", async () => {
    vi.useFakeTimers()
    try {
      const client = fakeClient({
        'job.checkSyntax': (_path: unknown, source: unknown) => (String(source).includes('is None\n')
          ? { type: 'SyntaxError', message: "expected ':'", line: 2, column: 22, endLine: 2, endColumn: 23 } : null),
      })
      setClient(client)
      const editor = useEditorStore()
      editor.load('/w/examples/job.py', 'def job(events):\n    return events\n')
      const w = mount(EditorPane)
      editor.edit('def job(events):\n    if events is N')
      editor.edit('def job(events):\n    if events is None\n')
      await vi.advanceTimersByTimeAsync(50)
      expect(client.calls.filter((c) => c.name === 'job.checkSyntax')).toHaveLength(0) // still typing
      await vi.advanceTimersByTimeAsync(1000)
      expect(client.calls.filter((c) => c.name === 'job.checkSyntax')).toHaveLength(1) // one check for the burst
      expect(syntaxMarkers).toHaveBeenLastCalledWith([{ line: 2, column: 22, endLine: 2, endColumn: 23, message: "SyntaxError: expected ':'", severity: 'error' }])
      editor.edit('def job(events):\n    if events is None:\n        return events\n')
      await vi.advanceTimersByTimeAsync(1000)
      expect(syntaxMarkers).toHaveBeenLastCalledWith([])
      w.unmount()
    } finally {
      vi.useRealTimers()
    }
  })

  it('marks the job line where the job threw', async () => {
    const w = mount(EditorPane)
    useEditorStore().setError({ code: 'JOB_THREW', message: 'boom', where: { file: JOB, line: 12 } })
    await flushPromises()
    expect(w.find('[data-testid=job-error]').text()).toContain('The job threw')
    // The gutter's mark carries the message its hover shows.
    expect(errorLine).toHaveBeenLastCalledWith(12, 'boom')
    w.unmount()
  })

  // Time travel works after a throw: stepped back before the failing step, the banner (still the session's failure,
  // Step runs into it again) said "The job threw at job.ts:12" with no step, over a step that threw nothing.
  it('names the step that threw, and says so when time travel went back before it', async () => {
    const w = mount(EditorPane)
    const error = { code: 'JOB_THREW' as const, message: 'boom', where: { file: JOB, line: 12 } }
    useEditorStore().setError(error)
    useTraceStore().failure = { step: 5, error, where: { file: JOB, line: 12, column: 5 } }
    const session = useSessionStore()
    session.status = { step: 5 } as typeof session.status
    await flushPromises()
    expect(w.find('[data-testid=job-error]').text()).toContain('The job threw in step 5')
    expect(w.find('[data-testid=job-error-before]').exists()).toBe(false)
    session.status = { step: 4 } as typeof session.status
    await flushPromises()
    expect(w.find('[data-testid=job-error-before]').text()).toBe('You are at step 4, before it: Step (F10) runs into it again.')
    w.unmount()
  })

  // The banner said "Compile error at my-sessions.py:31:42" and then "/tmp/…/my-sessions.py:31:42: SyntaxError: …":
  // the place twice, the second time by a path the user never typed. It says it once, by the file's own name.
  it("a compile error's banner names its place once, by the job's file name, the message without the path", async () => {
    const w = mount(EditorPane)
    const file = '/tmp/riffle-ws-Ab12/my-sessions.py'
    useEditorStore().setError({
      code: 'JOB_COMPILE',
      message: `the job does not compile:\n${file}:31:42: SyntaxError: '(' was never closed\n${file}:40:1: SyntaxError: invalid syntax\n/w/lib/helpers.py:3:1: SyntaxError: bad`,
      where: { file, line: 31, column: 42 },
    })
    await flushPromises()
    const banner = w.find('[data-testid=job-error]')
    expect(banner.text()).toContain('Compile error at my-sessions.py:31:42')
    expect(banner.find('.msg').text()).toBe("the job does not compile:\nSyntaxError: '(' was never closed\nmy-sessions.py:40:1: SyntaxError: invalid syntax\n/w/lib/helpers.py:3:1: SyntaxError: bad")
    expect(banner.text()).not.toContain('/tmp/')
    // No line to name (a NUL byte in a Python source): the heading says "in my-sessions.py", the message not again.
    useEditorStore().setError({ code: 'JOB_COMPILE', message: `the job does not compile:\n${file}: SyntaxError: source code cannot contain null bytes`, where: { file, line: 0 } })
    await flushPromises()
    expect(w.find('[data-testid=job-error]').text()).toContain('Compile error in my-sessions.py')
    expect(w.find('[data-testid=job-error] .msg').text()).toBe('the job does not compile:\nSyntaxError: source code cannot contain null bytes')
    w.unmount()
  })

  it('a compile error is no longer shown as current once the source is edited: its marker goes, the banner says it is stale', async () => {
    const w = mount(EditorPane)
    const editor = useEditorStore()
    editor.edit('const x = (\n')
    editor.setError({ code: 'JOB_COMPILE', message: 'the job does not compile:\njob.ts:1:12: ERROR: Unexpected end of file', where: { file: JOB, line: 1, column: 12 } })
    await flushPromises()
    expect(markers).toHaveBeenLastCalledWith([expect.objectContaining({ line: 1, column: 12 })])
    expect(errorLine).toHaveBeenLastCalledWith(1, 'the job does not compile:\njob.ts:1:12: ERROR: Unexpected end of file')
    expect(w.find('[data-testid=job-error]').classes()).not.toContain('stale')

    editor.edit('const x = 1\n')
    await flushPromises()
    expect(markers).toHaveBeenLastCalledWith([])
    expect(errorLine).toHaveBeenLastCalledWith(null)
    const banner = w.find('[data-testid=job-error]')
    expect(banner.classes()).toContain('stale')
    expect(banner.text()).toContain('edited since')

    // Undoing back to the source that failed shows the error as current again.
    editor.edit('const x = (\n')
    await flushPromises()
    expect(markers).toHaveBeenLastCalledWith([expect.objectContaining({ line: 1 })])
    expect(w.find('[data-testid=job-error]').classes()).not.toContain('stale')
    w.unmount()
  })
})
