// Loading a savepoint into a debug session that has already run (a TypeScript job counting in plain fields): a
// savepoint holds Flink state only, so the job continues as `riffle run --from-savepoint` does, as a Flink job
// restarted from it would: its fields as open() left them, not as the session had them when it loaded the savepoint.
// The steps are in helpers/savepoint-fields-case.ts (the Python twin: python-savepoint-fields.test.ts).
import { describe, it } from 'vitest'
import type { WatchValue } from '../../../src-main/common/debug-api'
import { RIFFLE } from '../helpers/run-inline'
import { checkFieldsAfterLoad } from '../helpers/savepoint-fields-case'

const JOB = `${RIFFLE}
class Count extends KeyedProcessFunction<string, any, any> {
  seen = 0
  log: string[] = []
  opened = 0
  count: any
  open(ctx: any) { this.opened++; this.log.push('open'); this.count = ctx.getState(new ValueStateDescriptor('count', Types.LONG)) }
  processElement(e: any, ctx: any, out: any) {
    this.seen++
    this.log.push(e.k)
    this.count.update((this.count.value() ?? 0) + 1)
    out.collect([e.k, this.seen, this.count.value(), this.log.join(''), this.opened])
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new Count()).name('count')
`

const shown = (w: WatchValue): unknown => ('value' in w ? w.value : w.text ?? w.error)

describe.each(['heap', 'leveldb'] as const)('a savepoint loaded into a session that ran on (%s)', (backend) => {
  it('restarts the job\'s fields as open() left them, as riffle run --from-savepoint does, and time travel keeps that', async () => {
    await checkFieldsAfterLoad({ job: JOB, backend, watch: 'this.seen + ":" + this.log.join("") + ":" + this.opened', shown, afterOpen: '0:open:1' })
  })
})
