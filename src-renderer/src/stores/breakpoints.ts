// The user's breakpoints and logpoints: the list lives here, across sessions (and, in localStorage, across
// launches), and is given whole to the current session on every change and on every start; logpoint hits
// are read back from the session. Gutter (line) breakpoints belong to the job file: swapped in when a job
// opens, saved per job on every change (line-breakpoint-storage.ts), and moved when edits move their lines.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { RiffleError } from '@common/errors'
import type { BreakpointSpec, BreakpointStatus, LogpointHit } from '@common/debug-api'
import { getClient } from '../client'
import { shortTimestamp, type TimeZoneChoice } from '../format'
import { isRecord, readStored, writeStored } from '../prefs/storage'
import { loadLineBreakpoints, saveLineBreakpoints, type StoredLineBreakpoint } from './line-breakpoint-storage'
import { useEditorStore } from './editor'
import { editorLineMessage, runLines } from './run-lines'
import { useSessionStore } from './session'

export type LineBreakpoint = Extract<BreakpointSpec, { kind: 'line' }>

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
    case 'line': return `line ${b.line}${b.condition ? ' when ' + b.condition : ''}`
  }
}

/**
 * A hit's detail as the time-travel bar shows it: the session says a timer's time and a late event's timestamp and
 * watermark in epoch milliseconds ("EVENT_TIME timer at 1708849800000"); each is shown as its readable time, in the
 * zone the status bar shows, with the number after it (where the bar cuts the hit, at 1024 px, it cuts the number).
 */
export function hitDetailText(detail: string, zone: TimeZoneChoice): string {
  // The breakpoint's own description says "late event" already: the detail's prefix would say it twice.
  return detail.replace(/^late event: /, '').replace(/\b(timer at|timestamp|watermark) (-?\d+)\b/g, (_, word: string, ms: string) => {
    const readable = shortTimestamp(Number(ms), zone)
    return `${word} ${readable === ms ? ms : `${readable} (${ms})`}`
  })
}

/**
 * Why a line breakpoint can never hit, or undefined: no code on its line, its line edited since Start, or the session
 * refused its condition or log message (it does not compile, or writes through `this`). The gutter draws it
 * unverified with this in its hover, and its widget says it.
 */
