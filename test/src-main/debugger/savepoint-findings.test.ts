// Findings after Load savepoint…: they count the loaded run only (from the savepoint's step on), as a session that
// loaded the same savepoint counts them; the replaced run's occurrences and its furthest step are gone.
import { describe, expect, it } from 'vitest'
import { RIFFLE, writeCase } from '../helpers/run-inline'
import { savedAndFresh } from '../helpers/savepoint-case'

// Every record deletes a timer that was never set: one noOpTimerDelete occurrence per record.
const job = `${RIFFLE}class Del extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    ctx.timerService().deleteEventTimeTimer(e.ts + 5)
    out.collect(e.k)
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new Del())
`
const lines = Array.from({ length: 40 }, (_, i) => ({ ts: i * 10, k: `k${i % 3}` }))

describe('findings after a loaded savepoint', () => {
  it('count only the steps run since the savepoint, through the step the loaded run reached', async () => {
    const { dir, s, fresh } = await savedAndFresh(writeCase(job, lines), 10)
    try {
      await s.seek(30)
      expect((await s.findings()).findings[0]).toMatchObject({ kind: 'noOpTimerDelete', count: 30 })

      await s.loadSavepoint(dir)
      expect(await s.findings()).toMatchObject({ findings: [], throughStep: 10 })
      await fresh.loadSavepoint(dir)
      await s.seek(15)
      await fresh.seek(15)
      const after = await s.findings()
      expect(after).toMatchObject({ throughStep: 15, findings: [{ kind: 'noOpTimerDelete', count: 5 }] })
      expect(after).toEqual(await fresh.findings())
    } finally {
      await s.close()
      await fresh.close()
    }
  })
})
