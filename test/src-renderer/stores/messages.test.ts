// Messages: every error and notice lands in the history and as a notification; notices fade, errors stay
// until dismissed or until the next action succeeds; a session's failure is one of them, and its next
// successful step clears it.
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RiffleError } from '../../../src-main/common/errors'
import { setClient } from '../../../src-renderer/src/client'
import { useAppStore } from '../../../src-renderer/src/stores/app'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { INFO_TOAST_MS, useMessagesStore } from '../../../src-renderer/src/stores/messages'
import { useRecordingsStore } from '../../../src-renderer/src/stores/recordings'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient, status } from '../fake-client'

beforeEach(() => {
  setActivePinia(createPinia())
  sessionStorage.clear()
  localStorage.clear()
})
afterEach(() => { vi.useRealTimers() })

describe('messages', () => {
  it('an error is a notification and a history entry; it stays until dismissed', () => {
    const m = useMessagesStore()
    useAppStore().say('error', 'the file does not exist')
    expect(m.toasts.map((t) => [t.kind, t.text])).toEqual([['error', 'the file does not exist']])
    expect(m.history).toHaveLength(1)
    expect(m.unseen).toBe(1)
    m.dismiss(m.toasts[0].id)
    expect(m.toasts).toEqual([])
    expect(m.history).toHaveLength(1)
  })

  it('a notice fades by itself; an error does not', () => {
    vi.useFakeTimers()
    const m = useMessagesStore()
    m.report('info', 'Saved job.ts')
    m.report('error', 'boom')
    vi.advanceTimersByTime(INFO_TOAST_MS + 1)
    expect(m.toasts.map((t) => t.text)).toEqual(['boom'])
  })

  it('a notice with an action (Restore) stays until it is used or dismissed, as VS Code keeps a notification with actions', () => {
    vi.useFakeTimers()
    const m = useMessagesStore()
    let restored = 0
    const n = m.report('info', 'Your unsaved edits were set aside.', { action: { label: 'Restore', run: () => { restored++ } } })
    vi.advanceTimersByTime(INFO_TOAST_MS * 10)
    expect(m.toasts.map((t) => t.text)).toEqual(['Your unsaved edits were set aside.'])
    m.runAction(n.id)
    expect(restored).toBe(1)
    expect(m.toasts).toEqual([])
  })

  it('a newer notice with an action from the same source takes the older one\'s place in the corner; the history keeps both', () => {
    const m = useMessagesStore()
    m.report('info', 'Edits to a.ts set aside.', { source: 'file', action: { label: 'Restore a.ts', run: () => undefined } })
    m.report('info', 'Edits to b.ts set aside.', { source: 'file', action: { label: 'Restore b.ts', run: () => undefined } })
    expect(m.toasts.map((t) => t.text)).toEqual(['Edits to b.ts set aside.'])
    expect(m.history.map((t) => t.text)).toEqual(['Edits to a.ts set aside.', 'Edits to b.ts set aside.'])
  })

  it('the same text again replaces its notification instead of stacking', () => {
    const m = useMessagesStore()
    m.report('error', 'same')
    m.report('error', 'same')
    expect(m.toasts).toHaveLength(1)
    expect(m.history).toHaveLength(2)
  })

  it('a failed session request is an error notification; the next successful step clears it (the history keeps it)', async () => {
    let fail = true
    setClient(fakeClient({
      'session.start': () => ({ sessionId: 's1', secret: 'x', status: status(0), operators: [] }),
      'session.step': () => {
        if (fail) throw RiffleError.fromInfo({ code: 'BAD_ARGUMENT', message: 'cannot step now' })
        return { steps: [], taken: 1, status: status(1) }
      },
      'session.status': () => status(0),
    }))
    useEditorStore().load('/p/job.ts', 'export default 1')
    useRecordingsStore().select('/p/r.jsonl')
    const s = useSessionStore()
    const m = useMessagesStore()
    await s.start()
    await s.step()
    expect(m.toasts.map((t) => t.text)).toEqual(['cannot step now'])
    s.phase = 'ready' // the user carries on (a non-job error leaves the session there)
    fail = false
    await s.step()
    expect(m.toasts).toEqual([])
    expect(m.history.map((h) => h.text)).toEqual(['cannot step now'])
  })

  it('an error the editor shows at the job\'s line goes to the history without a notification', async () => {
    setClient(fakeClient({
      'session.start': () => { throw RiffleError.fromInfo({ code: 'JOB_COMPILE', message: 'Expected ";"', where: { file: '/p/job.ts', line: 3, column: 1 } }) },
    }))
    useEditorStore().load('/p/job.ts', 'export default 1')
    useRecordingsStore().select('/p/r.jsonl')
    await useSessionStore().start()
    const m = useMessagesStore()
    expect(m.toasts).toEqual([])
    expect(m.history.map((h) => h.text)).toEqual(['Expected ";" (job.ts:3)'])
  })
})
