// Line breakpoints set on an edited job, before Restart: the session runs the text it was started with, so each
// breakpoint is given to it at its line in that text (lines added or removed above it shift it back), and one on a
// line the edit changed has no line there to stop at until Restart.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { BreakpointSpec } from '../../../src-main/common/debug-api'
import { setClient } from '../../../src-renderer/src/client'
import { useBreakpointsStore } from '../../../src-renderer/src/stores/breakpoints'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { runLineOf } from '../../../src-renderer/src/stores/run-lines'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient, status, type FakeClient } from '../fake-client'

const RUN = ['a', 'b', 'c', 'd', 'e'].join('\n')

describe('runLineOf: where a line of the edited text is in the text the session runs', () => {
  it('is the same line when nothing changed', () => {
    expect(runLineOf(RUN, RUN, 3)).toBe(3)
  })

  it('shifts lines below an insertion or a deletion back, and keeps lines above it', () => {
    const inserted = ['x', 'a', 'b', 'c', 'd', 'e'].join('\n')
    expect(runLineOf(RUN, inserted, 4)).toBe(3)
    expect(runLineOf(RUN, inserted, 6)).toBe(5)
    const deleted = ['a', 'c', 'd', 'e'].join('\n')
    expect(runLineOf(RUN, deleted, 1)).toBe(1)
    expect(runLineOf(RUN, deleted, 2)).toBe(3)
  })

  it('keeps a line between two separate edits (one above it, one below)', () => {
    expect(runLineOf(RUN, ['x', 'a', 'b', 'c', 'D', 'e'].join('\n'), 3)).toBe(2)
    expect(runLineOf(RUN, ['x', 'a', 'b', 'c', 'D', 'e'].join('\n'), 6)).toBe(5)
  })

  it('has no line for a line the edit changed or added', () => {
    expect(runLineOf(RUN, ['a', 'B', 'c', 'd', 'e'].join('\n'), 2)).toBeNull()
    expect(runLineOf(RUN, ['x', 'a', 'b', 'c', 'd', 'e'].join('\n'), 1)).toBeNull()
  })
})

describe('the breakpoints store on an edited job', () => {
  let client: FakeClient
  beforeEach(() => {
    setActivePinia(createPinia())
    client = fakeClient({
      'session.start': () => ({ sessionId: 's1', status: status(0), operators: [] }),
      'session.close': () => undefined,
      'session.setBreakpoints': (_id, list) => (list as BreakpointSpec[]).map((b) => ({ id: b.id, ok: true })),
      'session.logpointHits': () => [],
    })
    setClient(client)
    useEditorStore().load('/p/examples/job.ts', RUN)
    useRecordingsStore().select('/p/recordings/clicks-small.jsonl')
  })

  const sentLines = (): Array<number | undefined> => {
    const last = client.calls.filter((c) => c.name === 'session.setBreakpoints').at(-1)!
    return (last.args[1] as BreakpointSpec[]).map((b) => (b.kind === 'line' ? b.line : undefined))
  }

  it('gives the session the line in the text it runs, and holds back one on an edited line, saying why', async () => {
    const s = useSessionStore()
    const bps = useBreakpointsStore()
    await s.start()
    await bps.toggleLine(3)
    await bps.toggleLine(5)
    expect(sentLines()).toEqual([3, 5])
    // A line typed at the top: the editor's decorations move both breakpoints down one line.
    useEditorStore().edit(['x', 'a', 'b', 'c', 'd', 'e'].join('\n'))
    await bps.moveLines(Object.fromEntries(bps.lineBreakpoints.map((b) => [b.id, b.line + 1])))
    expect(bps.lineBreakpoints.map((b) => b.line)).toEqual([4, 6])
    expect(sentLines()).toEqual([3, 5])
    expect(Object.values(bps.statuses).every((st) => st.unverified === undefined)).toBe(true)
    // The line of the first one rewritten: the session's text has no such line.
    useEditorStore().edit(['x', 'a', 'b', 'C', 'd', 'e'].join('\n'))
    await bps.sync()
    expect(sentLines()).toEqual([5])
    const held = bps.statuses[bps.lineBreakpoints[0]!.id]
    expect(held?.unverified).toMatch(/edited since the session started.*Restart/)
  })

  it('names the line the user sees in an unverified breakpoint message, not the line of the session text', async () => {
    // The service judges the session's line 2 ("b") as one where no code runs, and says so by that number.
    client.answers['session.setBreakpoints'] = (_id, list) => (list as BreakpointSpec[]).map((b) => (b.kind === 'line' && b.line === 2
      ? { id: b.id, ok: true, unverified: 'no code runs on line 2 (a blank line, a comment, a brace, or the inside of a statement begun on an earlier line): this breakpoint can never hit; put it on the line where the statement starts' }
      : { id: b.id, ok: true }))
    const s = useSessionStore()
    const bps = useBreakpointsStore()
    await s.start()
    await bps.toggleLine(2)
    expect(bps.statuses[bps.lineBreakpoints[0]!.id]?.unverified).toMatch(/^no code runs on line 2 /)
    // A line typed above it: the editor shows the breakpoint on line 3, the session still runs it as line 2.
    useEditorStore().edit(['x', 'a', 'b', 'c', 'd', 'e'].join('\n'))
    await bps.moveLines(Object.fromEntries(bps.lineBreakpoints.map((b) => [b.id, b.line + 1])))
    expect(sentLines()).toEqual([2])
    const msg = bps.statuses[bps.lineBreakpoints[0]!.id]?.unverified
    expect(msg).toMatch(/^no code runs on line 3 /)
    expect(msg).not.toMatch(/line 2\b/)
  })
})
