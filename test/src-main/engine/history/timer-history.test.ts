// A heap timer queue's time-travel side (timer-queue.ts and engine/history/timer-history.ts): the journal of
// timers added and removed (the queue's watcher), frames and deltas as typed arrays, and a restore that makes exactly the
// snapshot's timers live again, with their sequence numbers, firing order and later registrations intact.
import { describe, expect, it } from 'vitest'
import { TimerQueue, type TimerHolder } from '../../../../src-main/engine/time/timer-queue'
import { TimerJournal, TimerRestorer, mergeTimerDeltas, timerDelta, timerFrame, type TimerKey, type TimerKeys } from '../../../../src-main/engine/history/timer-history'

/** Keys by ordinal, as a key registry would give them. */
function keysFor(q: TimerQueue): TimerKeys {
  const list: TimerKey[] = []
  return {
    ordinalOf: (h: TimerHolder) => {
      let i = list.findIndex((k) => k.keyStr === h.keyStr)
      if (i < 0) { i = list.length; list.push({ keyStr: h.keyStr, key: JSON.parse(h.keyStr) }) }
      return i
    },
    keyAt: (ord) => list[ord],
    holderOf: (k) => q.holderFor(k.keyStr),
  }
}

const state = (q: TimerQueue): unknown => ({ timers: q.dump(), next: q.nextSeq(), size: q.size })

describe('TimerQueue under time travel', () => {
  it('the journal lists the timers registered and the sequence numbers removed (fired or deleted) since it was taken', () => {
    const q = new TimerQueue()
    const journal = new TimerJournal()
    q.watcher = journal
    q.register(10, '"a"', 'a')
    q.register(20, '"b"', 'b')
    q.delete(20, '"b"')
    q.poll()
    const j = journal.take()
    expect(j.added.map((t) => t.seq)).toEqual([0, 1])
    expect(j.removed).toEqual([1, 0])
    expect(journal.take()).toEqual({ added: [], removed: [] })
  })

  it('a frame and the deltas after it restore exactly the live timers, in firing order, and registration goes on from the next sequence number', () => {
    const q = new TimerQueue()
    const journal = new TimerJournal()
    const keys = keysFor(q)
    const restorer = new TimerRestorer()
    q.watcher = journal
    q.register(30, '"a"', 'a')
    q.register(10, '"b"', 'b')
    q.register(10, '"c"', 'c')
    const frame = timerFrame(q, keys)
    journal.take()
    const atFrame = state(q)
    q.delete(10, '"b"')
    q.register(5, '"a"', 'a')
    q.poll()
    q.register(40, '"d"', 'd')
    const d1 = timerDelta(q, journal, keys)
    const atD1 = state(q)
    q.register(1, '"e"', 'e')
    q.delete(30, '"a"')
    const d2 = timerDelta(q, journal, keys)
    const atD2 = state(q)

    restorer.restore(q, frame, [], keys)
    expect(state(q)).toEqual(atFrame)
    restorer.restore(q, frame, [d1], keys)
    expect(state(q)).toEqual(atD1)
    restorer.restore(q, frame, [d1, d2], keys)
    expect(state(q)).toEqual(atD2)
    // The same as one merged delta (thinning).
    restorer.restore(q, frame, [mergeTimerDeltas(d1, d2)], keys)
    expect(state(q)).toEqual(atD2)
    // A restored queue fires in (timestamp, seq) order and keeps deduplicating per key and timestamp (T1).
    expect(q.register(40, '"d"', 'd')).toBe(false)
    expect(q.register(40, '"a"', 'a')).toBe(true)
    const fired: string[] = []
    for (let t = q.poll(); t !== undefined; t = q.poll()) fired.push(`${t.keyStr}@${t.timestamp}#${t.seq}`)
    expect(fired).toEqual(['"e"@1#5', '"c"@10#2', '"d"@40#4', '"a"@40#6'])
  })

  it('restoring an earlier frame brings back timers that fired since, and drops ones registered since', () => {
    const q = new TimerQueue()
    const journal = new TimerJournal()
    const keys = keysFor(q)
    q.watcher = journal
    q.register(10, '"a"', 'a')
    const frame = timerFrame(q, keys)
    const before = state(q)
    q.poll()
    q.register(20, '"b"', 'b')
    new TimerRestorer().restore(q, frame, [], keys)
    expect(state(q)).toEqual(before)
    expect(q.timersOf('"b"')).toEqual([])
    expect(q.poll()?.keyStr).toBe('"a"')
  })
})
