// Every example job runs through the command line on its recording, and its output is checked against
// what the recording says should happen, computed independently here.
import { beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { readJsonl, root, runExample } from './run-cli'

type Click = { ts: number; user_id: string; type: string }
type Session = { user_id: string; session_start: number | null; session_end: number; event_count: number | null }
type Login = { ts: number; user_id: string; result: string; ip: string }
type Payment = { ts: number; event_id: string; user_id: string; amount: number }

const GAP = 30 * 60 * 1000

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')])
})

/** The true sessions of the recording: per user, events in time order split at gaps of 30 minutes or more. */
function trueSessions(clicks: Click[]): Session[] {
  const byUser = new Map<string, number[]>()
  for (const c of clicks) (byUser.get(c.user_id) ?? byUser.set(c.user_id, []).get(c.user_id)!).push(c.ts)
  const out: Session[] = []
  for (const [user, tss] of byUser) {
    tss.sort((a, b) => a - b)
    let start = tss[0]
    let last = tss[0]
    let n = 0
    for (const ts of tss) {
      if (ts >= last + GAP) {
        out.push({ user_id: user, session_start: start, session_end: last + GAP, event_count: n })
        start = ts
        n = 0
      }
      last = ts
      n++
    }
    out.push({ user_id: user, session_start: start, session_end: last + GAP, event_count: n })
  }
  return out
}

const sortSessions = (s: Session[]): Session[] => [...s].sort((a, b) => (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : a.session_end - b.session_end))

describe('examples through npx riffle run', () => {
  const clicks = readJsonl<Click>('clicks.jsonl')

  it('running-count emits each user\'s count so far, ending at the user\'s number of events', () => {
    const out = runExample('running-count.ts', 'clicks.jsonl')
    expect(out).toHaveLength(clicks.length)
    const last = new Map<string, number>()
    for (const o of out) {
      const [user, n] = o.value as [string, number]
      expect(n).toBe((last.get(user) ?? 0) + 1)
      last.set(user, n)
    }
    const expected = new Map<string, number>()
    for (const c of clicks) expected.set(c.user_id, (expected.get(c.user_id) ?? 0) + 1)
    expect(last).toEqual(expected)
    // C2: no timestamp assigner in this job, so outputs carry none.
    expect(out.every((o) => o.timestamp === null)).toBe(true)
  })

  it('sessionizer-fixed emits exactly the true 30-minute-gap sessions, stamped with the timer time (E7)', () => {
    const out = runExample('sessionizer-fixed.ts', 'clicks.jsonl')
    const sessions = out.map((o) => o.value as Session)
    expect(sortSessions(sessions)).toEqual(sortSessions(trueSessions(clicks)))
    for (const o of out) expect(o.timestamp).toBe((o.value as Session).session_end)
  })

  it('the seed sessionizer closes live sessions early: its first timer fires 30 min after the FIRST event', () => {
    const seed = runExample('sessionizer-seed.ts', 'clicks.jsonl').map((o) => o.value as Session)
    const fixed = runExample('sessionizer-fixed.ts', 'clicks.jsonl').map((o) => o.value as Session)
    // Every event leaves its own timer behind (it deletes a timer at `now`, which never exists), and each fires.
    expect(seed).toHaveLength(clicks.length)
    // The stale timers fire after the state was cleared: sessions with no start and no count.
    expect(seed.filter((s) => s.session_start === null).length).toBe(clicks.length - seed.filter((s) => s.session_start !== null).length)
    // Early closes: a seed session that ends before the real session (same user and start) ends.
    const real = new Map(fixed.map((s) => [`${s.user_id}@${s.session_start}`, s]))
    const early = seed.filter((s) => {
      if (s.session_start === null) return false
      const r = real.get(`${s.user_id}@${s.session_start}`)
      return r !== undefined && s.session_end < r.session_end
    })
    expect(early.length).toBeGreaterThan(100)
    for (const s of early) {
      expect(s.session_end).toBe((s.session_start as number) + GAP)
      expect(s.event_count!).toBeLessThanOrEqual(real.get(`${s.user_id}@${s.session_start}`)!.event_count!)
    }
  })

  it('failed-logins raises an alert on the "alerts" side output for three failures within one minute, and only then', () => {
    const logins = readJsonl<Login>('logins.jsonl')
    const out = runExample('failed-logins.ts', 'logins.jsonl')
    const alerts = out.filter((o) => o.tag === 'alerts').map((o) => o.value as { user_id: string; failures: number; first: number; last: number })
    const main = out.filter((o) => o.tag === undefined)
    expect(main).toHaveLength(logins.filter((l) => l.result === 'success').length)
    // Independent reference: each user's failures in arrival order (as the job sees them), same reset-after-alert rule.
    const expected: Array<{ user_id: string; last: number }> = []
    const recent = new Map<string, number[]>()
    for (const l of logins) {
      if (l.result !== 'failure') continue
      const r = (recent.get(l.user_id) ?? []).filter((t) => t > l.ts - 60_000)
      r.push(l.ts)
      if (r.length >= 3) { expected.push({ user_id: l.user_id, last: l.ts }); recent.set(l.user_id, []) } else recent.set(l.user_id, r)
    }
    const key = (a: { user_id: string; last: number }): string => `${a.user_id}@${a.last}`
    expect(alerts.map(key).sort()).toEqual(expected.map(key).sort())
    for (const a of alerts) {
      expect(a.failures).toBeGreaterThanOrEqual(3)
      expect(a.last - a.first).toBeLessThan(60_000)
    }
    expect(alerts.length).toBeGreaterThan(10)
  })

  it('dedup-ttl passes each event id once per hour and sends repeats to "duplicates"', () => {
    const payments = readJsonl<Payment>('payments.jsonl')
    const out = runExample('dedup-ttl.ts', 'payments.jsonl')
    const main = out.filter((o) => o.tag === undefined).map((o) => o.value as Payment)
    const dups = out.filter((o) => o.tag === 'duplicates').map((o) => o.value as Payment)
    expect(main.length + dups.length).toBe(payments.length)
    expect(dups.length).toBeGreaterThan(0)
    // TTL (processing time follows the records): an id passes again only after its stamp expired (U1).
    const passedAt = new Map<string, number>()
    let pt = 0
    const expectedMain: string[] = []
    for (const p of payments) {
      pt = Math.max(pt, p.ts)
      const at = passedAt.get(p.event_id)
      if (at === undefined || at + 3_600_000 <= pt) { passedAt.set(p.event_id, pt); expectedMain.push(`${p.event_id}@${p.ts}`) }
    }
    expect(main.map((p) => `${p.event_id}@${p.ts}`)).toEqual(expectedMain)
  })
})
