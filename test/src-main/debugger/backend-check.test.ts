// The backend check: the same job and recording on heap and LevelDB give the same outputs and final state.
import { describe, expect, it } from 'vitest'
import { backendCheck } from '../../../src-main/debugger/backend-check'
import { JOB, makeCase } from './time-travel-job'

describe('backend check', () => {
  it('heap and LevelDB give the same outputs and final state for the same job and recording', async () => {
    const c = makeCase(300)
    const r = await backendCheck({ jobPath: c.jobPath, recordingPath: c.recordingPath, processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false })
    expect(r.stateDiffs).toEqual([])
    expect(r.outputs.unchanged).toBeGreaterThan(10)
    expect(r.same).toBe(true)
    expect(r.heapSteps).toBe(r.leveldbSteps)
  })

  it('a session runs the backend check for its own job and recording', async () => {
    const c = makeCase(120)
    const s = await c.open()
    try {
      await s.step({ kind: 'end' }, 10)
      const r = await s.backendCheck()
      expect(r.same).toBe(true)
      expect(r.heapSteps).toBeGreaterThan(120)
      expect((await s.status()).step).toBe(10)
    } finally {
      await s.close()
    }
  })
})
