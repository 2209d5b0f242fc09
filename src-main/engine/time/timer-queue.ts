// One operator's timers of one time domain: a priority queue by timestamp, deduplicated per
// (key, timestamp) as Flink's InternalTimerServiceImpl (T1), with delete (T2) and poll-before-fire (T5).
// Ties on timestamp fire in registration order (Flink promises no order, T3; Riffle picks one so a
// replay is deterministic).
//
// While nobody watches the queue (a run without time travel: the command line), deleting a key's only
// timer and registering a later one for it (a session timeout pushed back on every record) re-arms the
// deleted Timer object in place instead of allocating and pushing a new one: the heap entry keeps its old
// place (`at`, `atSeq`), which is never later than the timer's own (timestamp, seq), and is moved down
// when it reaches the top (as a lazy decrease-key heap does). The firing order is the same (timestamp,
// then registration order), with no allocation per record.
//
// Time travel (engine/history/timer-history.ts) watches the timers added and removed through the queue's
// watcher, and restores the live timers from its snapshots without touching keys that have none: a key's
// holder stays the same object for the queue's life except across a full restore(), so holder caches
// (KeyInfo.et/.pt) stay valid.

export interface Timer {
  readonly timestamp: number
  readonly keyStr: string
  readonly key: unknown
  /** Registration sequence number: the tie-breaker. */
  readonly seq: number
  /** False once deleted or fired; the heap drops dead entries lazily. */
  live: boolean
  /** The key's holder, so firing and deleting need no lookup by key. */
  readonly holder: TimerHolder
}

/**
 * One key's timers in one queue: the one timer it has (the common case) or a Map by timestamp. `ord`
 * caches the key's key-registry ordinal for time travel (timer-history.ts). A heap key registry's entry is
 * its key's event-time holder (key-registry.ts), so its `ord` is that ordinal already.
 */
export interface TimerHolder {
  keyStr: string
  slot: Timer | Map<number, Timer> | undefined
  ord?: number
  /** The key's last deleted timer while it is still in the heap (dead): re-armed by the next registration. */
  spare?: Timer
}

/** A timer in this queue's heap, with its place there: (timestamp, seq), or earlier when re-armed and not yet moved down. */
interface HeapTimer extends Timer {
  at: number
  atSeq: number
}

export interface TimerDump { timestamp: number; keyStr: string; key: unknown; seq: number }

/** Told of every timer the queue adds and removes (fired or deleted); restores are not told. */
export interface TimerQueueWatcher {
  added(t: Timer): void
  removed(t: Timer): void
}

export class TimerQueue {
  private heap: HeapTimer[] = []
  // Each heap slot's place (at, atSeq), in arrays beside the heap: a sift compares numbers in two
  // contiguous arrays instead of fields of timer objects scattered over the heap (a cache miss each), as
  // the reference loop's parallel-array heap does. The timers' own at/atSeq stay the truth; these mirror
  // them slot by slot.
  private heapAt: number[] = []
  private heapSeq: number[] = []
  private readonly holders = new Map<string, TimerHolder>()
  private liveCount = 0
  private seq = 0
  /** Time travel's journal, when it watches this queue. */
  watcher: TimerQueueWatcher | null = null
  /** Heap levels walked by adds and removals (O(log n) each; a key's own timers are a Map): what a test counts. */
  probes = 0

  get size(): number { return this.liveCount }

  /** The key's holder, created on first use (or `fresh`, timerless, becomes it). An operator caches it for the key it is processing. */
  holderFor(keyStr: string, fresh?: TimerHolder): TimerHolder {
    let h = this.holders.get(keyStr)
    if (h === undefined) {
      h = fresh !== undefined && fresh.keyStr === keyStr && fresh.slot === undefined && fresh.spare === undefined ? fresh : { keyStr, slot: undefined }
      this.holders.set(keyStr, h)
    }
    return h
  }

  /** T1: registering an existing (key, timestamp) is a no-op. Returns true when a timer was added. */
  register(timestamp: number, keyStr: string, key: unknown): boolean {
    return this.registerIn(this.holderFor(keyStr), timestamp, key)
  }

