// The Console tab: what the job's own code printed (console.log, print()), read after steps from the position
// already read on (the session keeps each step's lines once, so re-runs of time travel add nothing), and the jump
// from a line to its step and job line.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { RiffleError } from '@common/errors'
import type { ConsoleLineView } from '@common/trace-api'
import { getClient } from '../client'
import { useEditorStore } from './editor'
import { useSessionStore } from './session'

/** Lines asked for at once (the contract's largest page). */
const PAGE = 10_000

export const useConsoleStore = defineStore('console', () => {
  const lines = shallowRef<ConsoleLineView[]>([])
  /** Lines the job printed so far, and how many of the oldest the session no longer keeps. */
  const total = ref(0)
  const dropped = ref(0)
  const keep = ref(PAGE)
  const error = ref<string | null>(null)
  let generation = 0
  const count = computed(() => total.value)

  async function refresh(): Promise<void> {
    const id = useSessionStore().sessionId
    const gen = ++generation
    if (!id) return
    try {
      let list = lines.value
      for (;;) {
        const next = list.length > 0 ? list[list.length - 1].seq + 1 : total.value
        const v = await getClient().call('session.console', id, next, PAGE)
        if (gen !== generation) return
        // Fewer lines than already read: a new worker took the session over (after a watchdog stop); read it anew.
        if (v.total < next) { list = []; total.value = 0; continue }
        list = v.lines.length === 0 ? list : [...list, ...v.lines]
        if (list.length > v.keep) list = list.slice(list.length - v.keep)
        total.value = v.total
        dropped.value = v.dropped
        keep.value = v.keep
        if (v.lines.length < PAGE) break
      }
      lines.value = list
      error.value = null
    } catch (err) {
      if (gen === generation) error.value = err instanceof RiffleError ? err.info.message : String(err)
    }
  }

  /** Go to the step that printed the line, and put the cursor on its line when it is the job file's. */
  async function goTo(l: ConsoleLineView): Promise<void> {
    const s = useSessionStore()
    const editor = useEditorStore()
    const inEditor = l.where !== null && l.where.file.replace(/^.*[\\/]/, '') === editor.path.replace(/^.*[\\/]/, '')
    if (inEditor) editor.goToLine(l.where!.line)
    if (s.canSeek && s.status?.step !== l.step) await s.seek(l.step)
    if (inEditor) editor.goToLine(l.where!.line)
  }

  function reset(): void {
    generation++
    lines.value = []
    total.value = 0
    dropped.value = 0
    error.value = null
  }

  return { lines, total, dropped, keep, error, count, refresh, goTo, reset }
})
