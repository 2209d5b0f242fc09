// A watch through `this` that calls a function the job keeps in a field: an arrow function using `this` (which would
// run on the job's own object) is the row's error, saying why and to make it a method, while a pure helper works; the
// run's outputs after the watch are those of a run without it (before, the watch `this.bump()` changed the job's field
// and so every later output).
import { assert, waitFor } from './harness.mjs'
import { outputValues, replaceSource, shot, stepNo, text } from './ui.mjs'
import { clearBreakpoints, loadSeed, openTab, pickRecording, restart, runToEnd } from './debugger-ui.mjs'
import { addWatch, removeAllWatches, rowShows } from './scenarios-watch.mjs'

const JOB = `import { KeyedProcessFunction, ValueStateDescriptor, type ValueState, type RuntimeContext, type Context, type Collector,
  type StreamExecutionEnvironment } from 'riffle'

type Click = { ts: number; user_id: string; type: string; page: string }

class Count extends KeyedProcessFunction<string, Click, string> {
  count!: ValueState<number>
  bump = () => { this.count.update((this.count.value() ?? 0) + 100); return this.count.value() }
  fmt = (x: number) => x.toFixed(2)

  open(ctx: RuntimeContext) {
    this.count = ctx.getState(new ValueStateDescriptor<number>('count'))
  }

  processElement(e: Click, ctx: Context<string>, out: Collector<string>) {
    this.count.update((this.count.value() ?? 0) + 1)
    out.collect(\`\${e.user_id} \${this.count.value()}\`)
  }
}

export default function job(env: StreamExecutionEnvironment) {
  return env.fromRecording<Click>().keyBy((e) => e.user_id).process(new Count())
}
`

/** The Output log's values once it lists every record out. */
async function allOutputs(ctx) {
  await waitFor(async () => (await ctx.page.locator('[data-testid=output-log] tr.out-row').count())
    === Number((await text(ctx, '[data-testid=status-out]')).replace(/\D/g, '')), 'the output log to list every output')
  return outputValues(ctx)
}

export const watchThisScenarios = [
  ['Watch: `this.bump()` on an arrow function field is refused, saying why, a pure helper works, and the run is as without the watch', async (ctx) => {
    await loadSeed(ctx)
    await pickRecording(ctx, ctx.recording)
    await clearBreakpoints(ctx)
    await replaceSource(ctx, JOB)
    await restart(ctx)
    if ((await ctx.page.getAttribute('[data-testid=watch-toggle]', 'aria-expanded')) !== 'true') await ctx.page.click('[data-testid=watch-toggle]')
    await removeAllWatches(ctx)
    await ctx.page.keyboard.press('F10')
    await waitFor(async () => (await stepNo(ctx)) === 1, 'step 1')
    await addWatch(ctx, 'this.bump()')
    await addWatch(ctx, 'this.fmt(count)')
    await rowShows(ctx, 'this.bump()', 'TypeError: this.bump is an arrow function that uses `this`')
    await rowShows(ctx, 'this.fmt(count)', '"1.00"')
    await ctx.page.waitForTimeout(200)
    await shot(ctx, 'watch-this-arrow-refused.png')
    await runToEnd(ctx)
    await openTab(ctx, 'outputs')
    const watched = await allOutputs(ctx)
    // The same run without the watches gives the same outputs.
    await removeAllWatches(ctx)
    await restart(ctx)
    await runToEnd(ctx)
    const plain = await allOutputs(ctx)
    assert(plain.length > 3 && JSON.stringify(watched) === JSON.stringify(plain),
      `the outputs with the watches are those without (${JSON.stringify(watched.slice(0, 5))} vs ${JSON.stringify(plain.slice(0, 5))})`)
  }],
]
