// The time indexes kept beside LevelDB checkpoints (engine/state/leveldb/history/timer-history.ts): frames
// and deltas on disk give back each checkpoint's timers, and dropping checkpoints keeps what later ones need.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TimerHistory, type QueueTimers } from '../../../../../../src-main/engine/state/leveldb/history/timer-history'
import type { IndexEntry } from '../../../../../../src-main/engine/state/leveldb/timers/time-index'
import { removeTempDirs, tempDir } from '../tmp-dirs'

afterAll(removeTempDirs)

/** Timers in a comparable order, queues without timers left out (they mean the same). */
const sorted = (t: QueueTimers): QueueTimers => t.filter(([, e]) => e.length > 0).map(([q, e]) => [q, [...e].sort((a, b) => a[1] - b[1])] as [number, IndexEntry[]]).sort((a, b) => a[0] - b[0])

/** Checkpoint i's timers: queue 0 holds a timer per key, rescheduled for 1 % of the keys per checkpoint; queue 1 comes and goes. */
function timersAt(i: number, keys = 1000): QueueTimers {
  const q0: IndexEntry[] = []
  for (let k = 0; k < keys; k++) {
    const version = Math.floor((i + (k % 100)) / 100) // key k's timer changes every 100 checkpoints, keys staggered
    q0.push([1000 * version + k, version * keys + k, `"k${k}"`])
  }
  return i % 3 === 2 ? [[0, q0]] : [[0, q0], [1, [[i, 1_000_000 + i, '"x"']]]]
}

describe('TimerHistory', () => {
  it('gives back every checkpoint\'s timers, stored mostly as deltas', () => {
    const dir = join(tempDir(), 'timers')
    const h = new TimerHistory(dir)
    const bytes: number[] = []
    for (let i = 0; i < 30; i++) bytes.push(h.capture(i, timersAt(i)))
    for (const i of [29, 0, 17, 5, 28]) expect(sorted(h.load(i))).toEqual(sorted(timersAt(i)))
    // A delta (1 % of the timers changed) is much smaller than the first checkpoint's frame.
    expect(Math.max(...bytes.slice(1, 5))).toBeLessThan(bytes[0] / 2)
    // A capture after a load builds on the checkpoint loaded.
    h.capture(30, timersAt(18))
    expect(sorted(h.load(30))).toEqual(sorted(timersAt(18)))
  })

  it('takes a frame once the deltas since the last one hold as many entries', () => {
    const h = new TimerHistory(join(tempDir(), 'timers'))
    // Every timer changes at each checkpoint: each delta holds twice the timers (added and removed).
    const all = (i: number): QueueTimers => [[0, Array.from({ length: 50 }, (_, k): IndexEntry => [i, i * 50 + k, `"k${k}"`])]]
    const sizes = [0, 1, 2, 3].map((i) => h.capture(i, all(i)))
    for (const i of [0, 1, 2, 3]) expect(sorted(h.load(i))).toEqual(sorted(all(i)))
    // Frames only: no delta is cheaper to load than a frame.
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeLessThan(1.5)
  })

  it('dropping checkpoints keeps the files later ones build on, and frees all of them at the end', () => {
    const dir = join(tempDir(), 'timers')
    const h = new TimerHistory(dir)
    for (let i = 0; i < 12; i++) h.capture(i, timersAt(i))
    const files = readdirSync(dir).length
    for (const i of [1, 3, 5, 7, 9]) h.drop(i)
    // The deltas of dropped checkpoints stay while a kept one's chain goes through them.
    expect(readdirSync(dir)).toHaveLength(files)
    for (const i of [0, 2, 4, 6, 8, 10, 11]) expect(sorted(h.load(i))).toEqual(sorted(timersAt(i)))
    for (const i of [11, 10]) h.drop(i)
    expect(readdirSync(dir).length).toBeLessThan(files)
    expect(existsSync(join(dir, 'timers-9.json.gz'))).toBe(false)
    for (const i of [0, 2, 4, 6, 8]) h.drop(i)
    expect(readdirSync(dir)).toEqual([])
    expect(h.bytes).toBe(0)
  })
})
