// The timer a worker notes in its heartbeat for the watchdog (sandbox/gate.ts noteTimerFiring / firingTimer): read
// back from the shared memory as it was written, whatever the timestamp and the key.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { clearTimerFiring, firingTimer, HB_SLOTS, noteTimerFiring } from '../../../src-main/sandbox/gate'

const heartbeat = (): Int32Array => new Int32Array(new SharedArrayBuffer(4 * HB_SLOTS))

describe('the heartbeat\'s firing timer', () => {
  it('reads back the domain, the timestamp and the key as noted, and nothing once cleared', () => {
    const hb = heartbeat()
    expect(firingTimer(hb)).toBeNull()
    fc.assert(fc.property(fc.constantFrom('EVENT_TIME' as const, 'PROCESSING_TIME' as const),
      fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.string({ unit: 'grapheme', maxLength: 60 }), (domain, ts, key) => {
        const keyStr = JSON.stringify(key)
        noteTimerFiring(hb, domain, ts, keyStr)
        expect(firingTimer(hb)).toEqual({ domain, timestamp: ts, keyStr })
        clearTimerFiring(hb)
        expect(firingTimer(hb)).toBeNull()
      }))
  })

  it('cuts a key too long to keep at a whole character and says so', () => {
    const hb = heartbeat()
    const keyStr = JSON.stringify('é'.repeat(300))
    noteTimerFiring(hb, 'EVENT_TIME', 1, keyStr)
    const t = firingTimer(hb)!
    expect(t.keyStr.endsWith('…')).toBe(true)
    expect(keyStr.startsWith(t.keyStr.slice(0, -1))).toBe(true)
    expect(t.keyStr).not.toContain('\ufffd')
  })
})
