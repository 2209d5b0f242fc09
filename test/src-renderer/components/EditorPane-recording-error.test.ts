// The editor pane tells a recording error from a job error: a bad recording line names the recording, the
// line and the reason and marks nothing in the job's source; a job that threw marks its line.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { setClient } from '../../../src-renderer/src/client'
import { fakeClient } from '../fake-client'

const markers = vi.fn()
const errorLine = vi.fn()
vi.mock('../../../src-renderer/src/monaco/job-editor', () => ({
  createJobEditor: () => ({
    getValue: () => '', setValue: () => {}, onChange: () => {}, setEngineMarkers: markers,
    setErrorLine: errorLine, diagnostics: () => [], focus: () => {}, dispose: () => {},
  }),
}))
const { default: EditorPane } = await import('../../../src-renderer/src/components/EditorPane.vue')
const { useEditorStore } = await import('../../../src-renderer/src/stores/editor')

beforeEach(() => {
  setActivePinia(createPinia())
  setClient(fakeClient())
  markers.mockClear()
  errorLine.mockClear()
})

describe('EditorPane', () => {
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

  it('marks the job line where the job threw', async () => {
    const w = mount(EditorPane)
    useEditorStore().setError({ code: 'JOB_THREW', message: 'boom', where: { file: '/w/job.ts', line: 12 } })
    await flushPromises()
    expect(w.find('[data-testid=job-error]').text()).toContain('The job threw')
    expect(errorLine).toHaveBeenLastCalledWith(12)
    w.unmount()
  })
})
