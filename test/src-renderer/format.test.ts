// Timestamps are shown raw and as ISO time; Flink's MIN/MAX sentinels by name; durations readably.
import { describe, expect, it } from 'vitest'
import { duration, timestamp } from '../../src-renderer/src/format'

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
})
