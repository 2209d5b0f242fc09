// Smoke test of the LevelDB part of `npm run bench` (bench/leveldb.mjs) on a tiny recording: it must
// run the engine over the pre-filled state dir (not a fresh one), agree with the hand loop on the
// sessions, and print both rates, the ratios and the peak-RSS table (state alone, and with a timer and a
// registry entry per key).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
// @ts-expect-error plain .mjs bench module without type declarations
import { runLevelDbBench } from '../../bench/leveldb.mjs'

const root = resolve(__dirname, '../..')
const dir = mkdtempSync(join(tmpdir(), 'riffle-bench-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Figures { hand: { sessions: number; events: number }; engine: { sessions: number; events: number; stateKeys: number }; dormant: number; cacheEntries: number; memory: Array<{ backend: string; keys: number }> }

describe('bench/leveldb.mjs', () => {
  it('prints the LevelDB table, both ratios and peak RSS, with the engine on the pre-filled state (10× the cache)', async () => {
    const recording = join(dir, 'clicks.jsonl')
    const g = spawnSync(process.execPath, [join(root, 'scripts/gen-recording.mjs'), '--events', '6000', '--users', '300', '--seed', '3', '--out', recording], { encoding: 'utf8' })
    expect(g.status, g.stderr).toBe(0)
    const printed: string[] = []
    const spy = vi.spyOn(console, 'log').mockImplementation((s: unknown) => { printed.push(String(s)) })
    vi.stubEnv('RIFFLE_BENCH_MEMORY_SIZES', '2000,20000')
    vi.stubEnv('RIFFLE_BENCH_REPEAT', '1')
    let r: Figures
    try {
      r = (await runLevelDbBench({ root, recording, job: join(root, 'bench/reference-sessionizer.ts'), events: 6000, users: 300, heapRate: 100_000, log: () => undefined })) as Figures
    } finally {
      spy.mockRestore()
      vi.unstubAllEnvs()
    }
    const text = printed.join('\n')
    expect(r.hand.events).toBe(6000)
    expect(r.engine.events).toBe(6000)
    expect(r.hand.sessions).toBeGreaterThan(100)
    expect(r.engine.sessions).toBe(r.hand.sessions)
    expect(r.dormant).toBe(10 * r.cacheEntries)
    expect(r.engine.stateKeys).toBeGreaterThanOrEqual(r.dormant)
    expect(text).toMatch(/\| hand-written classic-level loop .* \| [\d,]+ \| [\d.]+ s \| [\d,]+ \| \d+ MB \|/)
    expect(text).toMatch(/\| riffle run --backend leveldb .* \| [\d,]+ \| [\d.]+ s \| [\d,]+ \| \d+ MB \|/)
    expect(text).toMatch(/LevelDB engine \/ LevelDB hand loop: [\d.]+ % \(goal ≥ 50 %\)/)
    expect(text).toMatch(/LevelDB engine \/ heap engine .*: [\d.]+ % \(goal ≥ 25 %\)/)
    expect(r.memory.map((m) => `${m.backend} ${m.keys}`)).toEqual(['leveldb 2000', 'heap 2000', 'leveldb 20000', 'heap 20000',
      'leveldb+runtime 2000', 'heap+runtime 2000', 'leveldb+runtime 20000', 'heap+runtime 20000'])
    expect(text).toMatch(/\| leveldb \| 20,000 \| 200 \| \d+ MB \|/)
    expect(text).toMatch(/\| leveldb\+runtime \| 20,000 \| 200 \| \d+ MB \|/)
  }, 120_000)
})
