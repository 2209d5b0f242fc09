// The inspector's data, always asked of the service: a paged, searchable, sortable key list (only the
// visible pages are fetched, so 100 k keys stay cheap), the selected key's state and timers, all pending
// timers, and the output log (main and side outputs, each with its step and key).
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { OutputTail, Page } from '@common/debug-api'
import type { KeyInfoView, KeyPageQuery, KeyStateView, TimerView } from '@common/views'
import { getClient } from '../client'
import { useSessionStore } from './session'

export const PAGE = 100
const OUTPUT_TAIL = 300
const TIMER_LIMIT = 500

export const useInspectorStore = defineStore('inspector', () => {
  const search = ref('')
  const sort = ref<NonNullable<KeyPageQuery['sort']>>('lastTouched')
  const descending = ref(true)
  const operatorId = ref<string | undefined>(undefined)
  const keyTotal = ref(0)
  /** The step the listed rows (and keyTotal) were read at: behind the status line between chunks of a run. */
  const listStep = ref(0)
  /** The search the listed rows (and keyTotal) answer: the box may hold newer text that its refresh has not read yet. */
  const listedSearch = ref('')
  /** Fetched key pages by page number; cleared whenever the query or the session moves on. */
  const pages = shallowRef(new Map<number, KeyInfoView[]>())
  const selected = ref<{ operatorId: string; keyStr: string } | null>(null)
  const keyState = shallowRef<KeyStateView | null>(null)
  const timers = shallowRef<Page<TimerView>>({ total: 0, offset: 0, items: [] })
  const outputs = shallowRef<OutputTail>({ total: 0, offset: 0, items: [], step: 0 })
  const outputKeyFilter = ref<string | null>(null)
  let generation = 0
  const inFlight = new Set<number>()
  /** The rows the list shows, so a refresh reloads those and not page 0 (the list may be scrolled far down). */
  let visible = { from: 0, to: PAGE }
  /**
   * True from the moment the list's rows are out of date (a step, a search, a sort) until the refresh that reads
   * them again has answered: the list is aria-busy meanwhile. Counted, so an older refresh ending does not clear
   * the mark of a newer step.
   */
  const listBusy = ref(false)
  let staleMarks = 0
  function markStale(): void {
    staleMarks++
    listBusy.value = true
  }

  const selectedKeyChanges = computed(() => {
    const step = useSessionStore().lastStep
    const sel = selected.value
    if (!step || !sel) return new Set<string>()
    return new Set(step.changes.filter((c) => c.keyStr === sel.keyStr && c.operatorId === sel.operatorId).map((c) => c.stateName))
  })

  const pagesOf = (from: number, to: number): number[] => {
    const out: number[] = []
    for (let p = Math.floor(from / PAGE); p <= Math.floor(Math.max(from, to - 1) / PAGE); p++) out.push(p)
    return out
  }

  function query(offset: number, limit: number): KeyPageQuery {
    return {
      operatorId: operatorId.value, search: search.value || undefined, sort: sort.value, descending: descending.value,
      offset, limit,
    }
  }

  function keyAt(index: number): KeyInfoView | undefined {
    return pages.value.get(Math.floor(index / PAGE))?.[index % PAGE]
  }

  /** Makes sure rows [from, to) are loaded (the virtual list calls this with its visible range). */
  async function ensureRows(from: number, to: number): Promise<void> {
    visible = { from, to }
    const id = useSessionStore().sessionId
    if (!id) return
    const gen = generation
    for (const p of pagesOf(from, to)) {
      if (pages.value.has(p) || inFlight.has(p)) continue
      inFlight.add(p)
      try {
        const page = await getClient().call('session.keys', id, query(p * PAGE, PAGE))
        if (gen !== generation) return
        keyTotal.value = page.total
        const next = new Map(pages.value)
        next.set(p, page.items)
        pages.value = next
      } finally { if (gen === generation) inFlight.delete(p) }
    }
  }

  /**
   * Re-reads everything visible after a step, a search or a sort change. One refresh at a time: a refresh
   * asked for while one is in flight runs once it answers. (Started at once, each would discard the one
   * before it; while a run keeps the worker busy every answer arrives after the next refresh began, so the
   * key list showed "0 keys" for the whole run.)
   */
  let current: Promise<void> | null = null
  let again = false
  function refresh(): Promise<void> {
    markStale()
    if (current) { again = true; return current }
    current = (async () => {
      try {
        await refreshNow()
        while (again) {
          again = false
          await refreshNow()
        }
      } finally { current = null; again = false }
    })()
    return current
  }

  async function refreshNow(): Promise<void> {
    const marks = staleMarks
    try {
      generation++
      inFlight.clear()
      const id = useSessionStore().sessionId
      if (!id) { pages.value = new Map(); keyTotal.value = 0; keyState.value = null; return }
      await Promise.all([reloadRows(id), refreshKey(), refreshTimers(), refreshOutputs()])
    } finally {
      if (marks === staleMarks) listBusy.value = false
    }
  }

  /**
   * Reads the shown pages again and swaps them in together. Until they answer the list keeps the rows it had:
   * emptied at once, every step blanked it to "…" for a moment, and a key pressed then (Down, Home) found no rows.
   */
  async function reloadRows(id: string): Promise<void> {
    const gen = generation
    const searched = search.value
    const fresh = new Map<number, KeyInfoView[]>()
    let total = 0
    // Asked with the first page, so answered at the same point of the run (the worker answers one call at a time).
    const at = getClient().call('session.status', id).then((st) => st.step, () => null)
    for (const p of pagesOf(visible.from, visible.to)) {
      const page = await getClient().call('session.keys', id, query(p * PAGE, PAGE))
      if (gen !== generation) return
      total = page.total
      fresh.set(p, page.items)
    }
    keyTotal.value = total
    listStep.value = (await at) ?? listStep.value
    if (gen !== generation) return
    listedSearch.value = searched
    pages.value = fresh
    // Rows scrolled to while these were read went into the map just replaced: read them into this one.
    await ensureRows(visible.from, visible.to)
  }

  // Only the newest key read may land: an answer for the key selected before a click (a refresh after a step
  // asked for it) can arrive after the clicked key's and would show the old key under the new selection.
  let keyRead = 0
  async function refreshKey(): Promise<void> {
    const id = useSessionStore().sessionId
    const sel = selected.value
    const read = ++keyRead
    const state = id && sel ? await getClient().call('session.keyState', id, sel.operatorId, sel.keyStr) : null
    if (read === keyRead) keyState.value = state
  }

  async function refreshTimers(): Promise<void> {
    const id = useSessionStore().sessionId
    if (id) timers.value = await getClient().call('session.timers', id, 0, TIMER_LIMIT)
  }

  // As for the key: a read started before the filter changed must not land after the filtered one.
  // One read for the count and the rows: read apart (the count, then the page at count - 300), a run going on
  // answered them a chunk apart, and the log said 100,000 outputs over the rows up to #49,999.
  let outputRead = 0
  async function refreshOutputs(): Promise<void> {
    const id = useSessionStore().sessionId
    if (!id) return
    const read = ++outputRead
    const filter = outputKeyFilter.value === null ? undefined : { keyStr: outputKeyFilter.value }
    const page = await getClient().call('session.outputTail', id, OUTPUT_TAIL, filter)
    if (read === outputRead) outputs.value = page
  }

  async function selectKey(op: string, keyStr: string): Promise<void> {
    selected.value = { operatorId: op, keyStr }
    await refreshKey()
  }

  function reset(): void {
    generation++
    staleMarks++
    listBusy.value = false
    pages.value = new Map()
    keyTotal.value = 0
    listStep.value = 0
    listedSearch.value = ''
    selected.value = null
    keyState.value = null
    timers.value = { total: 0, offset: 0, items: [] }
    outputs.value = { total: 0, offset: 0, items: [], step: 0 }
  }

  return {
    search, sort, descending, operatorId, keyTotal, listStep, listedSearch, pages, selected, keyState, timers, outputs, outputKeyFilter, listBusy,
    selectedKeyChanges, keyAt, ensureRows, markStale, refresh, refreshKey, refreshTimers, refreshOutputs, selectKey, reset,
  }
})
