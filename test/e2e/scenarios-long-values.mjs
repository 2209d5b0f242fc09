// Long keys and values at 1280 × 800: a 400-character key and a map keyed by long paths keep every column of the
// output log, the All timers table and the key's state on screen (no table pushed sideways past its pane); at
// 1024 × 700 the Trace tab's header ends the key in an ellipsis (whole in its tooltip) and keeps the watermark whole,
// and each traced call's kind stays beside its call.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { assert, waitFor } from './harness.mjs'
import { phase, shot, startSession, stepNo, text } from './ui.mjs'

const JOB = `// Keeps each user's last event, a count per page and the pages in order; emits every event.
import {
  KeyedProcessFunction, ValueStateDescriptor, MapStateDescriptor, ListStateDescriptor, WatermarkStrategy,
  type Context, type Collector, type RuntimeContext, type ValueState, type MapState, type ListState, type StreamExecutionEnvironment,
} from 'riffle'

type Click = { ts: number; user_id: string; page: string }

class Keeper extends KeyedProcessFunction<string, Click, Click> {
  last!: ValueState<Click>
  pages!: MapState<string, number>
  hist!: ListState<string>
  open(ctx: RuntimeContext) {
    this.last = ctx.getState(new ValueStateDescriptor<Click>('last'))
    this.pages = ctx.getMapState(new MapStateDescriptor<string, number>('pages'))
    this.hist = ctx.getListState(new ListStateDescriptor<string>('hist'))
  }
  processElement(e: Click, ctx: Context<string>, out: Collector<Click>) {
    this.last.update(e)
    this.pages.put(e.page, (this.pages.get(e.page) ?? 0) + 1)
    this.hist.add(e.page)
    ctx.timerService().registerEventTimeTimer(e.ts + 60_000)
    out.collect(e)
  }
}

export default function job(env: StreamExecutionEnvironment) {
  return env.fromRecording<Click>()
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<Click>().withTimestampAssigner((e) => e.ts))
    .keyBy((e) => e.user_id).process(new Keeper()).name('keeper')
}
`

/** Cells of the tables under `sel` that end right of the pane, and how far the pane scrolls sideways. */
const overflow = (ctx, sel) => ctx.page.evaluate((s) => {
  const pane = document.querySelector(s)
  const r = pane.getBoundingClientRect()
  const cut = [...pane.querySelectorAll('th, td')].filter((c) => c.getBoundingClientRect().right > r.right + 0.5).map((c) => c.textContent.trim().slice(0, 30))
  // The key detail scrolls inside its pane (the Watch list is docked under it).
  const scroller = pane.querySelector('[data-testid=key-detail-scroll]') ?? pane
  return { sideways: scroller.scrollWidth - scroller.clientWidth, cut }
}, sel)

