// The status bar at 1024 × 700 and 1440 × 900 (part of the editor-fit scenarios, run after them): always one row,
// whatever it says (local times, a 100,000-step run, a TTL job on LevelDB), the UTC/local button under the pointer,
// what does not fit given way in its order (status-items.ts) and said whole in a tooltip.
import { assert, waitFor } from './harness.mjs'
import { editorValue, phase, replaceSource, seedOnSmall, selectOptionContaining, shot, startSession, stepNo, text } from './ui.mjs'
import { clearBreakpoints, runToEnd } from './debugger-ui.mjs'

const SIZES = [[1024, 700], [1440, 900]]

/** Three steps of the seed: a real watermark and processing time, the widest its status line gets on small.jsonl's first events. */
async function threeSteps(ctx) {
  for (let i = 0; i < 3; i++) {
    const before = await stepNo(ctx)
    await ctx.page.click('[data-testid=step]')
    await waitFor(async () => (await stepNo(ctx)) > before && (await phase(ctx)) === 'ready', 'a step')
  }
}

/**
 * The status bar as drawn: its rows (by the items' middles; the UTC/local button stands a few px higher than the text
 * beside it), its height, the items CSS cut short or pushed past its right end, its text as shown (the tooltips aside).
 */
export function statusBarLayout(ctx) {
  return ctx.page.evaluate(async () => {
    // The line is fitted when the bar is resized (a ResizeObserver, before the next frame is drawn): read that frame.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
    const status = document.querySelector('[data-testid=status]')
    const r = status.getBoundingClientRect()
    const items = [...status.querySelectorAll('*')].filter((e) => e.children.length === 0 && e.getBoundingClientRect().width > 0)
    return {
      rows: items.map((e) => { const b = e.getBoundingClientRect(); return (b.top + b.bottom) / 2 }).sort((a, b) => a - b)
        .reduce((n, y, i, ys) => n + (i > 0 && y - ys[i - 1] > 6 ? 1 : 0), 1),
      height: status.offsetHeight,
      cut: items.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > r.right + 0.5).map((e) => e.textContent),
      shown: status.innerText.replace(/\s+/g, ' ').trim(),
      zoneRight: Math.round(r.right - document.querySelector('[data-testid=time-zone]').getBoundingClientRect().right),
      mode: document.querySelector('[data-testid=status-mode]')?.textContent ?? null,
      more: document.querySelector('[data-testid=status-more]')?.title ?? '',
    }
  })
}

/** Switches every time on screen to `zone` ('UTC' or 'local') with the status bar's button. */
async function timesIn(ctx, zone) {
  if ((await text(ctx, '[data-testid=time-zone]')).trim() !== zone) await ctx.page.click('[data-testid=time-zone]')
  await waitFor(async () => (await text(ctx, '[data-testid=time-zone]')).trim() === zone, `times in ${zone}`)
}

/**
 * The bar in both sizes and both zones: one row of `height` px, nothing cut by CSS, the position, step and watermark
 * (with its zone) on screen, and each of `wanted` either on screen or said whole in the "…"'s tooltip.
 */
async function checkBar(ctx, name, height, wanted) {
  for (const [width, h] of SIZES) {
    await ctx.page.setViewportSize({ width, height: h })
    for (const zone of ['UTC', 'local']) {
      await timesIn(ctx, zone)
      const bar = await statusBarLayout(ctx)
      await ctx.page.screenshot({ path: `${ctx.artifacts}/editor-fit-07-status-bar-${name}-${width}-${zone}.png`, clip: { x: 0, y: h - 60, width, height: 60 } })
      const at = `${name} at ${width} px in ${zone}: ${JSON.stringify(bar)}`
      assert(bar.rows === 1 && bar.height === height, `the bar is one row of ${height} px, ${at}`)
      assert(bar.cut.length === 0, `no item cut short, ${at}`)
      const offset = zone === 'UTC' ? 'Z' : '[+-]\\d\\d:\\d\\d'
      assert(new RegExp(`^event [\\d,]+ of [\\d,]+ step [\\d,]+ watermark ((\\d{4}-\\d\\d-\\d\\dT|…)\\d\\d:\\d\\d:\\d\\d\\.\\d{3}${offset}|MAX_TIMESTAMP) `).test(bar.shown),
        `the position, the step and the watermark with its zone on screen, ${at}`)
      assert(bar.shown.endsWith(` ${zone}`) && bar.zoneRight <= 20, `the ${zone} button at the bar's end, ${at}`)
      for (const want of wanted) assert(want.test(bar.shown) || want.test(bar.more), `${want} on screen or whole in the "…"'s tooltip, ${at}`)
    }
  }
}

