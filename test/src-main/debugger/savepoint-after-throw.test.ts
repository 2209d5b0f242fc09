// Save savepoint… where the job threw: the session stands inside the failed step, its event half-delivered. Such a
// savepoint, loaded, went on with the rest of that delivery: the event that threw was skipped without a word (the
// loaded session said step 5 again, with no changes, and ran on). It is refused, saying where a savepoint can be
// taken; one saved at the step before, loaded, runs into the throw again at the same event.
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { RIFFLE, writeCase } from '../helpers/run-inline'
import { openSession, savepointDir } from '../helpers/savepoint-case'

const job = `${RIFFLE}class Count extends KeyedProcessFunction<any, any, any> {
  n!: ValueState<number>
  open(ctx: RuntimeContext) { this.n = ctx.getState(new ValueStateDescriptor('n', Types.LONG)) }
  processElement(e: any, ctx: any, out: any) {
    if (e.bad) throw new Error('bad record ' + e.i)
    const n = (this.n.value() ?? 0) + 1
    this.n.update(n)
    out.collect([e.k, n])
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Count())
`
const lines = Array.from({ length: 12 }, (_, i) => ({ i, k: `k${i % 3}`, ...(i === 4 ? { bad: true } : {}) }))

describe('a savepoint where the job threw', () => {
  it('is refused, naming the step to save at; saved there and loaded, the same event throws again', async () => {
    const c = writeCase(job, lines)
    const s = await openSession(c)
    const fresh = await openSession(c)
    try {
      await expect(s.step({ kind: 'end' })).rejects.toMatchObject({ code: 'JOB_THREW' })
      expect((await s.status()).step).toBe(5)
      const dir = savepointDir()
      await expect(s.saveSavepoint(dir)).rejects.toMatchObject({
        code: 'BAD_ARGUMENT',
        message: 'the job threw in step 5, which did not complete (a savepoint holds the state between two steps): step back to step 4 and save there',
      })
      expect(existsSync(dir)).toBe(false)

      await s.stepBack()
      expect(await s.saveSavepoint(dir)).toBe(4)
      expect((await fresh.loadSavepoint(dir)).step).toBe(4)
      await expect(fresh.step({ kind: 'step' })).rejects.toMatchObject({ code: 'JOB_THREW', message: expect.stringMatching(/bad record 4/) })
    } finally {
      await s.close()
      await fresh.close()
    }
  })
})
