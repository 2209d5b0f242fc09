// Test helper: the source of a job whose keyed function is scripted by its input records, so one job
// can exercise the timer and output rules. A record {k, ts, del:[..], reg:[..], delPt:[..], regPt:[..],
// side:true} deletes then registers those timers and emits what it saw; onTimer emits what the timer saw
// and then runs the test's extra onTimer code.
import { RIFFLE } from './run-inline'

export interface ScriptJobOptions {
  /** The watermark strategy expression (default: monotonous timestamps from e.ts). */
  strategy?: string
  /** Extra code run at the end of onTimer, with `t`, `ctx`, `out`, `s` (the timer service) in scope. */
  onTimer?: string
  /** The key selector's body expression over `e` (default `e.k`). */
  key?: string
  /** Code appended to the pipeline after the process() call (e.g. another stage), before `.name(...)`. */
  after?: string
  /** Leave out the timestamp/watermark assigner. */
  noAssigner?: boolean
}

export function scriptJob(o: ScriptJobOptions = {}): string {
  const strategy = o.strategy ?? 'WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts)'
  return `${RIFFLE}
export const SIDE = new OutputTag('side')
class Script extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) {
    const s = ctx.timerService()
    for (const t of e.del ?? []) s.deleteEventTimeTimer(t)
    for (const t of e.reg ?? []) s.registerEventTimeTimer(t)
    for (const t of e.delPt ?? []) s.deleteProcessingTimeTimer(t)
    for (const t of e.regPt ?? []) s.registerProcessingTimeTimer(t)
    if (e.quiet) return
    out.collect({ in: e.id ?? e.k, key: ctx.getCurrentKey(), ts: ctx.timestamp(), wm: s.currentWatermark(), pt: s.currentProcessingTime() })
    if (e.side) ctx.output(SIDE, { sideOf: e.id ?? e.k })
  }
  onTimer(t: number, ctx: any, out: any) {
    const s = ctx.timerService()
    out.collect({ fired: t, key: ctx.getCurrentKey(), domain: ctx.timeDomain(), ts: ctx.timestamp(), wm: s.currentWatermark(), pt: s.currentProcessingTime() })
    ${o.onTimer ?? ''}
  }
}
export default function job(env: any) {
  return env.fromRecording()
    ${o.noAssigner ? '' : `.assignTimestampsAndWatermarks(${strategy})`}
    .keyBy((e: any) => ${o.key ?? 'e.k'})
    .process(new Script())
    ${o.after ?? ''}
}
`
}
