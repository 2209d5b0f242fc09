// A read that refreshed a TTL stamp (OnReadAndWrite) leaves the value as it was: a step's changes and the key's
// history say so — the TTL refreshed, with the new expiry — rather than a change from true to true.
import { describe, expect, it } from 'vitest'
import { DebugSession } from '../../../src-main/debugger/debug-session'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const JOB = `${RIFFLE}class C extends KeyedProcessFunction<any, any, any> {
  v: any
  open(ctx: any) {
    const d = new ValueStateDescriptor('seen', Types.BOOLEAN)
    d.enableTimeToLive(StateTtlConfig.newBuilder(Time.seconds(10)).setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite).build())
    this.v = ctx.getState(d)
  }
  processElement(e: any, ctx: any, out: any) {
    if (this.v.value()) return // a read: it refreshes the stamp
    this.v.update(true)
    out.collect(e.k)
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new C())
`

describe('a TTL refresh in the changes and the history', () => {
  it.each(['heap', 'leveldb'] as const)('is marked as a refresh with its new expiry, the value unchanged (%s)', async (backend) => {
    const c = writeCase(JOB, [{ k: 'a', ts: 1000 }, { k: 'a', ts: 4000 }])
    const s = await DebugSession.open({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend, processingTime: 'follow', drainProcessingTimers: false,
      skipBadLines: false, echoJobOutput: false,
    })
    try {
      const first = (await s.step({ kind: 'step' })).steps[0]
      expect(first.changes.map((x) => [x.stateName, x.before, x.after, x.ttlRefreshed])).toEqual([['seen', undefined, true, undefined]])
      const second = (await s.step({ kind: 'step' })).steps[0]
      expect(second.changes.map((x) => [x.stateName, x.before, x.after, x.ttlRefreshed])).toEqual([['seen', true, true, { expiresAt: 14_000 }]])
      const h = await s.keyHistory(second.changes[0].operatorId, '"a"')
      expect(h.entries.map((e) => e.changes.map((x) => x.ttlRefreshed))).toEqual([[undefined], [{ expiresAt: 14_000 }]])
    } finally {
      await s.close()
    }
  }, 60_000)
})
