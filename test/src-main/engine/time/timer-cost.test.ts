// What a timer operation costs does not grow with the timers its key holds, or with the timers that share
// its timestamp: counted (the queues' probes, the LevelDB store's records read), never timed. Before a
// key's timers had an index, the LevelDB queue scanned the key's whole list on every add and removal
// (registering 100 k timers on one key took 22 s), and its buckets never split between timers of one
// timestamp (every add and firing rewrote and searched them all). Counting a key's timers (the pile-up
// finding asks after every registration) scanned the list too: 200 k timers on one key took 12 s.
import { afterAll, describe, expect, it } from 'vitest'
import { LevelDbStateBackend } from '../../../../src-main/engine/state/leveldb/leveldb-backend'
import { TimerQueue } from '../../../../src-main/engine/time/timer-queue'
import { removeTempDirs, tempDir } from '../state/leveldb/tmp-dirs'

afterAll(removeTempDirs)

interface Counted {
  q: { holderFor(k: string): unknown; registerIn(h: never, t: number, key: unknown): boolean; countIn(h: never): number; deleteIn(h: never, t: number): boolean; poll(): unknown; probes: number; size: number }
  /** LevelDB records read so far (0 on the heap). */
  reads(): number
  close(): Promise<void>
}

async function queue(kind: 'heap' | 'leveldb-memory' | 'leveldb-buckets'): Promise<Counted> {
  if (kind === 'heap') return { q: new TimerQueue() as unknown as Counted['q'], reads: () => 0, close: async () => {} }
  const b = await LevelDbStateBackend.open({ dir: tempDir(), cacheEntries: 1000, batchSize: 500 })
  const q = b.timerQueue('op/event', { memoryLimit: kind === 'leveldb-memory' ? Infinity : 0 })
  return { q: q as unknown as Counted['q'], reads: () => b.stats().reads, close: () => b.close() }
}

/** Work per operation: registering n timers on one key, deleting every other one, firing the rest. */
async function perOp(kind: Parameters<typeof queue>[0], n: number, sameTimestamp: boolean): Promise<{ probes: number; reads: number }> {
  const { q, reads, close } = await queue(kind)
  try {
    // One hot key, or n keys with a timer each at one timestamp.
    const key = (i: number): string => (sameTimestamp ? JSON.stringify(`k${i}`) : '"hot"')
    const ts = (i: number): number => (sameTimestamp ? 1000 : 1000 + i)
    const r0 = reads()
    for (let i = 0; i < n; i++) {
      const h = q.holderFor(key(i)) as never
      q.registerIn(h, ts(i), key(i))
      // As the operator does after each registration while findings are on (the pile-up rule).
      expect(q.countIn(h)).toBe(sameTimestamp ? 1 : i + 1)
    }
    for (let i = 0; i < n; i += 2) expect(q.deleteIn(q.holderFor(key(i)) as never, ts(i))).toBe(true)
    let fired = 0
    while (q.poll() !== undefined) fired++
    expect(fired).toBe(n / 2)
    expect(q.size).toBe(0)
    const ops = n + n / 2 + n / 2
    return { probes: q.probes / ops, reads: (reads() - r0) / ops }
  } finally {
    await close()
  }
}

describe('timer operations cost O(log n), whatever one key holds', () => {
  for (const kind of ['heap', 'leveldb-memory', 'leveldb-buckets'] as const) {
    it(`${kind}: 16 000 timers on one key cost per operation about what 1 000 do`, async () => {
      const small = await perOp(kind, 1000, false)
      const large = await perOp(kind, 16_000, false)
      // O(log n) allows log2(16 000) / log2(1 000) = 1.4 times the work per operation; a list scanned
      // per operation would be 16 times.
      expect(large.probes).toBeLessThan(small.probes * 1.6 + 1)
      expect(large.reads).toBeLessThan(small.reads * 1.6 + 1)
    }, 60_000)
  }

  it('leveldb-buckets: 16 000 keys with a timer at one timestamp cost per operation about what 1 000 do', async () => {
    const small = await perOp('leveldb-buckets', 1000, true)
    const large = await perOp('leveldb-buckets', 16_000, true)
    expect(large.probes).toBeLessThan(small.probes * 1.6 + 1)
    expect(large.reads).toBeLessThan(small.reads * 1.6 + 1)
  }, 60_000)
})
