// Which clock TTL reads in a run (docs/job-api.md "TTL"; docs/semantics.md U1, U4, TC1): processing-time
// TTL on the simulated processing time, and Riffle's EventTime TTL (stamped with the record's or the
// timer's timestamp, judged against the current watermark). The TTL rules themselves are the state
// layer's and are tested there; this checks the runtime feeds it the right times.
import { describe, expect, it } from 'vitest'
import { mainValues, RIFFLE, runInline } from '../../helpers/run-inline'

const job = (characteristic: 'ProcessingTime' | 'EventTime', strategy: string): string => `${RIFFLE}
class T extends KeyedProcessFunction<any, any, any> {
  v: any
  open(rc: any) {
    const ttl = StateTtlConfig.newBuilder(Duration.ofMillis(100))
      .setTtlTimeCharacteristic(StateTtlConfig.TtlTimeCharacteristic.${characteristic}).disableCleanupInBackground().build()
    const d = new ValueStateDescriptor('v', Types.STRING)
    d.enableTimeToLive(ttl)
    this.v = rc.getState(d)
  }
  processElement(e: any, ctx: any, out: any) {
    out.collect({ id: e.id, read: this.v.value() })
    if (e.write) this.v.update(e.id)
    if (e.timer) ctx.timerService().registerEventTimeTimer(e.timer)
  }
  onTimer(t: number, ctx: any, out: any) { out.collect({ timer: t, read: this.v.value() }); this.v.update('from-timer') }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(${strategy})
  .keyBy((e: any) => 'k').process(new T())
`
const noWm = 'WatermarkStrategy.noWatermarks().withTimestampAssigner((e: any) => e.ts)'

describe('TTL clocks', () => {
  it('U1/U4: processing-time TTL expires exactly at lastAccess + ttl on the simulated processing time (follow mode)', async () => {
    const r = await runInline(job('ProcessingTime', noWm), [
      { id: 'w', ts: 1000, write: true }, { id: 'r1', ts: 1099 }, { id: 'r2', ts: 1100 },
    ])
    expect(mainValues(r)).toEqual([{ id: 'w', read: null }, { id: 'r1', read: 'w' }, { id: 'r2', read: null }])
  })

  it('processing-time TTL follows $processingTime lines in manual mode, not record timestamps', async () => {
    const r = await runInline(job('ProcessingTime', noWm), [
      { id: 'w', ts: 5000, write: true }, { id: 'r1', ts: 9000 }, { $processingTime: 100 }, { id: 'r2', ts: 9001 },
    ], { processingTime: 'manual' })
    expect(mainValues(r)).toEqual([{ id: 'w', read: null }, { id: 'r1', read: 'w' }, { id: 'r2', read: null }])
  })

  it('EventTime TTL stamps with the record\'s timestamp and treats the current watermark as now', async () => {
    const r = await runInline(job('EventTime', noWm), [
      { id: 'w', ts: 1000, write: true }, { $watermark: 1099 }, { id: 'r1', ts: 5000 }, { $watermark: 1100 }, { id: 'r2', ts: 5000 },
    ])
    expect(mainValues(r)).toEqual([{ id: 'w', read: null }, { id: 'r1', read: 'w' }, { id: 'r2', read: null }])
  })

  it('EventTime TTL in onTimer stamps with the timer\'s timestamp', async () => {
    const r = await runInline(job('EventTime', noWm), [
      { id: 'a', ts: 0, timer: 500 }, { $watermark: 500 }, { $watermark: 599 }, { id: 'r1', ts: 0 }, { $watermark: 600 }, { id: 'r2', ts: 0 },
    ])
    expect(mainValues(r)).toEqual([{ id: 'a', read: null }, { timer: 500, read: null }, { id: 'r1', read: 'from-timer' }, { id: 'r2', read: null }])
  })
})
