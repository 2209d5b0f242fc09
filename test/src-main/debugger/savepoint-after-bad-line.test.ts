// Save savepoint… where a bad recording line stopped the run: the line was never delivered, so the state is whole and
// the savepoint is taken; loaded, it stands where the run stood and the next step meets the same bad line. (It was
// written with the reader's position of the batch whose read failed, and loading it said "the recording is shorter
// than the snapshot says: it changed since".)
import { describe, expect, it } from 'vitest'
import { COUNT_JOB, writeCase } from '../helpers/run-inline'
import { openSession, savepointDir } from '../helpers/savepoint-case'

describe('a savepoint where a bad recording line stopped the run', () => {
  it('loads at the step the run stood at, and the next step meets the same bad line', async () => {
    const c = writeCase(COUNT_JOB, [{ k: 'a' }, { k: 'b' }, '{oops', { k: 'c' }])
    const s = await openSession(c)
    const fresh = await openSession(c)
    try {
      await expect(s.step({ kind: 'end' })).rejects.toMatchObject({ code: 'BAD_LINE' })
      const at = await s.status()
      expect(at).toMatchObject({ step: 2, recordsIn: 2 })
      const dir = savepointDir()
      expect(await s.saveSavepoint(dir)).toBe(2)
      expect(await fresh.loadSavepoint(dir)).toMatchObject({ step: 2, recordsIn: 2 })
      await expect(fresh.step({ kind: 'step' })).rejects.toMatchObject({ code: 'BAD_LINE', message: expect.stringMatching(/rec\.jsonl:3: not JSON/) })
    } finally {
      await s.close()
      await fresh.close()
    }
  })
})
