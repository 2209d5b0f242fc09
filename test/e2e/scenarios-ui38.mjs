// The time-travel bar's "seek N ms" is the cost of the last Go to step: it stayed up after later steps and after a
// run ("seek 103.2 ms" long after the seek), as if it were the cost of the step the session now stands at.
import { assert, waitFor } from './harness.mjs'
import { phase, replaceSource, seedOnSmall, shot, stepNo, text } from './ui.mjs'

const summaryOf = async (ctx) => { const el = ctx.page.locator('[data-testid=compare-summary]'); return (await el.count()) > 0 ? el.innerText() : null }
import { clearBreakpoints, openTab, restart, runToEnd, steps } from './debugger-ui.mjs'
import { addWatch, removeAllWatches, rowShows } from './scenarios-watch.mjs'

const seekShown = (ctx) => ctx.page.locator('[data-testid=seek-ms]').count().then((n) => n > 0)

async function goTo(ctx, n) {
  await ctx.page.fill('[data-testid=goto-step]', String(n))
  await ctx.page.keyboard.press('Enter')
  await waitFor(async () => (await stepNo(ctx)) === n, `the session at step ${n}`)
}

export const ui38Scenarios = [
  ['time-travel bar: "seek N ms" shows after a Go to step and is gone after the next step and after a run', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    await restart(ctx)
    await steps(ctx, 6)
    await goTo(ctx, 3)
    await waitFor(() => seekShown(ctx), 'the seek\'s cost in the bar')
    await shot(ctx, 'ui38-seek-shown.png')
    await steps(ctx, 1)
    // The label goes with the step's answer, which can land a moment after the step number.
    await waitFor(async () => !(await seekShown(ctx)), 'no "seek N ms" after a step: the step was not a seek')
    await shot(ctx, 'ui38-seek-gone-after-step.png')
    await goTo(ctx, 2)
    await waitFor(() => seekShown(ctx), 'the seek\'s cost in the bar again')
    await runToEnd(ctx)
    await waitFor(async () => !(await seekShown(ctx)), 'no "seek N ms" after Run to end')
    await shot(ctx, 'ui38-seek-gone-after-run.png')
  }],
  ['after a watchdog stop the key detail shows the key of the step the session stands at, as a seek there does (it said "Select a key")', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    const src = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    // Loops at a user's second event (its count is 1 then).
    const looping = src.replace('const now = ctx.timestamp()!', 'const now = ctx.timestamp()!\n    while ((this.eventCount.value() ?? 0) === 1) { /* stuck */ }')
    assert(looping !== src, 'the seed source has the line the test changes')
    await replaceSource(ctx, looping)
    await restart(ctx)
    // Continue from step 0, no key selected yet: a seek to where the watchdog left the session selects its step's key.
    await ctx.page.click('[data-testid=continue]')
    await waitFor(async () => ((await ctx.page.locator('[data-testid=watchdog-resumed]').count()) === 1 ? text(ctx, '[data-testid=watchdog-resumed]') : null),
      'word that the session goes on', 60_000)
    await waitFor(async () => (await phase(ctx)) !== 'running', 'the run to stop')
    const detail = await waitFor(async () => { const d = await text(ctx, '[data-testid=key-detail]'); return /"u\d"/.test(d) ? d : null }, 'a key in the key detail after the watchdog stop', 20_000)
    await shot(ctx, 'ui38-watchdog-key-detail.png')
    assert(!/Select a key/.test(detail) && /STATE/i.test(detail), `the key detail shows the key's state: ${detail.slice(0, 300)}`)
  }],
  ['compare: a comparison made at the run\'s end is made again after a seek back, and says which step it is of', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    await restart(ctx)
    await runToEnd(ctx)
    await restart(ctx) // the run just closed is the previous run
    await runToEnd(ctx)
    const end = await stepNo(ctx)
    await openTab(ctx, 'compare')
    await ctx.page.click('[data-testid=compare-run]')
    await waitFor(() => summaryOf(ctx), 'the comparison')
    const atEnd = await text(ctx, '[data-testid=compare-step]')
    assert(atEnd.includes(`up to step ${end}`), `the comparison says it is of step ${end}: ${atEnd}`)
    await goTo(ctx, 25)
    await waitFor(async () => /up to step 25\b/.test(await text(ctx, '[data-testid=compare-step]').catch(() => '')), 'the comparison made again at step 25')
    const counts = await text(ctx, '[data-testid=compare-counts]')
    const outputsNow = Number(/this run: (\d+) outputs?/.exec(counts)[1])
    const summary = await summaryOf(ctx)
    // Nothing changed between the two runs: every output of this run up to step 25 is an unchanged pair.
    assert(new RegExp(`\\b${outputsNow} unchanged`).test(summary) && /0 added/.test(summary), `the header's count and the comparison agree: ${counts} / ${summary}`)
    // Like with like: the previous run's outputs after step 25 are not "removed" (this run has not got there), they are counted.
    assert(/\b0 removed/.test(summary), `no output of the previous run reads as removed after the seek back: ${summary}`)
    const range = await text(ctx, '[data-testid=compare-step]')
    assert(/both runs' outputs up to step 25 \(the previous run's \d+ later outputs? (is|are) not compared\)/.test(range), `the comparison says which range it compared: ${range}`)
    await shot(ctx, 'ui38-compare-after-seek.png')
  }],
  ['watch: a TypeScript map state reads as a Map (size, get, keys) and is shown as one', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    const src = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    // The seed with a MapState of the pages each user clicked, counted.
    const withPages = src.replace('KeyedProcessFunction, ValueStateDescriptor,', 'KeyedProcessFunction, ValueStateDescriptor, MapStateDescriptor,')
      .replace('  eventCount!: ValueState<number>', '  eventCount!: ValueState<number>\n  pages!: any')
      .replace("Types.LONG))\n  }", "Types.LONG))\n    this.pages = ctx.getMapState(new MapStateDescriptor('pages', Types.STRING, Types.LONG))\n  }")
      .replace('const now = ctx.timestamp()!', 'const now = ctx.timestamp()!\n    const page = (event as any).page ?? \'?\'\n    this.pages.put(page, (this.pages.get(page) ?? 0) + 1)')
    assert(withPages.includes('this.pages.put(') && withPages.includes("getMapState(new MapStateDescriptor('pages'"), 'the seed has the lines the test changes')
    await replaceSource(ctx, withPages)
    await restart(ctx)
    if ((await ctx.page.getAttribute('[data-testid=watch-toggle]', 'aria-expanded')) !== 'true') await ctx.page.click('[data-testid=watch-toggle]')
    await removeAllWatches(ctx)
    await steps(ctx, 3) // u1's second click is step 3: the key detail follows u1
    await waitFor(async () => (await text(ctx, '[data-testid=key-detail]')).includes('"u1"'), 'u1 in the key detail')
    for (const e of ['pages.size', 'pages.get("/p/1")', '[...pages.keys()].length', 'pages']) await addWatch(ctx, e)
    // Evaluated a moment after it is added ("…" until then): its value once it has one.
    const sizeText = await waitFor(async () => {
      const t = (await ctx.page.locator('[data-testid=watch-row][data-expression="pages.size"] [data-testid=watch-value]').innerText()).trim()
      return t !== '…' && t !== '' ? t : null
    }, 'pages.size evaluated')
    assert(/^\d+$/.test(sizeText) && Number(sizeText) > 0, `pages.size is a number, not NaN: ${sizeText}`)
    await rowShows(ctx, '[...pages.keys()].length', sizeText.trim())
    await rowShows(ctx, 'pages', `Map(${sizeText.trim()})`)
    await shot(ctx, 'ui38-watch-map-state.png')
  }],
]