  registerIn(holder: TimerHolder, timestamp: number, key: unknown): boolean {
    const slot = holder.slot
    const spare = holder.spare as HeapTimer | undefined
    if (slot === undefined && spare !== undefined && spare.at <= timestamp && this.watcher === null) {
      // Re-arm the deleted timer still in the heap: its entry there is not later than the new timer.
      holder.spare = undefined
      const re = spare as { -readonly [P in keyof Timer]: Timer[P] }
      re.timestamp = timestamp
      re.key = key
      re.seq = this.seq++
      re.live = true
      holder.slot = spare
      this.liveCount++
      return true
    }
    const t: HeapTimer = { timestamp, keyStr: holder.keyStr, key, seq: this.seq, live: true, holder, at: timestamp, atSeq: this.seq }
    if (slot === undefined) {
      holder.slot = t
    } else if (slot instanceof Map) {
      if (slot.has(timestamp)) return false
      slot.set(timestamp, t)
    } else {
      if (slot.timestamp === timestamp) return false
      holder.slot = new Map([[slot.timestamp, slot], [timestamp, t]])
    }
    this.seq++
    this.push(t)
    this.liveCount++
    if (this.watcher !== null) this.watcher.added(t)
    return true
  }

  /** T2: deleting a timer that does not exist is a no-op. Returns true when one was deleted. */
  delete(timestamp: number, keyStr: string): boolean {
    const h = this.holders.get(keyStr)
    return h === undefined ? false : this.deleteIn(h, timestamp)
  }

  deleteIn(holder: TimerHolder, timestamp: number): boolean {
    const slot = holder.slot
    const t = slot === undefined ? undefined : slot instanceof Map ? slot.get(timestamp) : slot.timestamp === timestamp ? slot : undefined
    if (t === undefined) return false
    this.unindex(t)
    // Unwatched, a key's only timer stays in the heap as its spare for the next registration.
    if (this.watcher === null && holder.slot === undefined) holder.spare = t
    if (this.heap.length > 1024 && this.heap.length > 4 * this.liveCount) this.compact()
    return true
  }

  /** The live timer with the smallest (timestamp, seq), without removing it. */
  peek(): Timer | undefined {
    const h = this.heap
    for (;;) {
      if (h.length === 0) return undefined
      const t = h[0]
      if (!t.live) {
        if (t.holder.spare === t) t.holder.spare = undefined
        this.popTop()
        continue
      }
      if (t.at === t.timestamp && t.atSeq === t.seq) return t
      // A re-armed timer at its old place: move it down to its own.
      t.at = t.timestamp
      t.atSeq = t.seq
      this.siftDown(0, t)
    }
  }

  /** T5: removes the head before it fires, so deleting it inside onTimer is a no-op. */
  poll(): Timer | undefined {
    const t = this.peek()
    if (t === undefined) return undefined
    this.popTop()
    this.unindex(t)
    return t
  }

  /** True when the head is due at `time` (timestamp <= time). */
  dueAt(time: number): boolean {
    const t = this.peek()
    return t !== undefined && t.timestamp <= time
  }

  timersOf(keyStr: string): number[] {
    const slot = this.holders.get(keyStr)?.slot
    if (slot === undefined) return []
    if (!(slot instanceof Map)) return [slot.timestamp]
    return [...slot.keys()].sort((a, b) => a - b)
  }

  countOf(keyStr: string): number {
    const h = this.holders.get(keyStr)
    return h === undefined ? 0 : this.countIn(h)
  }

  countIn(holder: TimerHolder): number {
    const slot = holder.slot
    return slot === undefined ? 0 : slot instanceof Map ? slot.size : 1
  }

  /** Every live timer in firing order. */
  all(): Timer[] {
    const out: Timer[] = []
    for (const { slot } of this.holders.values()) {
      if (slot === undefined) continue
      if (slot instanceof Map) for (const t of slot.values()) out.push(t)
      else out.push(slot)
    }
    return out.sort(compareTimers)
  }

  /** Keys that have at least one timer. */
  *keys(): IterableIterator<string> {
    for (const h of this.holders.values()) if (h.slot !== undefined) yield h.keyStr
  }

  dumpStream(): Iterable<TimerDump> { return this.dump() }

  dump(): TimerDump[] {
    return this.all().map((t) => ({ timestamp: t.timestamp, keyStr: t.keyStr, key: t.key, seq: t.seq }))
  }

  restore(timers: TimerDump[], nextSeq: number): void {
    this.setHeap([])
    this.holders.clear()
    this.liveCount = 0
    // Dumps come in firing order, and an array sorted by (timestamp, seq) is already a valid heap:
    // rebuild in one linear pass (seeking restores snapshots often). Unsorted input is sorted first.
    let sorted = true
    for (let i = 1; i < timers.length && sorted; i++) sorted = compareDump(timers[i - 1], timers[i]) < 0
    const list = sorted ? timers : [...timers].sort(compareDump)
    const heap: HeapTimer[] = new Array(list.length)
    for (let i = 0; i < list.length; i++) {
      const d = list[i]
      const holder = this.holderFor(d.keyStr)
      const t: HeapTimer = { timestamp: d.timestamp, keyStr: d.keyStr, key: d.key, seq: d.seq, live: true, holder, at: d.timestamp, atSeq: d.seq }
      const slot = holder.slot
      if (slot === undefined) holder.slot = t
      else if (slot instanceof Map) slot.set(t.timestamp, t)
      else holder.slot = new Map([[slot.timestamp, slot], [t.timestamp, t]])
      heap[i] = t
    }
    this.setHeap(heap)
    this.liveCount = list.length
    this.seq = nextSeq
  }

