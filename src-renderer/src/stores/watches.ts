// The Watch list of the key detail pane, as VS Code's WATCH view: expressions the user types, in the job's language,
// evaluated by the session (session.watch) for the selected key at every stop. The list belongs to the job file
// (kept per job, as gutter breakpoints are); the values to the session's step and key. An expression the watchdog had
// to stop (it never returned) is not sent again until it is edited: each stop costs the watchdog's wait.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { RiffleError } from '@common/errors'
import { MAX_WATCH_LENGTH, MAX_WATCHES, type WatchValue } from '@common/debug-api'
import { getClient } from '../client'
import { loadPerJob, savePerJob } from '../prefs/per-job-storage'
import { readStored, writeStored } from '../prefs/storage'
import { useInspectorStore } from './inspector'
import { useSessionStore } from './session'

const KEY = 'riffle.watches'
const OPEN_KEY = 'riffle.watchOpen'

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= MAX_WATCH_LENGTH

/** What a row shows besides its expression: a value, or why there is none. */
export type WatchShown =
  | { kind: 'value'; value: WatchValue }
  | { kind: 'idle'; text: string }
  | { kind: 'error'; text: string }

export const useWatchesStore = defineStore('watches', () => {
  const expressions = ref<string[]>([])
  /** The session's answers, by expression, for the key and step they were asked at. */
  const values = shallowRef(new Map<string, WatchValue>())
  /** Expressions the watchdog stopped, with what it said. */
  const stopped = shallowRef(new Map<string, string>())
  /** A failure of the whole request (the session closed under it): said once, over the list. */
  const error = ref<string | null>(null)
  const evaluating = ref(false)
  const open = ref(readStored(OPEN_KEY, (v) => (typeof v === 'boolean' ? v : null)) ?? true)
  const jobPath = ref('')

  function setOpen(v: boolean): void {
    open.value = v
    writeStored(OPEN_KEY, v)
  }

  /** A job was opened: its watch expressions replace the previous job's. */
  function useJob(path: string): void {
    if (path === jobPath.value) return
    jobPath.value = path
    expressions.value = loadPerJob(KEY, path, isText)
    stopped.value = new Map()
    void evaluate()
  }

  function changed(): void {
    savePerJob(KEY, jobPath.value, expressions.value)
    void evaluate()
  }

  /** Adds an expression (blank ones and a full list are refused: false). */
  function add(expression: string): boolean {
    const e = expression.trim()
    if (!isText(e) || expressions.value.length >= MAX_WATCHES) return false
    expressions.value = [...expressions.value, e]
    changed()
    return true
  }

  function remove(index: number): void {
    expressions.value = expressions.value.filter((_, i) => i !== index)
    changed()
  }

  /** Replaces the expression at `index` (a blank one removes it); a stopped one is tried again. */
  function edit(index: number, expression: string): void {
    const e = expression.trim()
    if (e === '') { remove(index); return }
    if (!isText(e)) return
    const next = new Map(stopped.value)
    next.delete(e)
    stopped.value = next
    expressions.value = expressions.value.map((x, i) => (i === index ? e : x))
    changed()
  }

  function shown(expression: string): WatchShown {
    const stop = stopped.value.get(expression)
    if (stop !== undefined) return { kind: 'error', text: stop }
    if (useInspectorStore().selected === null) return { kind: 'idle', text: 'select a key' }
    const v = values.value.get(expression)
    if (v === undefined) return { kind: 'idle', text: evaluating.value ? '…' : 'not evaluated' }
    return v.error !== undefined ? { kind: 'error', text: v.error } : { kind: 'value', value: v }
  }

  // Only the newest evaluation lands: one asked before a step or a click answers after the next one began.
  let generation = 0
  /** Asks the session for every watch at its step, for the selected key. */
  async function evaluate(): Promise<void> {
    const gen = ++generation
    const session = useSessionStore()
    const sel = useInspectorStore().selected
    const id = session.sessionId
    const list = expressions.value.filter((e) => !stopped.value.has(e))
    if (id === null || sel === null || list.length === 0) {
      values.value = new Map()
      error.value = null
      return
    }
    evaluating.value = true
    try {
      const got = await ask(id, sel.operatorId, sel.keyStr, list)
      if (gen !== generation) return
      values.value = new Map(got.map((v) => [v.expression, v]))
      error.value = null
    } catch (err) {
      if (gen !== generation) return
      values.value = new Map()
      error.value = err instanceof RiffleError ? err.info.message : String(err)
    } finally {
      if (gen === generation) evaluating.value = false
    }
  }

  /**
   * The list in one request; when the watchdog stopped it, each again alone, so the one that never returns is found
   * (and kept from being sent again) and the others still get their values.
   */
  async function ask(id: string, operatorId: string, keyStr: string, list: string[]): Promise<WatchValue[]> {
    const call = (l: string[]): Promise<WatchValue[]> => getClient().call('session.watch', id, operatorId, keyStr, l)
    try {
      return await call(list)
    } catch (err) {
      if (!(err instanceof RiffleError) || err.code !== 'JOB_TIMEOUT') throw err
      if (list.length === 1) { stop(list[0]!, err); return [] }
    }
    const out: WatchValue[] = []
    for (const e of list) {
      try {
        out.push(...await call([e]))
      } catch (err) {
        if (!(err instanceof RiffleError) || err.code !== 'JOB_TIMEOUT') throw err
        stop(e, err)
      }
    }
    return out
  }

  function stop(expression: string, err: RiffleError): void {
    const next = new Map(stopped.value)
    // What happens next first: the row shows three lines of it, the whole in its tooltip.
    next.set(expression, `never returned: stopped; edit it to try again (${err.info.message})`)
    stopped.value = next
  }

  return { expressions, values, stopped, error, evaluating, open, jobPath, setOpen, useJob, add, remove, edit, shown, evaluate }
})
