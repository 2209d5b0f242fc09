// The hand-written classic-level baseline must compute the same sessions as the in-memory hand loop,
// or the LevelDB ratio in `npm run bench` would compare against a wrong program.
import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runLevelDbHandLoop } from '../../bench/leveldb-hand-loop.mjs'
// @ts-expect-error plain .mjs bench modules have no type declarations
import { handSessionize } from '../../bench/hand-loop.mjs'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

function clicks(n: number, users: number): Array<{ ts: number; user_id: string }> {
  const out = []
  let x = 7
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648
    out.push({ ts: i * 2000 + (x % 4000), user_id: `u${x % users}` })
  }
  return out
}

describe('hand-written classic-level sessionization', () => {
  it('emits the same sessions as the in-memory hand loop, with a cache smaller than the users', async () => {
    const events = clicks(30_000, 3_000)
    const expected: unknown[] = []
    handSessionize(events, (v: unknown, ts: number) => expected.push([v, ts]))
    const got: unknown[] = []
    const dir = mkdtempSync(join(tmpdir(), 'riffle-handloop-'))
    dirs.push(dir)
    const r = await runLevelDbHandLoop(events, dir, { cacheEntries: 500, emit: (v, ts) => got.push([v, ts]) })
    expect(expected.length).toBeGreaterThan(100)
    expect(got).toEqual(expected)
    expect(r.events).toBe(30_000)
    expect(r.sessions).toBe(expected.length)
    expect(r.eventsPerSec).toBeGreaterThan(0)
  })
})
