// Timestamps are shown raw and as ISO time (UTC, or local time with its offset); Flink's MIN/MAX sentinels by
// name; durations readably.
import { afterEach, describe, expect, it } from 'vitest'
import { axisNumber, beforeFirstWatermark, clockTime, counted, duration, readableTime, timerLead, timestamp, watermarkEdge } from '../../src-renderer/src/format'

const TZ = process.env.TZ
afterEach(() => { if (TZ === undefined) delete process.env.TZ; else process.env.TZ = TZ })

describe('format', () => {
  it('shows a timestamp raw and as ISO time', () => {
    expect(timestamp(1708848000000)).toBe('1708848000000 (2024-02-25T08:00:00.000Z)')
  })
  it('names the watermark sentinels instead of printing huge numbers', () => {
    expect(timestamp(-9223372036854775808)).toMatch(/^MIN_TIMESTAMP/)
    expect(timestamp(9223372036854775807)).toMatch(/^MAX_TIMESTAMP/)
    expect(timestamp(null)).toBe('—')
  })
  it('shows how far ahead a timer is', () => {
    expect(duration(1_800_000)).toBe('+30m 0s')
    expect(duration(-504_000)).toBe('-8m 24s')
    expect(duration(1500)).toBe('+1.500s')
  })

  it('knows an event-time timer before the first watermark, measured from Long.MIN_VALUE, has no clock to be ahead of', () => {
    const ts = 1708848060000
    // The service measures from Long.MIN_VALUE then: the app showed "+2562048262695h 13m 55s" ahead.
    expect(beforeFirstWatermark({ domain: 'EVENT_TIME', timestamp: ts, aheadBy: ts - -(2 ** 63) })).toBe(true)
    expect(beforeFirstWatermark({ domain: 'EVENT_TIME', timestamp: ts, aheadBy: 60_000 })).toBe(false)
    expect(beforeFirstWatermark({ domain: 'PROCESSING_TIME', timestamp: ts, aheadBy: ts })).toBe(false)
  })

  // At the end of input the watermark is Long.MAX_VALUE and the timers still pending fire one a step: measured from it
  // they read "-2562047313333h 7m 56s of the watermark".
  it('says "due: end of input" for an event-time timer once the watermark is Long.MAX_VALUE, and names no distance at either edge', () => {
    const ts = 1708855500000
    expect(watermarkEdge({ domain: 'EVENT_TIME', timestamp: ts, aheadBy: ts - 2 ** 63 })).toBe('due: end of input')
    expect(watermarkEdge({ domain: 'EVENT_TIME', timestamp: ts, aheadBy: ts - -(2 ** 63) })).toBe('no watermark yet')
    expect(watermarkEdge({ domain: 'EVENT_TIME', timestamp: ts, aheadBy: -60_000 })).toBeNull()
    expect(watermarkEdge({ domain: 'PROCESSING_TIME', timestamp: ts, aheadBy: ts - 2 ** 63 })).toBeNull()
  })
  // A record that moves the watermark past pending timers leaves them due: they fire as the next steps, before the next
  // record. The timer tables said "-15m 54s of the watermark" in the warning colour, which read as a timer stuck or missed.
  it('says a timer the watermark (or processing time) has passed is due and fires next, and by how much it was passed', () => {
    const ts = 1708849440000
    expect(timerLead({ domain: 'EVENT_TIME', timestamp: ts, aheadBy: -954_000 })).toBe('due, fires next: the watermark is 15m 54s past it')
    expect(timerLead({ domain: 'EVENT_TIME', timestamp: ts, aheadBy: 0 })).toBe('due, fires next: the watermark is at it')
    expect(timerLead({ domain: 'PROCESSING_TIME', timestamp: ts, aheadBy: -2_500 })).toBe('due, fires next: processing time is 2.500s past it')
    expect(timerLead({ domain: 'EVENT_TIME', timestamp: ts, aheadBy: 605_001 })).toBeNull()
    expect(timerLead({ domain: 'EVENT_TIME', timestamp: ts, aheadBy: ts - 2 ** 63 })).toBe('due: end of input')
    expect(timerLead({ domain: 'EVENT_TIME', timestamp: ts, aheadBy: ts - -(2 ** 63) })).toBe('no watermark yet')
  })
  it('shows local time with its offset, half hours and west of UTC included', () => {
    process.env.TZ = 'Asia/Kolkata'
    expect(readableTime(1708848000000, 'local')).toBe('2024-02-25T13:30:00.000+05:30')
    expect(timestamp(1708848000000, 'local')).toBe('1708848000000 (2024-02-25T13:30:00.000+05:30)')
    process.env.TZ = 'America/New_York'
    expect(readableTime(1708848000123, 'local')).toBe('2024-02-25T03:00:00.123-05:00')
    expect(clockTime(1708848000000, 'local')).toBe('03:00:00')
    expect(readableTime(1708848000000, 'utc')).toBe('2024-02-25T08:00:00.000Z')
    expect(readableTime(Number.NaN, 'local')).toBe('')
  })

  it('counts a noun: singular for exactly one, grouped thousands, "?" when unknown', () => {
    expect(counted(1, 'key')).toBe('1 key')
    expect(counted(0, 'key')).toBe('0 keys')
    expect(counted(100_000, 'key')).toBe('100,000 keys')
    expect(counted(null, 'output')).toBe('? outputs')
    expect(counted(1, 'state change')).toBe('1 state change')
    expect(counted(2, 'match', 'matches')).toBe('2 matches')
  })
})

describe('axisNumber', () => {
  it('writes a chart axis\'s step short (at 1024 px "1,0002,0003,000" ran together)', () => {
    expect([0, 950, 1000, 2500, 7071, 10_000, 125_000, 1_000_000, 2_500_000, -3000].map(axisNumber))
      .toEqual(['0', '950', '1k', '2.5k', '7.1k', '10k', '125k', '1M', '2.5M', '-3k'])
  })
})
