// Messages for the user: every error, warning and notice lands in a history (the bottom panel's Messages tab)
// and shows as a notification (toast) where the user is looking. Notices fade by themselves; errors stay
// until dismissed or until the next action succeeds (clearErrors), so an old error never sits on screen
// beside a result that no longer has anything to do with it.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'

export type MessageKind = 'error' | 'warning' | 'info'

export interface Message {
  id: number
  kind: MessageKind
  text: string
  /** What the message is about ("session", "recording", "file", …), shown beside it in the history. */
  source: string
  at: number
  /** A button on its notification and its Messages row ("Restore seed.py"): runs once (runAction), then both lose it. */
  action?: { label: string; run: () => void }
}

const KEEP = 500
export const INFO_TOAST_MS = 5_000

export const useMessagesStore = defineStore('messages', () => {
  const history = shallowRef<Message[]>([])
  const toasts = shallowRef<Message[]>([])
  /** Errors and warnings since the Messages tab was last looked at (its badge). */
  const unseen = ref(0)
  let nextId = 1
  const timers = new Map<number, ReturnType<typeof setTimeout>>()

  /** Records a message and shows it as a toast (toast: false keeps it in the history only). */
  function report(kind: MessageKind, text: string, opts: { source?: string; toast?: boolean; now?: number; action?: Message['action'] } = {}): Message {
    const m: Message = { id: nextId++, kind, text, source: opts.source ?? 'app', at: opts.now ?? Date.now() }
    if (opts.action) m.action = opts.action
    const h = history.value.concat(m)
    history.value = h.length > KEEP ? h.slice(h.length - KEEP) : h
    if (kind !== 'info') unseen.value++
    if (opts.toast !== false) {
      // The same text again replaces its toast instead of stacking a copy, and so does a newer notice with an action
      // from the same source (such notices stay: one offer in the corner, the older ones in the Messages tab).
      const replaced = (t: Message): boolean => t.text === text || (m.action !== undefined && t.action !== undefined && t.source === m.source)
      toasts.value = toasts.value.filter((t) => !replaced(t)).concat(m).slice(-4)
      // A notice with an action (Restore) stays until used or dismissed: fading, it took the offer away before a
      // user had read it (VS Code keeps a notification with actions too).
      if (kind === 'info' && !opts.action) timers.set(m.id, setTimeout(() => dismiss(m.id), INFO_TOAST_MS))
    }
    return m
  }

  function dismiss(id: number): void {
    clearTimeout(timers.get(id))
    timers.delete(id)
    toasts.value = toasts.value.filter((t) => t.id !== id)
  }

  /** The next action succeeded: the errors shown before it are stale (they stay in the history). */
  function clearErrors(): void {
    if (toasts.value.some((t) => t.kind !== 'info')) toasts.value = toasts.value.filter((t) => t.kind === 'info')
  }

  /** A new run is starting: every error, and every notice about the last run, is about a run no longer there. */
  function clearRun(): void {
    clearErrors()
    for (const t of toasts.value) if (t.source === 'session' || t.source === 'restore') dismiss(t.id)
  }

  /** Runs a message's action once: its notification goes and its history row keeps the text only. */
  function runAction(id: number): void {
    const m = history.value.find((x) => x.id === id) ?? toasts.value.find((x) => x.id === id)
    if (!m?.action) return
    const { run } = m.action
    const spent = (x: Message): Message => (x.id === id ? { ...x, action: undefined } : x)
    history.value = history.value.map(spent)
    dismiss(id)
    run()
  }

  function markSeen(): void { unseen.value = 0 }
  function clearHistory(): void { history.value = []; unseen.value = 0 }

  const latestError = computed(() => [...toasts.value].reverse().find((t) => t.kind === 'error') ?? null)

  return { history, toasts, unseen, latestError, report, dismiss, runAction, clearErrors, clearRun, markSeen, clearHistory }
})
