#!/usr/bin/env node
// Deterministic recording generator (seeded PRNG, streaming writes): clickstreams, login logs, payments.
//
//   node scripts/gen-recording.mjs --events 2000000 --users 100000 [--out recordings/big-clicks.jsonl]
//                                  [--seed 1] [--kind clicks|logins|payments]
//
// Same arguments → same bytes, on any machine (no Date.now, no Math.random). A ".gz" --out is gzipped.
// Events are written in ARRIVAL order: each one arrives 0–3 s after its timestamp (bounded disorder), so
// arrival order ≠ timestamp order, as from a real source. Payments add redeliveries hours later.
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { once } from 'node:events'
import { createGzip } from 'node:zlib'

/** 2024-02-25T08:00:00Z: the seed article's date. */
export const START_MS = Date.UTC(2024, 1, 25, 8, 0, 0)
const SEC = 1000
const MIN = 60 * SEC
const HOUR = 60 * MIN
/** Largest arrival delay of an ordinary event: the disorder bound (a 5 s bounded-out-of-orderness covers it). */
const MAX_DELAY = 3 * SEC

// ---- seeded PRNG (sfc32 seeded through splitmix32: fast, well mixed, reproducible) ----
function makeRandom(seed) {
  let s = seed >>> 0
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = split(), b = split(), c = split(), d = split()
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    exp: (mean) => -Math.log(1 - next()) * mean,
  }
}

// ---- a binary min-heap over [time, seq, value] (seq breaks ties deterministically) ----
class Heap {
  constructor() { this.a = [] }
  get size() { return this.a.length }
  peek() { return this.a[0] }
  less(x, y) { return x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]) }
  push(item) {
    const a = this.a
    a.push(item)
    let i = a.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!this.less(a[i], a[p])) break
      ;[a[i], a[p]] = [a[p], a[i]]
      i = p
    }
  }
  pop() {
    const a = this.a
    const top = a[0]
    const last = a.pop()
    if (a.length > 0) {
      a[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1, r = l + 1
        let m = i
        if (l < a.length && this.less(a[l], a[m])) m = l
        if (r < a.length && this.less(a[r], a[m])) m = r
        if (m === i) break
        ;[a[i], a[m]] = [a[m], a[i]]
        i = m
      }
    }
    return top
  }
}

function userId(i, users) {
  return 'u' + String(i).padStart(Math.max(5, String(users - 1).length), '0')
}

// ---- clickstream: sessions of activity separated by idle gaps ----
/**
 * Within a session most gaps are seconds, some minutes, and 5% are 10–29 min: still one session under a
 * 30-minute inactivity gap, but longer than 30 min from its FIRST event, which exposes a sessionizer that
 * never deletes its earlier timer. Between sessions the gap is always over 30 min.
 */
function clicksModel(rnd, users) {
  const state = []
  for (let i = 0; i < users; i++) state.push({ id: userId(i, users), left: rnd.int(2, 25), cart: 0, page: rnd.int(1, 999) })
  const withinGap = () => {
    const r = rnd.next()
    if (r < 0.85) return rnd.int(2 * SEC, 90 * SEC)
    if (r < 0.95) return rnd.int(1 * MIN, 9 * MIN)
    return rnd.int(10 * MIN, 29 * MIN)
  }
  const idleGap = () => (rnd.chance(0.8) ? rnd.int(31 * MIN, 4 * HOUR) : rnd.int(4 * HOUR, 14 * HOUR))
  return {
    firstTime: () => START_MS + rnd.int(0, 6 * HOUR),
    /** Emits the user's event at t and returns the time of its next one. */
    act(i, t, emit) {
      const u = state[i]
      const r = rnd.next()
      let type
      if (u.cart > 0 && r < 0.12) { type = 'purchase'; u.cart = 0 }
      else if (r < 0.22) { type = 'add_to_cart'; u.cart++ }
      else if (r < 0.5) type = 'click'
      else { type = 'view'; u.page = rnd.int(1, 999) }
      emit({ ts: t, user_id: u.id, type, page: '/p/' + u.page })
      if (u.left > 1) { u.left--; return t + withinGap() }
      u.left = rnd.int(2, 25)
      u.cart = 0
      return t + idleGap()
    },
  }
}

// ---- login log: normal logins, bursts of failures (3+ within a minute) and slow failures (spread > 1 min) ----
function loginsModel(rnd, users) {
  const home = []
  for (let i = 0; i < users; i++) home.push(`10.${rnd.int(0, 255)}.${rnd.int(0, 255)}.${rnd.int(1, 254)}`)
  const foreign = () => `203.0.113.${rnd.int(1, 254)}`
  return {
    firstTime: () => START_MS + rnd.int(0, 2 * HOUR),
    act(i, t, emit) {
      const id = userId(i, users)
      const ev = (ts, result, ip) => emit({ ts, user_id: id, result, ip })
      const r = rnd.next()
      let at = t
      if (r < 0.05) {
        // A burst: 3–6 failures 2–10 s apart (all within one minute), sometimes ending in a success.
        const ip = foreign()
        const n = rnd.int(3, 6)
        for (let k = 0; k < n; k++) { ev(at, 'failure', ip); at += rnd.int(2 * SEC, 10 * SEC) }
        if (rnd.chance(0.3)) ev(at, 'success', ip)
      } else if (r < 0.1) {
        // Slow: exactly 3 failures 35–80 s apart (spread over more than a minute), then a success.
        for (let k = 0; k < 3; k++) { ev(at, 'failure', home[i]); at += rnd.int(35 * SEC, 80 * SEC) }
        ev(at, 'success', home[i])
      } else if (r < 0.25) {
        ev(at, 'failure', home[i]) // a typo, then the right password
        ev(at + rnd.int(3 * SEC, 20 * SEC), 'success', home[i])
      } else {
        ev(at, 'success', home[i])
      }
      return at + Math.round(rnd.exp(3 * HOUR)) + 2 * MIN
    },
  }
}

