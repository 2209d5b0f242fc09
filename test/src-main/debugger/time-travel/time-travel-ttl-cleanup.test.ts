// Seek with incremental TTL cleanup (CL3): the cleanup cursor's position is part of a run
// snapshot, so after a seek the same keys are cleaned at the same accesses as in a sequential run. The
// job reads expired-but-not-cleaned values (ReturnExpiredIfNotCleanedUp), so where the cursor stands
// shows in the outputs as well as in the tables.
import { describe, expect, it } from 'vitest'
import type { DebugSession } from '../../../../src-main/debugger/debug-session'
import { makeCase } from '../time-travel-job'
import { RIFFLE } from '../../helpers/run-inline'

const CL3 = `${RIFFLE}
const ttl = StateTtlConfig.newBuilder(Time.milliseconds(1500))
  .setStateVisibility(StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp)
  .cleanupIncrementally(1, false)
  .build()
class Seen extends KeyedProcessFunction<any, any, any> {
  seen: any
  open(rc: any) { const d = new ValueStateDescriptor('seen', Types.INT); d.enableTimeToLive(ttl); this.seen = rc.getState(d) }
  processElement(e: any, ctx: any, out: any) {
    const v = this.seen.value()
    out.collect({ u: ctx.getCurrentKey(), v })
    if (e.write) this.seen.update((v ?? 0) + 1)
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.u).process(new Seen()).uid('seen')
`

async function exact(s: DebugSession): Promise<unknown> {
  const { reader: _reader, ...run } = await s.run.snapshot()
  return { run, outputs: (await s.outputs(0, 1e9)).items }
}

describe.each(['heap', 'leveldb'] as const)('seek with incremental TTL cleanup (%s)', (backend) => {
  it('puts the cleanup cursor back where it stood: tables and expired-but-visible reads match a sequential run', async () => {
    let x = 3
    const rnd = (n: number): number => { x = (x * 48271) % 2147483647; return x % n }
    const lines = Array.from({ length: 300 }, (_, i) => ({ u: `k${rnd(30)}`, ts: i * 40, write: rnd(3) === 0 }))
    const c = makeCase(0, CL3, lines, backend)
    const s = await c.open({ minInterval: 17, maxInterval: 17 })
    try {
      await s.step({ kind: 'end' })
      const total = (await s.status()).step
      for (const t of [5, 131, 60, 299, 18, 240, 1, 177]) {
        await s.seek(t)
        const fresh = await c.open()
        try {
          await fresh.step({ kind: 'end' }, t)
          expect(await exact(s), `seek(${t}) of ${total}`).toEqual(await exact(fresh))
        } finally {
          await fresh.close()
        }
      }
    } finally {
      await s.close()
    }
  })
})