export function neverHits(b: { condition?: string; log?: string }, st: BreakpointStatus | undefined): string | undefined {
  if (st === undefined) return undefined
  if (st.ok || st.error === undefined) return st.unverified
  return b.condition && !b.log ? st.error.replace(/^expression (does not compile|cannot use|cannot change)/, 'the condition $1') : st.error
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
  // Line breakpoints are remembered per job file (persistLines below), the others here.
  watch(list, (l) => writeStored(BREAKPOINTS_KEY, l.filter((b) => b.kind !== 'line')), { deep: true })
  /** The session's answer for each id (a bad expression is ok: false with the compiler's message). */
  const statuses = shallowRef<Record<string, BreakpointStatus>>({})
  /** Recorded hits of each logpoint, read after each change and each step result. */
  const hits = shallowRef<Record<string, LogpointHit[]>>({})
  const error = ref<string | null>(null)
  /** The job file the line breakpoints belong to. */
  const jobPath = ref('')
  // New ids continue after the remembered ones.
  let nextId = 1 + Math.max(0, ...list.value.map((b) => Number(/^bp(\d+)$/.exec(b.id)?.[1] ?? 0)))

  const lineBreakpoints = computed(() => list.value.filter((b): b is LineBreakpoint => b.kind === 'line'))

  function persistLines(): void {
    saveLineBreakpoints(jobPath.value, lineBreakpoints.value.map((b): StoredLineBreakpoint => ({
      line: b.line, enabled: b.enabled !== false,
      ...(b.condition ? { condition: b.condition } : {}), ...(b.log ? { log: b.log } : {}),
    })))
  }

  /** A job was opened: its saved line breakpoints replace the previous job's. */
  async function useJob(path: string): Promise<void> {
    if (path === jobPath.value) return
    jobPath.value = path
    const loaded = loadLineBreakpoints(path).map((b): LineBreakpoint => ({
      id: 'bp' + nextId++, kind: 'line', line: b.line, enabled: b.enabled,
      ...(b.condition ? { condition: b.condition } : {}), ...(b.log ? { log: b.log } : {}),
    }))
    list.value = [...list.value.filter((b) => b.kind !== 'line'), ...loaded]
    await sync()
  }

  /** A click in the gutter: a breakpoint on the line goes, or a new one comes. */
  async function toggleLine(line: number): Promise<void> {
    const there = lineBreakpoints.value.filter((b) => b.line === line)
    if (there.length > 0) {
      const gone = new Set(there.map((b) => b.id))
      list.value = list.value.filter((b) => !gone.has(b.id))
    } else {
      list.value = [...list.value, { id: 'bp' + nextId++, kind: 'line', line, enabled: true }]
    }
    persistLines()
    await sync()
  }

  /** Sets (or, with '', removes) a line breakpoint's condition and log message; adds one on `line` if none is there. */
  async function editLine(line: number, edit: { condition?: string; log?: string; enabled?: boolean }): Promise<void> {
    const current = lineBreakpoints.value.find((b) => b.line === line)
    const base: LineBreakpoint = current ?? { id: 'bp' + nextId++, kind: 'line', line, enabled: true }
    const next: LineBreakpoint = { id: base.id, kind: 'line', line, enabled: edit.enabled ?? base.enabled ?? true }
    const condition = (edit.condition ?? base.condition ?? '').trim()
    const log = (edit.log ?? base.log ?? '').trim()
    if (condition) next.condition = condition
    if (log) next.log = log
    list.value = current ? list.value.map((b) => (b.id === base.id ? next : b)) : [...list.value, next]
    persistLines()
    await sync()
  }

  /** Edits moved lines: Monaco's decorations tracked each breakpoint to its new line. */
  async function moveLines(lines: Record<string, number>): Promise<void> {
    let moved = false
    list.value = list.value.map((b) => {
      const to = lines[b.id]
      if (b.kind !== 'line' || to === undefined || to === b.line) return b
      moved = true
      return { ...b, line: to }
    })
    if (!moved) return
    persistLines()
    await sync()
  }

  /** Gives the whole list to the current session (no session: kept for the next start). */
  async function sync(): Promise<void> {
    const session = useSessionStore()
    const id = session.sessionId
    if (!id) return
    // The session runs the text it was started with: after an edit, a gutter breakpoint goes to it at its line in
    // that text (the editor's line would stop on another line, or be judged unverified there), and one on a line the
    // edit changed waits for Restart, saying so.
    const runText = session.startedSource
    const editorText = useEditorStore().source
    const held: BreakpointStatus[] = []
    const sent: BreakpointSpec[] = []
    const runLine = runText === null ? null : runLines(runText, editorText)
    for (const b of list.value) {
      const line = b.kind === 'line' && runLine !== null ? runLine(b.line) : null
      if (b.kind !== 'line' || runText === null) sent.push({ ...b })
      else if (line === null) held.push({ id: b.id, ok: true, unverified: 'this line was edited since the session started: Restart runs the edited job' })
      else sent.push({ ...b, line })
    }
    try {
      const result = await getClient().call('session.setBreakpoints', id, sent)
      // The service names the session's line; the user sees the breakpoint on its editor line.
      const shown = result.map((st) => {
        const b = list.value.find((x) => x.id === st.id)
        const at = sent.find((x) => x.id === st.id)
        if (st.unverified === undefined || b?.kind !== 'line' || at?.kind !== 'line') return st
        return { ...st, unverified: editorLineMessage(st.unverified, at.line, b.line) }
      })
      statuses.value = Object.fromEntries([...shown, ...held].map((s) => [s.id, s]))
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
    persistLines()
    await sync()
  }

  async function setEnabled(id: string, enabled: boolean): Promise<void> {
    list.value = list.value.map((b) => (b.id === id ? { ...b, enabled } : b))
    persistLines()
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

  return {
    list, statuses, hits, error, jobPath, lineBreakpoints, sync, add, remove, setEnabled, refreshHits,
    useJob, toggleLine, editLine, moveLines,
  }
})
