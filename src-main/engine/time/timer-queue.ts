// One operator's timers of one time domain: a priority queue by timestamp, deduplicated per
// (key, timestamp) as Flink's InternalTimerServiceImpl (T1), with delete (T2) and poll-before-fire (T5).
// Ties on timestamp fire in registration order (Flink promises no order, T3; Riffle picks one so a
// replay is deterministic).

export interface Timer {
  readonly timestamp: number
  readonly keyStr: string
  readonly key: unknown
  /** Registration sequence number: the tie-breaker. */
  readonly seq: number
  /** False once deleted or fired; the heap drops dead entries lazily. */
  live: boolean
}

export interface TimerDump { timestamp: number; keyStr: string; key: unknown; seq: number }

export class TimerQueue {
  private heap: Timer[] = []
  // Per key: the one timer it has (the common case, no allocation) or a Map by timestamp.
  private readonly byKey = new Map<string, Timer | Map<number, Timer>>()
  private liveCount = 0
  private seq = 0

  get size(): number { return this.liveCount }

  /** T1: registering an existing (key, timestamp) is a no-op. Returns true when a timer was added. */
  register(timestamp: number, keyStr: string, key: unknown): boolean {
    const slot = this.byKey.get(keyStr)
    const t: Timer = { timestamp, keyStr, key, seq: 0, live: true }
    if (slot === undefined) {
      this.byKey.set(keyStr, t)
    } else if (slot instanceof Map) {
      if (slot.has(timestamp)) return false
      slot.set(timestamp, t)
    } else {
      if (slot.timestamp === timestamp) return false
      this.byKey.set(keyStr, new Map([[slot.timestamp, slot], [timestamp, t]]))
    }
    ;(t as { seq: number }).seq = this.seq++
    this.push(t)
    this.liveCount++
    return true
  }

  /** T2: deleting a timer that does not exist is a no-op. Returns true when one was deleted. */
  delete(timestamp: number, keyStr: string): boolean {
    const t = this.find(timestamp, keyStr)
    if (t === undefined) return false
    this.unindex(t)
    if (this.heap.length > 1024 && this.heap.length > 4 * this.liveCount) this.compact()
    return true
  }

  /** The live timer with the smallest (timestamp, seq), without removing it. */
  peek(): Timer | undefined {
    const h = this.heap
    while (h.length > 0 && !h[0].live) this.popTop()
    return h[0]
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
    const slot = this.byKey.get(keyStr)
    if (slot === undefined) return []
    if (!(slot instanceof Map)) return [slot.timestamp]
    return [...slot.keys()].sort((a, b) => a - b)
  }

  countOf(keyStr: string): number {
    const slot = this.byKey.get(keyStr)
    return slot === undefined ? 0 : slot instanceof Map ? slot.size : 1
  }

  /** Every live timer in firing order. */
  all(): Timer[] {
    const out: Timer[] = []
    for (const slot of this.byKey.values()) {
      if (slot instanceof Map) for (const t of slot.values()) out.push(t)
      else out.push(slot)
    }
    return out.sort(compare)
  }

  keys(): IterableIterator<string> { return this.byKey.keys() }

  dump(): TimerDump[] {
    return this.all().map((t) => ({ timestamp: t.timestamp, keyStr: t.keyStr, key: t.key, seq: t.seq }))
  }

  restore(timers: TimerDump[], nextSeq: number): void {
    this.heap = []
    this.byKey.clear()
    this.liveCount = 0
    this.seq = 0
    for (const d of [...timers].sort((a, b) => a.seq - b.seq)) {
      this.seq = d.seq
      this.register(d.timestamp, d.keyStr, d.key)
    }
    this.seq = nextSeq
  }

  nextSeq(): number { return this.seq }

  private find(timestamp: number, keyStr: string): Timer | undefined {
    const slot = this.byKey.get(keyStr)
    if (slot === undefined) return undefined
    if (slot instanceof Map) return slot.get(timestamp)
    return slot.timestamp === timestamp ? slot : undefined
  }

  private unindex(t: Timer): void {
    t.live = false
    const slot = this.byKey.get(t.keyStr)
    if (slot instanceof Map) {
      slot.delete(t.timestamp)
      if (slot.size === 1) this.byKey.set(t.keyStr, slot.values().next().value as Timer)
    } else {
      this.byKey.delete(t.keyStr)
    }
    this.liveCount--
  }

  private compact(): void {
    this.heap = this.heap.filter((t) => t.live)
    this.heap.sort(compare)
  }

  private push(t: Timer): void {
    const h = this.heap
    let i = h.length
    h.push(t)
    while (i > 0) {
      const p = (i - 1) >> 1
      if (compare(h[p], t) <= 0) break
      h[i] = h[p]
      i = p
    }
    h[i] = t
  }

  private popTop(): void {
    const h = this.heap
    const last = h.pop()!
    const n = h.length
    if (n === 0) return
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      const c = r < n && compare(h[r], h[l]) < 0 ? r : l
      if (compare(h[c], last) >= 0) break
      h[i] = h[c]
      i = c
    }
    h[i] = last
  }
}

function compare(a: Timer, b: Timer): number {
  return a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.seq - b.seq
}
