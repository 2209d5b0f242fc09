// TTL cleanup in a step's changes: Flink's incremental cleanup (on by default) removes another key's expired entry
// while the step's key is processed, and a read of an expired entry removes it. The app listed that as the step's
// write ("last_seen of "u3": 1708849260000 → (absent)" in the lineage of u1's output), as if the job had cleared
// u3's state; the change says it was an expired entry TTL removed, with when it expired.
import { describe, expect, it } from 'vitest'
import { DebugSession } from '../../../src-main/debugger/debug-session'
import { RIFFLE, writeCase } from '../helpers/run-inline'

const JOB = `${RIFFLE}class C extends KeyedProcessFunction<any, any, any> {
  v: any
  gone: any
  open(ctx: any) {
    const d = new ValueStateDescriptor('last_seen', Types.LONG)
    d.enableTimeToLive(StateTtlConfig.newBuilder(Time.seconds(10)).build())
    this.v = ctx.getState(d)
    this.gone = ctx.getState(new ValueStateDescriptor('gone', Types.BOOLEAN))
  }
  processElement(e: any, ctx: any, out: any) {
    if (e.clear) { this.gone.update(true); this.v.clear(); return }
    this.v.update(e.ts)
    out.collect(e.k)
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new C())
`

type Change = { stateName: string; keyStr: string; before?: unknown; after?: unknown; ttlExpired?: { expiresAt: number } }
const row = (x: Change): unknown[] => [x.stateName, x.keyStr, x.before, x.after, x.ttlExpired]

describe('an expired entry TTL removed, in the changes and the lineage', () => {
  it.each(['heap', 'leveldb'] as const)('is marked as TTL cleanup with its expiry, and the job\'s own clear is not (%s)', async (backend) => {
    // b's entry expires at 12,000; a's event at 20,000 (processing time follows the records) cleans it up.
    const c = writeCase(JOB, [{ k: 'b', ts: 2000 }, { k: 'a', ts: 3000 }, { k: 'a', ts: 20_000 }, { k: 'a', ts: 20_500, clear: true }])
    const s = await DebugSession.open({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend, processingTime: 'follow', drainProcessingTimers: false,
      skipBadLines: false, echoJobOutput: false,
    })
    try {
      const steps = []
      for (let i = 0; i < 4; i++) steps.push(...(await s.step({ kind: 'step' })).steps)
      const all = steps.flatMap((st) => st.changes.map((x) => [st.step, ...row(x)]))
      const cleaned = all.filter((x) => x[2] === '"b"' && x[4] === undefined)
      // Wherever the cleanup happened, it says so; an entry that expired is marked with its expiry.
      expect(cleaned.length).toBeGreaterThan(0)
      for (const x of cleaned) expect(x).toEqual([x[0], 'last_seen', '"b"', 2000, undefined, { expiresAt: 12_000 }])
      // The job's own clear of a live entry (a's, written at 20,000) is a write, not a cleanup.
      const cleared = all.find((x) => x[1] === 'last_seen' && x[2] === '"a"' && x[4] === undefined)
      expect(cleared).toEqual([4, 'last_seen', '"a"', 20_000, undefined, undefined])
      const out = (await s.outputs(0, 10)).items.find((o) => o.step === cleaned[0][0])
      if (out !== undefined) {
        const lineage = await s.lineage(out.seq)
        expect(lineage.writes.find((w) => w.keyStr === '"b"')?.ttlExpired).toEqual({ expiresAt: 12_000 })
      }
    } finally {
      await s.close()
    }
  }, 60_000)
})
