// The hand-written classic-level baseline for the LevelDB backend: the reference
// sessionization (bench/hand-loop.mjs) with its per-user state in LevelDB, written the way one would
// by hand: getSync on a cache miss, a write-back Map cache, one awaited chained db.batch() every 10 000
// events.
// Timers stay in an in-memory heap, as in hand-loop.mjs. This file is the one place outside
// src-main/engine/state/leveldb/ that imports classic-level: the baseline must not use Riffle's code.
import { ClassicLevel } from 'classic-level'
import { timerHeap } from './hand-loop.mjs'

const GAP = 30 * 60 * 1000
const BOUND = 5000
const BATCH_EVERY = 10_000

/**
 * Runs the sessionization over `events` ({ ts, user_id } objects, any iterable) with state in a fresh
 * LevelDB at `dir`. `cacheEntries` caps the Map cache (clean entries are dropped beyond it).
 * Returns { events, sessions, millis, eventsPerSec }.
 */
export async function runLevelDbHandLoop(events, dir, { cacheEntries = 100_000, emit = () => {} } = {}) {
  const db = new ClassicLevel(dir, { keyEncoding: 'utf8', valueEncoding: 'utf8' })
  await db.open()
  const cache = new Map() // user -> state object, or null for "known absent"
  let dirty = new Map() // user -> state object, or null for delete
  const read = (user) => {
    const hit = cache.get(user)
    if (hit !== undefined) return hit
    const text = db.getSync(user)
    const s = text === undefined ? null : JSON.parse(text)
    cache.set(user, s)
    return s
  }
  const write = (user, s) => { cache.set(user, s); dirty.set(user, s) }
  const flush = async () => {
    // A chained batch, as the engine uses: about twice as fast as db.batch(array) on classic-level 3.
    const ops = db.batch()
    for (const [user, s] of dirty) { if (s === null) ops.del(user); else ops.put(user, JSON.stringify(s)) }
    const n = dirty.size
    dirty = new Map()
    if (n > 0) await ops.write()
    else await ops.close()
    if (cache.size > cacheEntries) {
      // Everything is clean after the batch: drop the oldest entries down to the cap.
      for (const user of cache.keys()) { if (cache.size <= cacheEntries) break; cache.delete(user) }
    }
  }

  const heap = timerHeap() // [ts, seq, user, live]
  const timers = new Map()
  let seq = 0
  let maxTs = null
  let watermark = -Infinity
  let sessions = 0
  const fire = (w) => {
    while (heap.size() > 0 && (!heap.top()[3] || heap.top()[0] <= w)) {
      const t = heap.pop()
      if (!t[3]) continue
      timers.delete(t[2])
      const s = read(t[2])
      sessions++
      emit({ user_id: t[2], start: s.start, end: t[0], count: s.count }, t[0])
      write(t[2], null)
    }
  }

  const started = performance.now()
  let n = 0
  try {
    for (const e of events) {
      const ts = e.ts
      const user = e.user_id
      const s = read(user)
      const timeoutAt = ts + GAP
      if (s === null) {
        const t = [timeoutAt, seq++, user, true]; heap.push(t); timers.set(user, t)
        write(user, { start: ts, count: 1, timeoutAt })
      } else {
        if (timeoutAt > s.timeoutAt) {
          timers.get(user)[3] = false
          const t = [timeoutAt, seq++, user, true]; heap.push(t); timers.set(user, t)
          s.timeoutAt = timeoutAt
        }
        if (ts < s.start) s.start = ts
        s.count++
        write(user, s)
      }
      if (maxTs === null || ts > maxTs) maxTs = ts
      const w = maxTs - BOUND - 1
      if (w > watermark) { watermark = w; fire(w) }
      if (++n % BATCH_EVERY === 0) await flush()
    }
    fire(Infinity)
    await flush()
  } finally {
    await db.close()
  }
  const millis = performance.now() - started
  return { events: n, sessions, millis, eventsPerSec: Math.round(n / (millis / 1000)) }
}

/**
 * Pre-fills the database at `dir` with `count` records `keyOf(i)` -> JSON of `valueOf(i)`, in batches
 * of 10 000: the benchmark's dormant state, so the loop runs over a database many times its cache.
 */
export async function prefillHandLoopDb(dir, count, keyOf, valueOf) {
  const db = new ClassicLevel(dir, { keyEncoding: 'utf8', valueEncoding: 'utf8' })
  await db.open()
  try {
    for (let i = 0; i < count;) {
      const ops = []
      for (const end = Math.min(count, i + BATCH_EVERY); i < end; i++) ops.push({ type: 'put', key: keyOf(i), value: JSON.stringify(valueOf(i)) })
      await db.batch(ops)
    }
  } finally {
    await db.close()
  }
}
