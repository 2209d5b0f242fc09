// Trace after Load savepoint…: the savepoint's own step (and those before it) ran in the run that wrote it, so there
// is no state before them to re-run them from: asked for, the trace says so in those words (not time travel's
// "cannot go back"), and the first step after the savepoint is traced as a session that loaded it traces it.
import { describe, expect, it } from 'vitest'
import { COUNT_JOB, writeCase } from '../../helpers/run-inline'
import { savedAndFresh } from '../../helpers/savepoint-case'

const lines = Array.from({ length: 30 }, (_, i) => ({ k: `k${i % 3}` }))

describe('trace after a loaded savepoint', () => {
  it("refuses the savepoint's step in words that say why, and traces the next step from the savepoint's state", async () => {
    const { dir, s, fresh } = await savedAndFresh(writeCase(COUNT_JOB, lines), 10)
    try {
      await s.seek(20)
      await s.loadSavepoint(dir)
      for (const step of [10, 4]) {
        await expect(s.trace(step)).rejects.toMatchObject({
          code: 'BAD_ARGUMENT', message: `trace: step ${step} ran before the loaded savepoint (step 10), in the run that wrote it: only the steps after it can be traced`,
        })
      }
      await s.step({ kind: 'step' })
      await fresh.loadSavepoint(dir)
      await fresh.step({ kind: 'step' })
      const t = await s.trace(11)
      expect(t.entries.find((e) => e.kind === 'stateWrite')).toMatchObject({ keyStr: '"k1"', before: 3, after: 4 })
      expect(t).toEqual(await fresh.trace(11))
      expect((await s.status()).step).toBe(11)
    } finally {
      await s.close()
      await fresh.close()
    }
  })
})
