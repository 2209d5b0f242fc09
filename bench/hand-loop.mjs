// The hand-written sessionization the engine is measured against: the same logic as
// bench/reference-sessionizer.ts with a Map per key and a timer heap, no engine. Reads and parses the
// recording itself (chunked reads, split on newlines, JSON.parse), like the engine's reader.
import { openSync, readSync, closeSync, writeSync } from 'node:fs'

const GAP = 30 * 60 * 1000
const BOUND = 5000

/** A binary min-heap of timer entries [ts, seq, user, live], ordered by (ts, seq); shared by both hand loops. */
export function timerHeap() {
  const heap = []
  const less = (a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])
  return {
    size: () => heap.length,
    top: () => heap[0],
    push(t) {
      let i = heap.length
      heap.push(t)
      while (i > 0) { const p = (i - 1) >> 1; if (!less(t, heap[p])) break; heap[i] = heap[p]; i = p }
      heap[i] = t
    },
    pop() {
      const top = heap[0]; const last = heap.pop(); const n = heap.length
      if (n > 0) {
        let i = 0
        for (;;) { const l = 2 * i + 1; if (l >= n) break; const r = l + 1; const c = r < n && less(heap[r], heap[l]) ? r : l; if (!less(heap[c], last)) break; heap[i] = heap[c]; i = c }
        heap[i] = last
      }
      return top
    },
  }
}

export function handSessionize(events, emit) {
  const state = new Map()
  const heap = timerHeap()
  const timers = new Map() // user -> timer entry
  let seq = 0
  let maxTs = null
  let watermark = -Infinity
  const fire = (w) => {
    while (heap.size() > 0 && (!heap.top()[3] || heap.top()[0] <= w)) {
      const t = heap.pop()
      if (!t[3]) continue
      timers.delete(t[2])
      const s = state.get(t[2])
      emit({ user_id: t[2], start: s.start, end: t[0], count: s.count }, t[0])
      state.delete(t[2])
    }
  }
  const onEvent = (e) => {
    const ts = e.ts
    const user = e.user_id
    const s = state.get(user)
    const timeoutAt = ts + GAP
    if (s === undefined) {
      const t = [timeoutAt, seq++, user, true]; heap.push(t); timers.set(user, t)
      state.set(user, { start: ts, count: 1, timeoutAt })
    } else {
      if (timeoutAt > s.timeoutAt) {
        timers.get(user)[3] = false
        const t = [timeoutAt, seq++, user, true]; heap.push(t); timers.set(user, t)
        s.timeoutAt = timeoutAt
      }
      if (ts < s.start) s.start = ts
      s.count++
    }
    if (maxTs === null || ts > maxTs) maxTs = ts
    const w = maxTs - BOUND - 1
    if (w > watermark) { watermark = w; fire(w) }
  }
  for (const e of events) onEvent(e)
  fire(Infinity)
}

/** Streams the JSONL file in chunks, parsing each line, and runs the hand loop over it. */
export function* readJsonl(path) {
  const fd = openSync(path, 'r')
  const buf = Buffer.allocUnsafe(1 << 20)
  let rest = ''
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null)
      if (n === 0) break
      const text = rest + buf.toString('utf8', 0, n)
      let start = 0
      for (;;) {
        const nl = text.indexOf('\n', start)
        if (nl < 0) break
        if (nl > start) yield JSON.parse(text.slice(start, nl))
        start = nl + 1
      }
      rest = text.slice(start)
    }
    if (rest.trim() !== '') yield JSON.parse(rest)
  } finally {
    closeSync(fd)
  }
}

if (process.argv[2] && import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now()
  let sessions = 0
  const out = openSync('/dev/null', 'w')
  let events = 0
  const counted = (function* () { for (const e of readJsonl(process.argv[2])) { events++; yield e } })()
  let buf = []
  handSessionize(counted, (v, ts) => {
    sessions++
    buf.push(`{"value":${JSON.stringify(v)},"timestamp":${ts}}\n`)
    if (buf.length >= 1000) { writeSync(out, buf.join('')); buf = [] }
  })
  writeSync(out, buf.join(''))
  const millis = performance.now() - started
  process.stdout.write(JSON.stringify({ events, sessions, millis, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n')
}
