// The job's error belongs to the text it was reported for: once the job is edited, a compile error, a throw and a
// watchdog stop are "before your edit" (their line may now hold other code), and an undo back to that text makes
// them current again. A recording's error is about the recording, whatever the job's text.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ErrorInfo } from '../../../src-main/common/errors'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'

const SOURCE = 'line 1\nthrow new Error("boom")\nline 3'
const where = { file: '/p/job.ts', line: 2, column: 1 }

beforeEach(() => {
  setActivePinia(createPinia())
  useEditorStore().load('/p/job.ts', SOURCE)
})

describe('the editor store\'s error after an edit', () => {
  it.each<[string, ErrorInfo]>([
    ['a compile error', { code: 'JOB_COMPILE', message: 'does not compile', where }],
    ['a throw', { code: 'JOB_THREW', message: 'open threw Error: boom', where }],
    ['a watchdog stop', { code: 'JOB_TIMEOUT', message: 'did not return within 5000 ms', where }],
  ])('%s is stale once the text changes, and current again after an undo', (_what, info) => {
    const editor = useEditorStore()
    editor.setError(info)
    expect(editor.errorStale).toBe(false)
    editor.edit('line 1\nline 3') // the throwing line deleted: line 2 is now other code
    expect(editor.errorStale).toBe(true)
    editor.edit(SOURCE)
    expect(editor.errorStale).toBe(false)
  })

  it('a recording error stays: it is about the recording, not the job\'s text', () => {
    const editor = useEditorStore()
    editor.setError({ code: 'BAD_LINE', message: 'bad.jsonl:5: not JSON', where: { file: '/p/bad.jsonl', line: 5 } })
    editor.edit('line 1')
    expect(editor.errorStale).toBe(false)
  })
})
