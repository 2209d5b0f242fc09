// Problems after Start found the job does not compile: VS Code's Problems panel lists the compile error, with its
// file:line and a click to go there. Riffle's said "Start a session: Riffle watches the run…" right after Start.
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { setClient } from '../../../src-renderer/src/client'
import ProblemsPanel from '../../../src-renderer/src/components/ProblemsPanel.vue'
import { compileProblems } from '../../../src-renderer/src/compile-problem'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { fakeClient } from '../fake-client'

beforeEach(() => {
  setActivePinia(createPinia())
  setClient(fakeClient())
})

const SOURCE = "export default function job(env) {\n  if (x === 'view' {\n  }\n}\n"

function failedToCompile(): void {
  const editor = useEditorStore()
  editor.load('/work/jobs/funnel.ts', SOURCE)
  editor.setError({ code: 'JOB_COMPILE', message: 'the job does not compile:\n/work/jobs/funnel.ts:2:19: Expected ")" but found "{"',
    where: { file: '/work/jobs/funnel.ts', line: 2, column: 19 } })
}

describe('ProblemsPanel', () => {
  it('lists the compile error that stopped Start, with its file:line, and a click puts the cursor on that line', async () => {
    failedToCompile()
    const w = mount(ProblemsPanel)
    await nextTick()
    expect(w.text()).not.toContain('Start a session')
    const row = w.find('[data-testid=compile-problem]')
    expect(row.find('.msg').text()).toBe('Expected ")" but found "{"')
    expect(row.find('.where').text()).toBe('funnel.ts:2')
    expect(row.text()).toContain('the job does not compile')
    await row.trigger('click')
    expect(useEditorStore().cursor?.line).toBe(2)
    await row.trigger('keydown', { key: 'Enter' })
    expect(useEditorStore().cursor?.n).toBe(2)
    expect(compileProblems(useEditorStore())).toEqual([{ file: '/work/jobs/funnel.ts', line: 2, message: 'Expected ")" but found "{"', stale: false }])
  })

  it('says the error is from before the edit once the text changed, and lists nothing when the job compiled', async () => {
    failedToCompile()
    const w = mount(ProblemsPanel)
    useEditorStore().edit(SOURCE.replace("'view' {", "'view') {"))
    await nextTick()
    expect(w.find('[data-testid=compile-problem]').text()).toContain('before your edit')
    useEditorStore().setError(null)
    await nextTick()
    expect(w.find('[data-testid=compile-problem]').exists()).toBe(false)
    expect(compileProblems(useEditorStore())).toEqual([])
  })
})

// The seed article's Sessionizer pasted as printed (its block imports no ValueStateDescriptor): Start fails in open(),
// before any step. Problems said "Start a session: Riffle watches the run…" right after the user had pressed Start.
describe('ProblemsPanel after a job that could not start', () => {
  const THREW = "open threw NameError: name 'ValueStateDescriptor' is not defined (PyFlink's: from pyflink.datastream.state import ValueStateDescriptor) at /work/jobs/article.py:7:13"

  it('lists the error that stopped Start, with its file:line, and a click puts the cursor there', async () => {
    const editor = useEditorStore()
    editor.load('/work/jobs/article.py', 'class Sessionizer:\n  pass\n')
    editor.setError({ code: 'JOB_THREW', message: THREW, where: { file: '/work/jobs/article.py', line: 7, column: 13 } })
    const w = mount(ProblemsPanel)
    await nextTick()
    expect(w.text()).not.toContain('Start a session')
    const row = w.find('[data-testid=compile-problem]')
    expect(row.find('.msg').text()).toBe("open threw NameError: name 'ValueStateDescriptor' is not defined (PyFlink's: from pyflink.datastream.state import ValueStateDescriptor)")
    expect(row.find('.where').text()).toBe('article.py:7')
    expect(row.text()).toContain('the job could not start')
    await row.trigger('click')
    expect(useEditorStore().cursor?.line).toBe(7)
  })

  it('lists no such row once a session runs (a throw at a step is the session\'s, shown with its step)', () => {
    const editor = useEditorStore()
    editor.load('/work/jobs/article.py', 'x = 1\n')
    editor.setError({ code: 'JOB_THREW', message: THREW, where: { file: '/work/jobs/article.py', line: 7, column: 13 } })
    expect(compileProblems(editor, true)).toEqual([])
    expect(compileProblems(editor, false)).toHaveLength(1)
  })
})
