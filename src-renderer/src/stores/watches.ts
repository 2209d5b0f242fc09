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

  /** Adds an expression (blank ones and a full list are refused: false); one stopped before is tried again. */
  function add(expression: string): boolean {
    const e = expression.trim()
    if (!isText(e) || expressions.value.length >= MAX_WATCHES) return false
    retry(e)
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
    retry(e)
    expressions.value = expressions.value.map((x, i) => (i === index ? e : x))
    changed()
  }

  /** The user asked for `expression` again (typed it anew): the watchdog's stop of it no longer keeps it from the session. */
  function retry(expression: string): void {
    if (!stopped.value.has(expression)) return
    const next = new Map(stopped.value)
    next.delete(expression)
    stopped.value = next
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
  // One evaluation out at a time, and of those asked meanwhile only the newest: a list asked while the previous one is
  // out (a step pressed while the watchdog stops a watch in it) waits for it, so the expression the watchdog stopped
  // there is known and left out, rather than sent again in the next list and stopped again (each stop costs its wait).
  let queue: Promise<void> = Promise.resolve()
  /** Asks the session for every watch at its step, for the selected key. */
  function evaluate(): Promise<void> {
    const gen = ++generation
    const run = (): Promise<void> | undefined => (gen === generation ? evaluateNow(gen) : undefined)
    queue = queue.then(run, run)
    return queue
  }

  async function evaluateNow(gen: number): Promise<void> {
    const session = useSessionStore()
    const sel = useInspectorStore().selected
    const id = session.sessionId
    const list = expressions.value.filter((e) => !stopped.value.has(e))
    if (id === null || sel === null || list.length === 0) {
      values.value = new Map()
      error.value = null
      evaluating.value = false
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
   * The list in one request. The session names a watch the watchdog stopped in it (`stopped`) and answers the others;
   * when it could not say which one it was, each is asked again alone, so the one that never returns is found. Either
   * way it is kept from being sent again.
   */
  async function ask(id: string, operatorId: string, keyStr: string, list: string[]): Promise<WatchValue[]> {
    const call = async (l: string[]): Promise<WatchValue[]> => {
      const got = await getClient().call('session.watch', id, operatorId, keyStr, l)
      for (const v of got) if (v.stopped === true) stop(v.expression, v.error ?? '')
      return got.filter((v) => v.stopped !== true)
    }
    try {
      return await call(list)
    } catch (err) {
      if (!(err instanceof RiffleError) || err.code !== 'JOB_TIMEOUT') throw err
      if (list.length === 1) { stop(list[0]!, err.info.message); return [] }
    }
    const out: WatchValue[] = []
    for (const e of list) {
      try {
        out.push(...await call([e]))
      } catch (err) {
        if (!(err instanceof RiffleError) || err.code !== 'JOB_TIMEOUT') throw err
        stop(e, err.info.message)
      }
    }
    return out
  }

  function stop(expression: string, why: string): void {
    const next = new Map(stopped.value)
    // What happens next first: the row shows three lines of it, the whole in its tooltip.
    next.set(expression, `never returned: stopped; edit it to try again (${why})`)
    stopped.value = next
  }

  return { expressions, values, stopped, error, evaluating, open, jobPath, setOpen, useJob, add, remove, edit, shown, evaluate }
})
