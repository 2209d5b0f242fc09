// scripts/gen-recording.mjs: deterministic (same seed → same bytes) and shaped as documented.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from './helpers'

const tmp = tempDir()
afterAll(() => tmp.remove())
const SCRIPT = join(import.meta.dirname, '../../../scripts/gen-recording.mjs')

function gen(name: string, ...args: string[]): string {
  const out = join(tmp.dir, name)
  execFileSync(process.execPath, [SCRIPT, '--out', out, ...args], { stdio: 'pipe' })
  return out
}
const parse = (path: string): Record<string, unknown>[] =>
  readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)

describe('gen-recording', () => {
  it('the same seed gives the same bytes; another seed gives different ones', () => {
    const a = readFileSync(gen('a.jsonl', '--events', '3000', '--users', '50', '--seed', '7'))
    const b = readFileSync(gen('b.jsonl', '--events', '3000', '--users', '50', '--seed', '7'))
    const c = readFileSync(gen('c.jsonl', '--events', '3000', '--users', '50', '--seed', '8'))
    expect(a.equals(b)).toBe(true)
    expect(a.equals(c)).toBe(false)
  })

  it('clicks: exact count, start time, bounded disorder (≤ 3 s), and both kinds of within/between-session gaps', () => {
    const ev = parse(gen('clicks.jsonl', '--events', '20000', '--users', '200'))
    expect(ev).toHaveLength(20000)
    const ts = ev.map((e) => e.ts as number)
    expect(Math.min(...ts)).toBeGreaterThanOrEqual(Date.UTC(2024, 1, 25, 8))
    let maxSeen = -Infinity
    let outOfOrder = 0
    let worst = 0
    for (const t of ts) {
      if (t < maxSeen) { outOfOrder++; worst = Math.max(worst, maxSeen - t) }
      maxSeen = Math.max(maxSeen, t)
    }
    expect(outOfOrder).toBeGreaterThan(100)
    expect(worst).toBeLessThanOrEqual(3000)
    const byUser = new Map<string, number[]>()
    for (const e of ev) byUser.set(e.user_id as string, [...(byUser.get(e.user_id as string) ?? []), e.ts as number])
    let over30 = 0
    let tenTo29 = 0
    for (const list of byUser.values()) {
      list.sort((x, y) => x - y)
      for (let i = 1; i < list.length; i++) {
        const g = list[i] - list[i - 1]
        if (g > 30 * 60_000) over30++
        else if (g >= 10 * 60_000) tenTo29++
      }
    }
    expect(over30).toBeGreaterThan(50)
    expect(tenTo29).toBeGreaterThan(50)
    expect(new Set(ev.map((e) => e.type))).toEqual(new Set(['view', 'click', 'add_to_cart', 'purchase']))
  })

  it('logins: some users fail 3+ times within a minute, others 3 times spread over more than a minute', () => {
    const ev = parse(gen('logins.jsonl', '--kind', 'logins', '--events', '5000', '--users', '300'))
    const fails = new Map<string, number[]>()
    for (const e of ev) if (e.result === 'failure') fails.set(e.user_id as string, [...(fails.get(e.user_id as string) ?? []), e.ts as number])
    let burst = 0
    let spread = 0
    for (const list of fails.values()) {
      list.sort((x, y) => x - y)
      for (let i = 2; i < list.length; i++) {
        const span = list[i] - list[i - 2]
        if (span <= 60_000) burst++
        else if (span < 200_000) spread++
      }
    }
    expect(burst).toBeGreaterThan(5)
    expect(spread).toBeGreaterThan(5)
  })

  it('payments: some event_ids arrive twice, some seconds and some hours apart', () => {
    const ev = parse(gen('pay.jsonl', '--kind', 'payments', '--events', '5000', '--users', '300'))
    const firstArrival = new Map<string, number>()
    const gaps: number[] = []
    let maxTs = -Infinity
    for (const e of ev) {
      maxTs = Math.max(maxTs, e.ts as number)
      const id = e.event_id as string
      if (firstArrival.has(id)) gaps.push(maxTs - firstArrival.get(id)!)
      else firstArrival.set(id, maxTs)
    }
    expect(gaps.length).toBeGreaterThan(100)
    expect(gaps.some((g) => g < 60_000)).toBe(true)
    expect(gaps.some((g) => g > 60 * 60_000)).toBe(true)
  })

  it('refuses unknown arguments with exit status 2', () => {
    const r = spawnSync(process.execPath, [SCRIPT, '--bogus'], { encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('unknown argument --bogus')
  })
})
