// Coalesces a stream of values per key into at most one delivery every `intervalMs` (the latest value
// wins), so the engine can report status on every step while the UI hears at most ~20 pushes a second.

export class Coalescer<T> {
  private readonly latest = new Map<string, T>()
  private readonly lastSent = new Map<string, number>()
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>()

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (key: string, value: T) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(key: string, value: T): void {
    this.latest.set(key, value)
    if (this.timers.has(key)) return
    const wait = (this.lastSent.get(key) ?? -Infinity) + this.intervalMs - this.now()
    if (wait <= 0) { this.flush(key); return }
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); this.flush(key) }, wait))
  }

  /** Delivers the pending value for the key now (used before a session-ended event so order holds). */
  flush(key: string): void {
    const t = this.timers.get(key)
    if (t) { clearTimeout(t); this.timers.delete(key) }
    if (!this.latest.has(key)) return
    const value = this.latest.get(key) as T
    this.latest.delete(key)
    this.lastSent.set(key, this.now())
    this.deliver(key, value)
  }

  forget(key: string): void {
    const t = this.timers.get(key)
    if (t) clearTimeout(t)
    this.timers.delete(key); this.latest.delete(key); this.lastSent.delete(key)
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t)
    this.timers.clear(); this.latest.clear()
  }
}