export const statusBarScenarios = [
  ['the status bar keeps one row at 1024 × 700 and 1440 × 900 (at 1024 px "browser mode" took a second row): every count whole, the UTC button at its end, the mode giving way, whole in its tooltip', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    await startSession(ctx)
    try {
      await threeSteps(ctx)
      for (const [width, height] of SIZES) {
        await ctx.page.setViewportSize({ width, height })
        const bar = await statusBarLayout(ctx)
        await shot(ctx, `editor-fit-05-status-bar-${width}.png`)
        assert(bar.rows === 1, `the status bar takes ${bar.rows} rows at ${width} px: ${JSON.stringify(bar)}`)
        assert(bar.cut.length === 0, `status items cut short at ${width} px: ${JSON.stringify(bar.cut)}`)
        assert(bar.zoneRight <= 150, `the UTC button is at the bar's end at ${width} px: ${bar.zoneRight} px from it`)
        // Whole where it fits (at 1440 px, after 1024 px had cut it), else behind the "…", whose tooltip says it whole;
        // never a few letters of it.
        assert(width === 1440 ? bar.mode === 'browser mode' : bar.mode === 'browser mode' || /\nbrowser mode: /.test(bar.more), `the mode at ${width} px: ${JSON.stringify(bar)}`)
        // The seed's line in UTC at 1024 px: every item whole, the mode alone behind the "…".
        assert(/^event \d+ of \d+ step \d+ watermark 2024-\S+Z processing time 2024-\S+Z records out \d+ keys \d+ timers \d+ (browser mode|…) UTC$/.test(bar.shown), `the seed's line whole at ${width} px: ${bar.shown}`)
        for (const want of [/event [\d,]+ of [\d,]+/, /step [\d,]+/, /watermark \S+/, /processing time \S+/, /records out [\d,]+/, /keys [\d,]+/, /timers [\d,]+/]) {
          assert(want.test(bar.shown), `${want} on the status bar at ${width} px: ${bar.shown}`)
        }
      }
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
  }],

  ['the UTC/local button stays under the pointer at 1024 × 700 and 1440 × 900: two clicks at one point switch the times to local and back (at 1024 px local times take the bar to a second row, and the button had moved 90 px left of the click)', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    await startSession(ctx)
    const zone = () => ctx.page.evaluate(() => {
      const b = document.querySelector('[data-testid=time-zone]')
      const r = b.getBoundingClientRect()
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: b.textContent.trim(), bar: document.querySelector('[data-testid=status]').offsetHeight }
    })
    try {
      await threeSteps(ctx)
      for (const [width, height] of SIZES) {
        await ctx.page.setViewportSize({ width, height })
        const utc = await waitFor(async () => { const z = await zone(); return z.text === 'UTC' && z }, 'the UTC button')
        // Where a user clicks: the button's middle.
        const at = { x: (utc.left + utc.right) / 2, y: (utc.top + utc.bottom) / 2 }
        await ctx.page.mouse.click(at.x, at.y)
        const local = await waitFor(async () => { const z = await zone(); return z.text === 'local' && z }, 'local times after the click')
        await ctx.page.screenshot({ path: `${ctx.artifacts}/editor-fit-06-status-bar-local-${width}.png`, clip: { x: 0, y: height - 80, width, height: 80 } })
        assert(local.left <= at.x && at.x <= local.right && local.top <= at.y && at.y <= local.bottom,
          `the button is still under the pointer at ${width} px after the click: ${JSON.stringify({ at, utc, local })}`)
        assert(/processing time (2024-\d\d-\d\dT|…)\S+[+-]\d\d:\d\d/.test(await text(ctx, '[data-testid=status]')), 'the status bar reads local times')
        // The click moves nothing: the bar keeps its one row and its height (at 1024 px it took a second row and the
        // whole layout above it jumped 19 px), and the local times on it say their zone.
        const after = await statusBarLayout(ctx)
        assert(after.rows === 1 && after.height === utc.bar, `the bar is one row of ${utc.bar} px after the click at ${width} px: ${JSON.stringify(after)}`)
        assert(after.cut.length === 0, `status items cut short at ${width} px in local time: ${JSON.stringify(after.cut)}`)
        assert(/watermark (2024-\d\d-\d\dT|…)\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d/.test(after.shown), `the watermark shows its time and its offset at ${width} px: ${after.shown}`)
        await ctx.page.mouse.click(at.x, at.y)
        await waitFor(async () => (await zone()).text === 'UTC', `UTC again after a second click at the same point at ${width} px`, 5_000)
      }
    } finally {
      await ctx.page.mouse.move(0, 0)
      if ((await zone()).text === 'local') await ctx.page.click('[data-testid=time-zone]')
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
  }],
  ['the status bar stays one row of one height whatever it says, at 1024 × 700 and 1440 × 900 in UTC and local time: a 100,000-event run mid-way and finished, a TTL job on LevelDB (local times, big counts and the TTL note wrapped it); the watermark always says its zone, what gives way is whole in a tooltip', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    await startSession(ctx)
    const { height } = await statusBarLayout(ctx)
    const counts = [/records out [\d,]+/, /keys [\d,]+/, /timers [\d,]+/, /processing time \S+/]
    try {
      await selectOptionContaining(ctx, '[data-testid=recording]', 'clicks.jsonl')
      await startSession(ctx)
      await ctx.page.fill('[data-testid=goto-step]', '60000')
      await ctx.page.click('[data-testid=goto-go]')
      await waitFor(async () => (await stepNo(ctx)) === 60000, 'step 60,000', 120_000)
      await checkBar(ctx, 'long-run', height, counts)
      await runToEnd(ctx)
      await checkBar(ctx, 'long-run-finished', height, [...counts, /finished/])
      await selectOptionContaining(ctx, '[data-testid=examples]', 'dedup-ttl.ts')
      await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('dedup-ttl.ts'), 'the dedup job')
      await selectOptionContaining(ctx, '[data-testid=recording]', 'payments')
      await ctx.page.selectOption('[data-testid=backend]', 'leveldb')
      await startSession(ctx)
      await ctx.page.fill('[data-testid=goto-step]', '3000')
      await ctx.page.click('[data-testid=goto-go]')
      await waitFor(async () => (await stepNo(ctx)) === 3000, 'step 3,000', 60_000)
      await checkBar(ctx, 'ttl-leveldb', height, [...counts, /expired not cleaned/])
    } finally {
      await timesIn(ctx, 'UTC')
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
      await ctx.page.selectOption('[data-testid=backend]', 'heap')
      await seedOnSmall(ctx)
    }
  }],
  ['the status bar stays one row with a long error ("Not started: …" a whole line long), ended in "…" and whole in its tooltip, the UTC/local button on screen, at 1024 × 700 and 1440 × 900', async (ctx) => {
    await seedOnSmall(ctx)
    await startSession(ctx)
    const { height } = await statusBarLayout(ctx)
    const seed = await editorValue(ctx)
    const why = 'the job\'s setup failed: ' + Array.from({ length: 30 }, (_, i) => `reason ${i + 1}`).join(', ')
    try {
      await replaceSource(ctx, `export default function job() {\n  throw new Error(${JSON.stringify(why)})\n}\n`)
      await ctx.page.click('[data-testid=start]')
      await waitFor(async () => (await phase(ctx)) === 'failed', 'the start to fail')
      for (const [width, h] of SIZES) {
        await ctx.page.setViewportSize({ width, height: h })
        const bar = await statusBarLayout(ctx)
        const idle = await ctx.page.$eval('[data-testid=status-idle]', (e) => ({ text: e.textContent, title: e.title, cut: e.scrollWidth > e.clientWidth }))
        await ctx.page.screenshot({ path: `${ctx.artifacts}/editor-fit-07-status-bar-error-${width}.png`, clip: { x: 0, y: h - 60, width, height: 60 } })
        const at = `at ${width} px: ${JSON.stringify({ bar, idle })}`
        assert(bar.rows === 1 && bar.height === height, `the bar is one row of ${height} px with the error ${at}`)
        assert(/^Not started: .*reason 30/.test(idle.title) && idle.title === idle.text && idle.cut, `the error ends in "…", whole in its tooltip ${at}`)
        assert(bar.shown.endsWith(' UTC') && bar.zoneRight <= 20, `the UTC button at the bar's end ${at}`)
      }
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
      await replaceSource(ctx, seed)
    }
  }],
]
