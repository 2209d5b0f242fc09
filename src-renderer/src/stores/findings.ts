// The Problems list: the session's findings (what is legal but almost always a bug, one per kind and line, with
// a count and the first step and key), read after steps, and the jump to one: go to its first step, select its
// key, put the cursor on its line. The editor shows them as squiggles (EditorPane).
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { RiffleError } from '@common/errors'
import type { FindingView, FindingsView, JobNoticeView } from '@common/trace-api'
import { getClient } from '../client'
import { useEditorStore } from './editor'
import { useInspectorStore } from './inspector'
import { useSessionStore } from './session'
import { useTraceStore } from './trace'

export const useFindingsStore = defineStore('findings', () => {
  const view = shallowRef<FindingsView | null>(null)
  const error = ref<string | null>(null)
  let generation = 0
  const editor = useEditorStore()

  const list = computed<FindingView[]>(() => view.value?.findings ?? [])
  /** What the job's code was told that is not a finding (a Python form Flink does not run), once per line. */
  const notices = computed<JobNoticeView[]>(() => view.value?.notices ?? [])
  const warnings = computed(() => list.value.filter((f) => f.severity === 'warning').length)
  /** Everything the Problems tab lists. */
  const count = computed(() => list.value.length + notices.value.length)
  const aboutJob = <T extends { file: string }>(items: T[]): T[] => {
    const job = editor.path.replace(/^.*[\\/]/, '')
    return items.filter((f) => job === '' || f.file.replace(/^.*[\\/]/, '') === job)
  }
  /** The findings about the job file in the editor (a finding in an imported module has no line there). */
  const inEditor = computed(() => aboutJob(list.value))
  const noticesInEditor = computed(() => aboutJob(notices.value))

  async function refresh(): Promise<void> {
    const id = useSessionStore().sessionId
    const gen = ++generation
    if (!id) return
    try {
      const v = await getClient().call('session.findings', id)
      if (gen !== generation) return
      view.value = v
      error.value = null
    } catch (err) {
      if (gen === generation) error.value = err instanceof RiffleError ? err.info.message : String(err)
    }
  }

  /** Go to where the finding first happened: its step, its key (pinned keys stay), its line. */
  async function goTo(f: FindingView): Promise<void> {
    const s = useSessionStore()
    useEditorStore().goToLine(f.line)
    if (s.canSeek && s.status?.step !== f.firstStep) await s.seek(f.firstStep)
    if (f.operatorId !== null && f.firstKey !== null && !useTraceStore().pinned) await useInspectorStore().selectKey(f.operatorId, f.firstKey)
    useEditorStore().goToLine(f.line)
  }

  function reset(): void {
    generation++
    view.value = null
    error.value = null
  }

  return { view, error, list, notices, warnings, count, inEditor, noticesInEditor, refresh, goTo, reset }
})
