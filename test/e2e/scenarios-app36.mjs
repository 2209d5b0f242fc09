// A Flink developer's debugging session, acted out (app36): a funnel job whose per-user view count drifts (never
// reset after a purchase), with a TTL'd state holding a time, read in the key detail at the window sizes users have.
import { assert, waitFor } from './harness.mjs'
import { brokenWords, keyDetailFit, phase, replaceSource, seedOnSmall, selectKey, shot, startSession, stepNo, text } from './ui.mjs'
import { clearBreakpoints, editorCall, openTab, restart } from './debugger-ui.mjs'

/** Views before each purchase, per user; `last_seen` (a time, with a 20-minute TTL) is what the user watches. */
export const FUNNEL = `import {
  KeyedProcessFunction, ValueStateDescriptor, MapStateDescriptor, StateTtlConfig, Time, Types, WatermarkStrategy, Duration,
  type Context, type Collector, type RuntimeContext, type ValueState, type MapState, type StreamExecutionEnvironment,
} from 'riffle'

type Click = { ts: number; user_id: string; type: string; page: string }
type Funnel = { user_id: string; views: number; pages: number; purchase_ts: number }

class FunnelFn extends KeyedProcessFunction<string, Click, Funnel> {
  views!: ValueState<number>
  pages!: MapState<string, number>
  lastSeen!: ValueState<number>

  open(ctx: RuntimeContext) {
    this.views = ctx.getState(new ValueStateDescriptor<number>('views', Types.LONG))
    this.pages = ctx.getMapState(new MapStateDescriptor<string, number>('pages', Types.STRING, Types.LONG))
    const d = new ValueStateDescriptor<number>('last_seen', Types.LONG)
    d.enableTimeToLive(StateTtlConfig.newBuilder(Time.minutes(20)).build())
    this.lastSeen = ctx.getState(d)
  }

  processElement(e: Click, ctx: Context<string>, out: Collector<Funnel>) {
    this.lastSeen.update(e.ts)
    this.pages.put(e.page, (this.pages.get(e.page) ?? 0) + 1)
    if (e.type === 'view') {
      this.views.update((this.views.value() ?? 0) + 1)
    } else if (e.type === 'purchase') {
      out.collect({ user_id: e.user_id, views: this.views.value() ?? 0, pages: [...this.pages.keys()].length, purchase_ts: e.ts })
    }
  }
}

export default function job(env: StreamExecutionEnvironment) {
  return env
    .fromRecording<Click>()
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Click>(Duration.ofSeconds(5)).withTimestampAssigner((e) => e.ts))
    .keyBy((e) => e.user_id)
    .process(new FunnelFn())
    .name('funnel')
}
`

/** Goes to step n with the Go to step box. */
export async function goToStep(ctx, n) {
  await ctx.page.fill('[data-testid=goto-step]', String(n))
  await ctx.page.click('[data-testid=goto-go]')
  await waitFor(async () => (await stepNo(ctx)) === n, `step ${n}`)
}

export const app36Scenarios = [
  ['key detail: a TTL\'d state holding a time keeps its 13-digit value whole on one line at 1024, 1440 and 1920 px (it read "170884812500" over "0")', async (ctx) => {
    await seedOnSmall(ctx)
    await replaceSource(ctx, FUNNEL)
    await clearBreakpoints(ctx)
    await restart(ctx)
    await goToStep(ctx, 5)
    try {
      for (const [width, height] of [[1024, 768], [1440, 900], [1920, 1080]]) {
        await ctx.page.setViewportSize({ width, height })
        await selectKey(ctx, '"u2"')
        const sel = '[data-testid=key-detail] [data-state=last_seen]'
        // Each run of digits (the value and both stamps) and each readable time, whole on one line.
        const b = await waitFor(async () => { const r = await brokenWords(ctx, sel, '\\d{10,}|\\d{4}-\\d\\d-\\d\\dT|\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z'); return /1708848125000/.test(r.text) && r }, `last_seen at ${width} px`)
        const fit = await keyDetailFit(ctx)
        await ctx.page.locator(sel).screenshot({ path: `${ctx.artifacts}/app36-01-ttl-time-value-${width}.png` })
        assert(b.broken.length === 0, `at ${width} px these are drawn over two lines: ${JSON.stringify(b.broken)} in ${JSON.stringify(b.text)}`)
        assert(fit.sideways <= 0 && fit.cut.length === 0 && fit.past.every((p) => p <= 0), `the key detail fits at ${width} px: ${JSON.stringify(fit)}`)
        assert(/last access/.test(b.text) && /expires at/.test(b.text), `the stamps keep their names at ${width} px: ${b.text}`)
      }
      await shot(ctx, 'app36-01-ttl-time-value-1920-window.png')
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
  }],

  ['Problems lists the compile error that stopped Start, with its line and a badge, and a click goes to that line (it said "Start a session")', async (ctx) => {
    await seedOnSmall(ctx)
    const broken = FUNNEL.replace("if (e.type === 'view') {", "if (e.type === 'view' {")
    const line = broken.split('\n').findIndex((l) => l.includes("if (e.type === 'view' {")) + 1
    await replaceSource(ctx, broken)
    await clearBreakpoints(ctx)
    await openTab(ctx, 'problems')
    await startSession(ctx)
    assert((await phase(ctx)) === 'failed', `Start failed to compile (phase ${await phase(ctx)})`)
    const row = await waitFor(async () => (await ctx.page.locator('[data-testid=compile-problem]').count()) > 0 && text(ctx, '[data-testid=compile-problem]'), 'the compile error in Problems')
    await shot(ctx, 'app36-02-problems-compile-error.png')
    assert(row.includes('Expected ")" but found "{"') && row.includes(`sessionizer-seed.ts:${line}`), `the row names the error and its line ${line}: ${row}`)
    assert(!(await text(ctx, '[data-testid=problems]')).includes('Start a session'), 'Problems no longer says to start a session')
    assert(/Problems\s*1/.test(await text(ctx, '[data-testid=tab-problems]')), `the tab counts it: ${await text(ctx, '[data-testid=tab-problems]')}`)
    await ctx.page.click('[data-testid=compile-problem]')
    await waitFor(async () => (await editorCall(ctx, 'cursorLine')) === line, `the cursor on line ${line}`, 5_000)
    await replaceSource(ctx, FUNNEL)
    await restart(ctx)
    assert((await ctx.page.locator('[data-testid=compile-problem]').count()) === 0, 'the row goes once the job compiles')
  }],
]
