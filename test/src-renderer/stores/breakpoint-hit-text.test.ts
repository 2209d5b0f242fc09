// A breakpoint hit's detail in the time-travel bar: a timer's time and a late event's timestamp and watermark were
// raw epoch milliseconds ("EVENT_TIME timer at 1708849800000"), where every other view on screen adds the readable time.
import { describe, expect, it } from 'vitest'
import { hitDetailText } from '../../../src-renderer/src/stores/breakpoints'

describe('hitDetailText', () => {
  it('shows a timer firing\'s time readable, in the zone the status bar shows, the number after it', () => {
    expect(hitDetailText('EVENT_TIME timer at 1708849800000', 'utc')).toBe('EVENT_TIME timer at 2024-02-25T08:30:00.000Z (1708849800000)')
    expect(hitDetailText('PROCESSING_TIME timer at 1708849800000', 'local')).toMatch(/^PROCESSING_TIME timer at 2024-02-25T\d\d:\d\d:00\.000[+-]\d\d:\d\d \(1708849800000\)$/)
  })

  it('does so for a late event\'s timestamp and watermark, without saying "late event" again after the breakpoint\'s name', () => {
    expect(hitDetailText('late event: timestamp 1708848000000 <= watermark 1708848054999 of sess', 'utc'))
      .toBe('timestamp 2024-02-25T08:00:00.000Z (1708848000000) <= watermark 2024-02-25T08:00:54.999Z (1708848054999) of sess')
  })

  it('leaves other details as they are (an output\'s number, a recording line, a key)', () => {
    for (const d of ['output #12', 'event at recording line 9', 'key "u1"', 'expired value of state "seen"']) expect(hitDetailText(d, 'utc')).toBe(d)
  })
})
