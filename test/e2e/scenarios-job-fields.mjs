// Time travel and the job's own fields, in the app: a job that counts in a plain field of its function object
// (this.seen++) instead of state, the "counts drift" mistake a user brings to the debugger. Its step's trace (the
// Trace tab re-runs the step), a step back and a forward step re-run the job's code; the field must come back with
// the snapshot, so the outputs to the end are the straight run's (1, 2, 3, ... in order), as `riffle run` gives them.
import { assert, waitFor } from './harness.mjs'
import { outputValues, replaceSource, seedOnSmall, shot, stepNo, text } from './ui.mjs'
import { clearBreakpoints, openTab, restart, runToEnd, steps } from './debugger-ui.mjs'

const JOB = `import { KeyedProcessFunction, WatermarkStrategy, Duration } from 'riffle'

class Seen extends KeyedProcessFunction<string, any, any> {
  seen = 0 // a plain field, not state: the mistake this job is about
  processElement(e: any, ctx: any, out: any) {
    this.seen++
    out.collect([e.user_id, this.seen])
  }
}

export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(5)).withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.user_id)
  .process(new Seen())
  .name('seen')
`

export const jobFieldsScenarios = [
  ['time travel: a job counting in a plain field (this.seen++) gives the straight run\'s outputs after a trace, a step back and a step', async (ctx) => {
    await seedOnSmall(ctx)
    await replaceSource(ctx, JOB)
    await clearBreakpoints(ctx)
    await restart(ctx)
    await steps(ctx, 3)
    // The Trace tab re-runs step 3 from the snapshot before it.
    await openTab(ctx, 'trace')
    await waitFor(async () => (await text(ctx, '[data-testid=trace-step]').catch(() => '')) === 'Step 3', 'the trace of step 3')
    await ctx.page.keyboard.press('Shift+F10')
    await waitFor(async () => (await stepNo(ctx)) === 2, 'step back to 2')
    await steps(ctx, 1)
    await openTab(ctx, 'outputs')
    await waitFor(async () => (await outputValues(ctx)).length === 3, 'three outputs at step 3')
    const early = (await outputValues(ctx)).map((v) => v[1])
    assert(JSON.stringify(early) === '[1,2,3]', `the counts at step 3 are a straight run's 1, 2, 3 (got ${JSON.stringify(early)})`)
    await shot(ctx, 'job-fields-after-step-back.png')
    await runToEnd(ctx)
    // clicks-small has 40 events, each one output.
    await waitFor(async () => (await outputValues(ctx)).length === 40, 'the 40 outputs in the log')
    const all = await outputValues(ctx)
    const counts = all.map((v) => v[1])
    assert(counts.every((n, i) => n === i + 1),
      `to the end the counts run 1..${all.length} in order, as riffle run gives them (got ${JSON.stringify(counts)})`)
  }],
]
