// The user's breakpoints and logpoints: the list lives here, across sessions (and, in localStorage, across
// launches), and is given whole to the current session on every change and on every start; logpoint hits
// are read back from the session.
import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import { RiffleError } from '@common/errors'
import type { BreakpointSpec, BreakpointStatus, LogpointHit } from '@common/debug-api'
import { getClient } from '../client'
import { isRecord, readStored, writeStored } from '../prefs/storage'
import { useSessionStore } from './session'

export type BreakpointKind = BreakpointSpec['kind']
/** A breakpoint before the store gives it an id (distributes over the kinds, which a plain Omit would merge). */
export type NewBreakpoint = BreakpointSpec extends infer T ? (T extends BreakpointSpec ? Omit<T, 'id'> : never) : never

/** A readable one-line description of a breakpoint, as the panel lists it. */
export function describeBreakpoint(b: BreakpointSpec): string {
  switch (b.kind) {
    case 'key': return `key ${b.keyStr}`
    case 'event': return `event where ${b.expression}`
    case 'timer': return `timer fires${b.domain ? ' (' + (b.domain === 'EVENT_TIME' ? 'event time' : 'processing time') + ')' : ''}${b.keyStr ? ' for key ' + b.keyStr : ''}`
    case 'output': return `output${b.tag === undefined ? '' : b.tag === null ? ' (main only)' : ' tagged ' + b.tag}`
    case 'late': return 'late event (timestamp ≤ watermark)'
    case 'ttlExpiry': return `TTL expiry${b.stateName ? ' of ' + b.stateName : ''}`
    case 'state': return `state where ${b.expression}`
  }
}

export const BREAKPOINTS_KEY = 'riffle.breakpoints'
const KINDS = new Set(['key', 'event', 'timer', 'output', 'late', 'ttlExpiry', 'state'])

/** The remembered list, each entry checked for an id and a known kind (the session checks the rest on sync). */
export function parseBreakpoints(raw: unknown): BreakpointSpec[] | null {
  if (!Array.isArray(raw)) return null
  return raw.filter((b): b is BreakpointSpec => isRecord(b) && typeof b.id === 'string' && typeof b.kind === 'string' && KINDS.has(b.kind))
}

export const useBreakpointsStore = defineStore('breakpoints', () => {
  const list = ref<BreakpointSpec[]>(readStored(BREAKPOINTS_KEY, parseBreakpoints) ?? [])
  watch(list, (l) => writeStored(BREAKPOINTS_KEY, l), { deep: true })
  /** The session's answer for each id (a bad expression is ok: false with the compiler's message). */
  const statuses = shallowRef<Record<string, BreakpointStatus>>({})
  /** Recorded hits of each logpoint, read after each change and each step result. */
  const hits = shallowRef<Record<string, LogpointHit[]>>({})
  const error = ref<string | null>(null)
  // New ids continue after the remembered ones.
  let nextId = 1 + Math.max(0, ...list.value.map((b) => Number(/^bp(\d+)$/.exec(b.id)?.[1] ?? 0)))

  /** Gives the whole list to the current session (no session: kept for the next start). */
  async function sync(): Promise<void> {
    const id = useSessionStore().sessionId
    if (!id) return
    try {
      const result = await getClient().call('session.setBreakpoints', id, list.value.map((b) => ({ ...b })))
      statuses.value = Object.fromEntries(result.map((s) => [s.id, s]))
      error.value = null
      await refreshHits()
    } catch (err) {
      error.value = err instanceof RiffleError ? err.info.message : String(err)
    }
  }

  async function add(spec: NewBreakpoint): Promise<string> {
    const id = 'bp' + nextId++
    list.value = [...list.value, { ...spec, id, enabled: true } as BreakpointSpec]
    await sync()
    return id
  }

  async function remove(id: string): Promise<void> {
    list.value = list.value.filter((b) => b.id !== id)
    await sync()
  }

  async function setEnabled(id: string, enabled: boolean): Promise<void> {
    list.value = list.value.map((b) => (b.id === id ? { ...b, enabled } : b))
    await sync()
  }

  /** Reads the hits of every logpoint from the session. */
  async function refreshHits(): Promise<void> {
    const id = useSessionStore().sessionId
    if (!id) return
    const next: Record<string, LogpointHit[]> = {}
    for (const b of list.value) {
      if (b.log === undefined || b.log === '') continue
      next[b.id] = await getClient().call('session.logpointHits', id, b.id)
    }
    hits.value = next
  }

  return { list, statuses, hits, error, sync, add, remove, setEnabled, refreshHits }
})
