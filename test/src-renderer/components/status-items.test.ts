// The status line's processing time when the simulated clock never moved from 0: a user must read why (no record
// timestamps in follow mode, no $processingTime line in manual mode), not a bare "1970-01-01T00:00:00.000Z".
import { describe, expect, it } from 'vitest'
import { statusItems } from '../../../src-renderer/src/components/status-items'
import { status } from '../fake-client'

const pt = (over: Record<string, unknown>, mode: 'follow' | 'manual' | null) => statusItems({
  status: status(3, { watermark: -(2 ** 63), ...over }), total: 40, zone: 'utc', idle: '', endedReason: null, mode: '', modeTitle: '', processingTimeMode: mode,
}).find((i) => i.id === 'status-processing-time')!

describe('statusItems: processing time still at 0', () => {
  it('in follow mode after records without timestamps, says the records carry none instead of 1970-01-01', () => {
    const item = pt({ processingTime: 0, recordsIn: 3 }, 'follow')
    expect(item.forms[0]).toBe('processing time 0 (records have no timestamps)')
    expect(item.forms.join(' ')).not.toContain('1970')
    expect(item.title).toMatch(/^processing time 0 \(records have no timestamps\) — /)
    expect(item.title).toContain('assignTimestampsAndWatermarks')
  })

  it('in follow mode before the first record, says no record has been read yet', () => {
    expect(pt({ processingTime: 0, recordsIn: 0 }, 'follow').forms[0]).toBe('processing time 0 (no record yet)')
  })

  it('in manual mode, says no $processingTime control line moved it yet', () => {
    const item = pt({ processingTime: 0, recordsIn: 3 }, 'manual')
    expect(item.forms[0]).toBe('processing time 0 (no $processingTime line yet)')
    expect(item.title).toContain('{"$processingTime": n}')
  })

  it('gives way as the other times do: a short form first, then out of the line', () => {
    const item = pt({ processingTime: 0, recordsIn: 3 }, 'follow')
    expect(item.forms[1]).toBe('processing time 0')
    expect(item.give).toHaveLength(1)
    expect(item.hide).toBeGreaterThan(item.give[0])
  })

  it('shows a clock that moved as a time, as before', () => {
    expect(pt({ processingTime: 1708848090000, recordsIn: 3 }, 'follow').forms[0]).toBe('processing time 2024-02-25T08:01:30.000Z')
  })
})

describe('statusItems: keys', () => {
  it('says in its tooltip that keys are the keys seen, still counted once TTL removed their state', () => {
    const keys = statusItems({ status: status(3, { keys: 3656 }), total: 40, zone: 'utc', idle: '', endedReason: null, mode: '', modeTitle: '' })
      .find((i) => i.id === 'status-keys')!
    expect(keys.forms).toEqual(['keys 3,656'])
    expect(keys.title).toMatch(/^keys 3,656 — keys the run has seen/)
    expect(keys.title).toContain('TTL')
    expect(keys.title).toContain('state entries')
  })
})