// ---- payments: each has an event_id; some are redelivered seconds to hours later ----
function paymentsModel(rnd, users) {
  let n = 0
  const currencies = ['EUR', 'EUR', 'EUR', 'USD', 'GBP']
  return {
    firstTime: () => START_MS + rnd.int(0, 1 * HOUR),
    act(i, t, emit) {
      n++
      const p = {
        event_id: 'pay-' + String(n).padStart(7, '0'),
        ts: t,
        user_id: userId(i, users),
        amount: rnd.int(100, 25000) / 100,
        currency: rnd.pick(currencies),
      }
      emit(p)
      if (rnd.chance(0.1)) {
        const r = rnd.next()
        const delay = r < 0.4 ? rnd.int(1 * SEC, 30 * SEC)
          : r < 0.7 ? rnd.int(30 * SEC, 10 * MIN)
          : r < 0.9 ? rnd.int(10 * MIN, 2 * HOUR)
          : rnd.int(2 * HOUR, 6 * HOUR)
        emit(p, delay) // the same event again (at-least-once delivery)
      }
      return t + Math.round(rnd.exp(45 * MIN)) + SEC
    },
  }
}

const MODELS = { clicks: clicksModel, logins: loginsModel, payments: paymentsModel }

/**
 * Writes `events` lines to `out`. Users are simulated in timestamp order (a heap of next-activity times);
 * each emitted event gets an arrival time (ts + 0–3 s for 20% of them, or an explicit redelivery delay)
 * and a second heap releases events in arrival order once no earlier arrival can still be produced.
 */
export async function generate({ events, users, seed, kind, out }) {
  const rnd = makeRandom(seed)
  const model = MODELS[kind](rnd, users)
  await mkdir(dirname(out), { recursive: true })
  const file = createWriteStream(out)
  const gz = out.endsWith('.gz') ? createGzip({ level: 6 }) : null
  if (gz) gz.pipe(file)
  const sink = gz ?? file
  let buf = ''
  let written = 0
  const flush = async () => {
    if (buf.length === 0) return
    const chunk = buf
    buf = ''
    if (!sink.write(chunk)) await once(sink, 'drain')
  }

  const userHeap = new Heap()
  for (let i = 0; i < users; i++) userHeap.push([model.firstTime(), i, i])
  const arrivals = new Heap()
  let seq = 0
  const emit = (obj, redeliverAfter) => {
    const delay = redeliverAfter ?? (rnd.chance(0.2) ? rnd.int(0, MAX_DELAY) : 0)
    arrivals.push([obj.ts + delay, seq++, JSON.stringify(obj)])
  }
  while (written < events && userHeap.size > 0) {
    const [t, , i] = userHeap.pop()
    // Every event still to be generated has ts ≥ t, so it arrives at ≥ t: anything arriving before is final.
    while (arrivals.size > 0 && arrivals.peek()[0] < t && written < events) {
      buf += arrivals.pop()[2] + '\n'
      written++
      if (buf.length > 1 << 20) await flush()
    }
    if (written >= events) break
    userHeap.push([model.act(i, t, emit), i, i])
  }
  while (arrivals.size > 0 && written < events) {
    buf += arrivals.pop()[2] + '\n'
    written++
    if (buf.length > 1 << 20) await flush()
  }
  await flush()
  sink.end()
  await once(file, 'close')
  return { written }
}

function parseArgs(argv) {
  const opts = { events: 50000, users: 1000, seed: 1, kind: 'clicks', out: null }
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]
    const val = () => {
      const v = argv[++k]
      if (v === undefined) fail(`${a} needs a value`)
      return v
    }
    const int = (name) => {
      const v = Number(val())
      if (!Number.isSafeInteger(v) || v < (name === 'seed' ? 0 : 1)) fail(`--${name} must be a positive integer`)
      return v
    }
    if (a === '--events') opts.events = int('events')
    else if (a === '--users') opts.users = int('users')
    else if (a === '--seed') opts.seed = int('seed')
    else if (a === '--out') opts.out = val()
    else if (a === '--kind') {
      opts.kind = val()
      if (!(opts.kind in MODELS)) fail(`--kind must be one of ${Object.keys(MODELS).join(', ')}`)
    } else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: gen-recording.mjs [--events N] [--users N] [--seed N] [--kind clicks|logins|payments] [--out FILE]\n')
      process.exit(0)
    } else fail(`unknown argument ${a}`)
  }
  opts.out ??= `recordings/big-${opts.kind}.jsonl`
  return opts
}

function fail(msg) {
  process.stderr.write(`gen-recording: ${msg}\n`)
  process.exit(2)
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('gen-recording.mjs')) {
  const opts = parseArgs(process.argv.slice(2))
  const t0 = performance.now()
  const { written } = await generate(opts)
  const s = ((performance.now() - t0) / 1000).toFixed(1)
  process.stderr.write(`gen-recording: wrote ${written} ${opts.kind} events for ${opts.users} users to ${opts.out} in ${s} s\n`)
}
