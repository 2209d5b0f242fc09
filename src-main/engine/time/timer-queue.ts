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
  private readonly byKey = new Map<string, Map<number, Timer>>()
  private liveCount = 0
  private seq = 0

  get size(): number { return this.liveCount }

  /** T1: registering an existing (key, timestamp) is a no-op. Returns true when a timer was added. */
  register(timestamp: number, keyStr: string, key: unknown): boolean {
    let forKey = this.byKey.get(keyStr)
    if (forKey === undefined) {
      forKey = new Map()
      this.byKey.set(keyStr, forKey)
    } else if (forKey.has(timestamp)) {
      return false
    }
    const t: Timer = { timestamp, keyStr, key, seq: this.seq++, live: true }
    forKey.set(timestamp, t)
    this.push(t)
    this.liveCount++
    return true
  }

  /** T2: deleting a timer that does not exist is a no-op. Returns true when one was deleted. */
  delete(timestamp: number, keyStr: string): boolean {
    const forKey = this.byKey.get(keyStr)
    if (forKey === undefined) return false
    const t = forKey.get(timestamp)
    if (t === undefined) return false
    this.unindex(t, forKey)
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
    this.unindex(t, this.byKey.get(t.keyStr)!)
    return t
  }

  /** The head's timestamp if it is due at `time` (timestamp <= time), else undefined. */
  dueAt(time: number): boolean {
    const t = this.peek()
    return t !== undefined && t.timestamp <= time
  }

  timersOf(keyStr: string): number[] {
    const forKey = this.byKey.get(keyStr)
    return forKey === undefined ? [] : [...forKey.keys()].sort((a, b) => a - b)
  }

  countOf(keyStr: string): number { return this.byKey.get(keyStr)?.size ?? 0 }

  /** Every live timer in firing order. */
  all(): Timer[] {
    const out: Timer[] = []
    for (const m of this.byKey.values()) for (const t of m.values()) out.push(t)
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
    for (const d of timers) {
      const t: Timer = { timestamp: d.timestamp, keyStr: d.keyStr, key: d.key, seq: d.seq, live: true }
      let forKey = this.byKey.get(t.keyStr)
      if (forKey === undefined) { forKey = new Map(); this.byKey.set(t.keyStr, forKey) }
      forKey.set(t.timestamp, t)
      this.push(t)
      this.liveCount++
    }
    this.seq = nextSeq
  }

  nextSeq(): number { return this.seq }

  private unindex(t: Timer, forKey: Map<number, Timer>): void {
    t.live = false
    forKey.delete(t.timestamp)
    if (forKey.size === 0) this.byKey.delete(t.keyStr)
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