  nextSeq(): number { return this.seq }

  // ---- time travel (engine/history/timer-history.ts) ----

  /** Every live timer, in no particular order. */
  liveTimers(): Timer[] {
    const out: Timer[] = []
    for (const t of this.heap) if (t.live) out.push(t)
    return out
  }

  /**
   * Makes exactly these timers (each once, their holders this queue's) the live ones, taking the array
   * as the heap; the next registration gets sequence number nextSeq. Costs the timers before and after,
   * not the keys.
   */
  restoreLive(timers: Timer[], nextSeq: number): void {
    for (const t of this.heap) {
      t.live = false
      t.holder.slot = undefined
      t.holder.spare = undefined
    }
    const placed = timers as HeapTimer[]
    for (const t of placed) {
      t.live = true
      t.at = t.timestamp
      t.atSeq = t.seq
      const holder = t.holder
      const slot = holder.slot
      if (slot === undefined) holder.slot = t
      else if (slot instanceof Map) slot.set(t.timestamp, t)
      else holder.slot = new Map([[slot.timestamp, slot], [t.timestamp, t]])
    }
    this.setHeap(placed)
    this.liveCount = timers.length
    this.seq = nextSeq
  }

  private unindex(t: Timer): void {
    if (this.watcher !== null) this.watcher.removed(t)
    t.live = false
    const h = t.holder
    const slot = h.slot
    if (slot instanceof Map) {
      slot.delete(t.timestamp)
      if (slot.size === 1) h.slot = slot.values().next().value as Timer
    } else {
      h.slot = undefined
    }
    this.liveCount--
  }

  // Drops deleted timers and restores the heap property bottom-up (Floyd): linear, not a sort.
  private compact(): void {
    for (const t of this.heap) if (!t.live && t.holder.spare === t) t.holder.spare = undefined
    this.setHeap(this.heap.filter((t) => t.live))
  }

  /** Takes the array as the heap: mirrors the places and restores the heap property bottom-up (Floyd: linear). */
  private setHeap(h: HeapTimer[]): void {
    const n = h.length
    const at: number[] = []
    const sq: number[] = []
    for (let i = 0; i < n; i++) { at.push(h[i].at); sq.push(h[i].atSeq) }
    this.heap = h
    this.heapAt = at
    this.heapSeq = sq
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i, h[i])
  }

  private push(t: HeapTimer): void {
    const h = this.heap
    const at = this.heapAt
    const sq = this.heapSeq
    const tAt = t.at
    const tSeq = t.atSeq
    let i = h.length
    const from = i
    h.push(t)
    at.push(tAt)
    sq.push(tSeq)
    while (i > 0) {
      const p = (i - 1) >> 1
      const pAt = at[p]
      if (pAt < tAt || (pAt === tAt && sq[p] <= tSeq)) break
      h[i] = h[p]
      at[i] = pAt
      sq[i] = sq[p]
      i = p
    }
    h[i] = t
    at[i] = tAt
    sq[i] = tSeq
    this.probes += 1 + Math.clz32(i + 1) - Math.clz32(from + 1)
  }

  private popTop(): void {
    const last = this.heap.pop()!
    this.heapAt.pop()
    this.heapSeq.pop()
    if (this.heap.length > 0) this.siftDown(0, last)
  }

  /** Places t (at its place t.at, t.atSeq) at slot start or below, moving smaller children up. */
  private siftDown(start: number, t: HeapTimer): void {
    const h = this.heap
    const at = this.heapAt
    const sq = this.heapSeq
    const tAt = t.at
    const tSeq = t.atSeq
    const n = h.length
    let i = start
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      let c = l
      if (r < n) {
        const rAt = at[r]
        const lAt = at[l]
        if (rAt < lAt || (rAt === lAt && sq[r] < sq[l])) c = r
      }
      const cAt = at[c]
      if (cAt > tAt || (cAt === tAt && sq[c] >= tSeq)) break
      h[i] = h[c]
      at[i] = cAt
      sq[i] = sq[c]
      i = c
    }
    h[i] = t
    at[i] = tAt
    sq[i] = tSeq
    this.probes += 1 + Math.clz32(start + 1) - Math.clz32(i + 1)
  }
}

function compareDump(a: TimerDump, b: TimerDump): number {
  return a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.seq - b.seq
}

function compareTimers(a: Timer, b: Timer): number {
  return a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.seq - b.seq
}
