// The timer queue of one operator and time domain (docs/semantics.md: T1, T2, T3, T5).
import { describe, expect, it } from 'vitest'
import { TimerQueue } from '../../../../src-main/engine/time/timer-queue'

const drain = (q: TimerQueue): string[] => {
  const out: string[] = []
  for (let t = q.poll(); t !== undefined; t = q.poll()) out.push(`${t.keyStr}@${t.timestamp}`)
  return out
}

describe('TimerQueue', () => {
  it('T1: registering an existing (key, timestamp) is a no-op and reports false', () => {
    const q = new TimerQueue()
    expect(q.register(10, '"a"', 'a')).toBe(true)
    expect(q.register(10, '"a"', 'a')).toBe(false)
    expect(q.size).toBe(1)
    expect(drain(q)).toEqual(['"a"@10'])
  })

  it('T2: deleting a missing timer is a no-op; delete then register gives one timer', () => {
    const q = new TimerQueue()
    expect(q.delete(10, '"a"')).toBe(false)
    q.register(10, '"a"', 'a')
    expect(q.delete(10, '"a"')).toBe(true)
    expect(q.size).toBe(0)
    q.register(10, '"a"', 'a')
    expect(drain(q)).toEqual(['"a"@10'])
  })

  it('a timerless object offered for a new key becomes its holder; a key that has one keeps it', () => {
    const q = new TimerQueue()
    const entry = { keyStr: '"a"', slot: undefined }
    expect(q.holderFor('"a"', entry)).toBe(entry)
    q.registerIn(entry, 10, 'a')
    expect(entry.slot).toBeDefined()
    expect(q.holderFor('"a"', { keyStr: '"a"', slot: undefined })).toBe(entry)
    const other = { keyStr: '"c"', slot: undefined }
    expect(q.holderFor('"b"', other)).not.toBe(other)
    expect(drain(q)).toEqual(['"a"@10'])
  })

  it('T3: polls by timestamp; ties in registration order', () => {
    const q = new TimerQueue()
    for (const [t, k] of [[30, 'x'], [10, 'c'], [10, 'a'], [20, 'z'], [10, 'b']] as const) q.register(t, k, k)
    expect(drain(q)).toEqual(['c@10', 'a@10', 'b@10', 'z@20', 'x@30'])
  })

  it('T5: poll removes the head first, so deleting it afterwards is a no-op and re-registering re-inserts it', () => {
    const q = new TimerQueue()
    q.register(10, 'k', 'k')
    const t = q.poll()!
    expect(t.timestamp).toBe(10)
    expect(q.delete(10, 'k')).toBe(false)
    expect(q.register(10, 'k', 'k')).toBe(true)
    expect(q.size).toBe(1)
  })

  it('dueAt is timestamp <= time; timersOf lists a key\'s timers sorted', () => {
    const q = new TimerQueue()
    q.register(20, 'k', 'k'); q.register(5, 'k', 'k'); q.register(7, 'j', 'j')
    expect(q.dueAt(4)).toBe(false)
    expect(q.dueAt(5)).toBe(true)
    expect(q.timersOf('k')).toEqual([5, 20])
    expect(q.countOf('j')).toBe(1)
  })

  it('survives many deletes (lazy heap compaction) with the right order and count', () => {
    const q = new TimerQueue()
    for (let i = 0; i < 5000; i++) q.register(5000 - i, `k${i % 50}`, i % 50)
    for (let i = 0; i < 5000; i += 2) q.delete(5000 - i, `k${i % 50}`)
    expect(q.size).toBe(2500)
    const ts: number[] = []
    for (let t = q.poll(); t !== undefined; t = q.poll()) ts.push(t.timestamp)
    expect(ts).toEqual([...ts].sort((a, b) => a - b))
    expect(ts.length).toBe(2500)
  })

  it('dump and restore keep the timers and the tie-break sequence', () => {
    const q = new TimerQueue()
    q.register(10, 'b', 'b'); q.register(10, 'a', 'a')
    const r = new TimerQueue()
    r.restore(q.dump(), q.nextSeq())
    r.register(10, 'c', 'c')
    expect(drain(r)).toEqual(['b@10', 'a@10', 'c@10'])
  })
})
