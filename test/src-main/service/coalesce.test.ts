// Status pushes are coalesced: at most one delivery per interval per session, and the latest value wins.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Coalescer } from '../../../src-main/service/coalesce'

describe('Coalescer', () => {
  let now = 0
  beforeEach(() => { vi.useFakeTimers(); now = 0 })
  afterEach(() => { vi.useRealTimers() })

  it('delivers the first value at once and then at most one per interval, the latest winning', () => {
    const got: [string, number][] = []
    const c = new Coalescer<number>(50, (k, v) => got.push([k, v]), () => now)
    c.push('s1', 1)
    for (let i = 2; i <= 100; i++) { now += 1; vi.advanceTimersByTime(1); c.push('s1', i) }
    now += 60; vi.advanceTimersByTime(60)
    expect(got[0]).toEqual(['s1', 1])
    expect(got.at(-1)).toEqual(['s1', 100])
    expect(got.length).toBeLessThanOrEqual(4)
  })

  it('keeps sessions apart, and flush delivers the pending value immediately', () => {
    const got: [string, number][] = []
    const c = new Coalescer<number>(50, (k, v) => got.push([k, v]), () => now)
    c.push('a', 1); c.push('b', 1); c.push('a', 2)
    expect(got).toEqual([['a', 1], ['b', 1]])
    c.flush('a')
    expect(got).toEqual([['a', 1], ['b', 1], ['a', 2]])
    c.dispose()
  })
})