export const longValueScenarios = [
  ['long keys and values at 1280 × 800: the output log, All timers and the key\'s state keep every column on screen', async (ctx) => {
    await ctx.page.setViewportSize({ width: 1280, height: 800 })
    try {
      const long = 'user-with-a-very-long-identifier-' + 'x'.repeat(400)
      const T0 = Date.UTC(2024, 1, 25, 8)
      writeFileSync(join(ctx.project, 'workspace/long-keeper.ts'), JOB)
      writeFileSync(join(ctx.project, 'workspace/long-keys.jsonl'), [0, 1, 2].map((i) =>
        JSON.stringify({ ts: T0 + i * 1000, user_id: long, page: '/p/' + 'segment/'.repeat(30) + i })).join('\n') + '\n')
      await ctx.page.click('[data-testid=open-job]')
      await ctx.page.click('[role=dialog] button:has-text("long-keeper.ts")')
      await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('long-keeper.ts'), 'the job opened')
      await ctx.page.click('text=Open path…')
      await ctx.page.fill('[data-testid=recording-path]', 'long-keys.jsonl')
      await ctx.page.keyboard.press('Enter')
      await waitFor(async () => (await ctx.page.inputValue('[data-testid=recording]')).endsWith('long-keys.jsonl'), 'the recording opened')
      await startSession(ctx)
      assert((await phase(ctx)) === 'ready', `the session is ready (${await text(ctx, '[data-testid=status]')})`)
      for (let i = 1; i <= 2; i++) {
        await ctx.page.keyboard.press('F10')
        await waitFor(async () => (await stepNo(ctx)) === i, `step ${i}`)
      }
      await ctx.page.click('[data-testid=tab-outputs]')
      await waitFor(async () => (await ctx.page.locator('[data-testid=output-log] tbody tr').count()) === 2, 'two outputs')
      await waitFor(async () => (await ctx.page.locator('[data-testid=key-detail] [data-state=pages] td').count()) > 0, 'the key\'s map state')
      await shot(ctx, '53-long-keys-outputs.png')
      const outputs = await overflow(ctx, '.outputs .scroll')
      assert(outputs.sideways <= 0 && outputs.cut.length === 0, `the output log scrolls sideways by ${outputs.sideways} px; cut off: ${JSON.stringify(outputs.cut)}`)
      // The key column holds the key on one line, ending in an ellipsis, whole in its tooltip.
      const cell = await ctx.page.$eval('[data-testid=output-log] td.key .key-text', (e) =>
        ({ cut: e.scrollWidth > e.clientWidth, ellipsis: getComputedStyle(e).textOverflow, title: e.title, lines: e.getClientRects().length, h: e.getBoundingClientRect().height, lh: parseFloat(getComputedStyle(e).lineHeight) }))
      assert(cell.cut && cell.ellipsis === 'ellipsis' && cell.title === JSON.stringify(long) && cell.h < cell.lh * 1.5,
        `the output log's long key is one line ending in an ellipsis, whole in its tooltip: ${JSON.stringify(cell).slice(0, 300)}`)
      const detail = await overflow(ctx, '[data-testid=key-detail]')
      assert(detail.sideways <= 0 && detail.cut.length === 0, `the key detail pane scrolls sideways by ${detail.sideways} px; cut off: ${JSON.stringify(detail.cut)}`)
      await ctx.page.click('[data-testid=tab-timers]')
      await waitFor(async () => (await ctx.page.locator('[data-testid=all-timers] tbody tr').count()) === 2, 'two pending timers')
      await shot(ctx, '53b-long-keys-timers.png')
      const timers = await overflow(ctx, '.timers')
      assert(timers.sideways <= 0 && timers.cut.length === 0, `All timers scrolls sideways by ${timers.sideways} px; cut off: ${JSON.stringify(timers.cut)}`)
      await ctx.page.click('[data-testid=stop]')
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
  }],

  ['a long key at 1024 × 700: the Trace header ellipsises the key (whole in its tooltip) and keeps the watermark and Pin whole; each call\'s kind beside its call', async (ctx) => {
    // The previous scenario's job and recording (a 433-character key) are still open.
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      await startSession(ctx)
      await ctx.page.keyboard.press('F10')
      await waitFor(async () => (await stepNo(ctx)) === 1, 'step 1')
      await ctx.page.evaluate(() => document.querySelector('[data-testid=tab-trace]').click())
      await waitFor(async () => (await text(ctx, '[data-testid=trace-step]')) === 'Step 1', 'the trace of step 1')
      const head = await ctx.page.evaluate(() => {
        const edge = document.querySelector('[data-testid=trace]').getBoundingClientRect().right
        const whole = (e) => e.scrollWidth <= e.clientWidth + 1 && e.getBoundingClientRect().right <= edge + 0.5 && e.getBoundingClientRect().width > 0
        const key = document.querySelector('[data-testid=trace-key]')
        const wm = document.querySelector('[data-testid=trace-watermark]')
        const pin = document.querySelector('[data-testid=trace-pin]')
        return { key: key && { title: key.title, cut: key.scrollWidth > key.clientWidth, right: key.getBoundingClientRect().right, ellipsis: getComputedStyle(key).textOverflow },
          wm: wm && { text: wm.textContent.trim(), whole: whole(wm) }, pin: pin && whole(pin) }
      })
      await shot(ctx, '53c-long-key-trace-1024.png')
      assert(head.key && head.key.cut && head.key.ellipsis === 'ellipsis' && head.key.title === JSON.stringify('user-with-a-very-long-identifier-' + 'x'.repeat(400)),
        `the long key ends in an ellipsis, whole in its tooltip: ${JSON.stringify(head.key).slice(0, 300)}`)
      assert(head.wm && head.wm.whole && /watermark .*\d{4}-\d\d-\d\dT/.test(head.wm.text), `the watermark is whole: ${JSON.stringify(head.wm)}`)
      assert(head.pin, 'the Pin key button is whole')
      // Each call's kind ("WRITE") beside the call's first line, not alone above a long call it pushed to the next.
      const apart = await ctx.page.$$eval('[data-testid=trace-entry] td.call', (cells) => cells.map((c) => {
        const kind = c.querySelector('.kind')
        // The call's text: what follows the kind label.
        const walk = document.createTreeWalker(c, NodeFilter.SHOW_TEXT)
        const texts = []
        for (let n = walk.nextNode(); n; n = walk.nextNode()) if (!kind.contains(n) && n.textContent.trim()) texts.push(n)
        const range = document.createRange()
        range.selectNodeContents(texts[0])
        const first = [...range.getClientRects()].find((r) => r.width > 1)
        return first && Math.abs(first.top - kind.getBoundingClientRect().top) > 4 ? c.textContent.trim().slice(0, 40) : null
      }).filter(Boolean))
      assert(apart.length === 0, `a call's kind sits alone above its call at 1024 px: ${JSON.stringify(apart)}`)
      await ctx.page.click('[data-testid=stop]')
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
  }],
]
