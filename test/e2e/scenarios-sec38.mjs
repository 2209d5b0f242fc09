// A recording path that does not open keeps the recording chosen before, as VS Code keeps the previous choice: the
// menu still names it, Restart stays on, the field says the old one is still used, and Escape changes nothing.
import { assert, waitFor } from './harness.mjs'
import { phase, seedOnSmall, shot, startSession, text } from './ui.mjs'

export const sec38Scenarios = [
  ['a recording path that does not open keeps the recording chosen before (menu, Restart), also after Escape', async (ctx) => {
    await seedOnSmall(ctx)
    await startSession(ctx)
    assert((await phase(ctx)) === 'ready', `the session started: ${await phase(ctx)}`)
    const chosen = await ctx.page.inputValue('[data-testid=recording]')
    assert(chosen.endsWith(ctx.recording), `the scenario's recording is chosen: ${chosen}`)
    await ctx.page.click('text=Open path…')
    await ctx.page.fill('[data-testid=recording-path]', 'no-such-recording.jsonl')
    await ctx.page.keyboard.press('Enter')
    const why = await waitFor(async () => text(ctx, '[data-testid=recording-path-error]').catch(() => ''), 'the failure next to the path field')
    assert(why.includes('no-such-recording.jsonl') && why.includes(`still using ${ctx.recording}`), `the failure names the path and the recording kept: ${why}`)
    const kept = async () => ({
      value: await ctx.page.inputValue('[data-testid=recording]'),
      shown: await ctx.page.$eval('[data-testid=recording]', (s) => s.selectedOptions[0]?.textContent ?? ''),
      restartOff: await ctx.page.locator('[data-testid=start]').isDisabled(),
    })
    // The failure is read whole by the field, inside the window (it was cut to "/tmp/ri…" beside the summary).
    const box = await ctx.page.$eval('[data-testid=recording-path-error]', (e) => {
      const r = e.getBoundingClientRect()
      // What is on top at its corners is the message itself: nothing clips or covers it.
      const seen = [[r.left + 2, r.top + 2], [r.right - 2, r.bottom - 2]].every(([x, y]) => e.contains(document.elementFromPoint(x, y)))
      return { cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1 || !seen, left: r.left, right: r.right, inWindow: r.left >= 0 && r.right <= window.innerWidth }
    })
    assert(!box.cut && box.inWindow, `the failure by the field is shown whole, in the window: ${JSON.stringify(box)}`)
    // The path box's buttons are not run over by anything (its × ran over the recording's summary).
    const covered = await ctx.page.$$eval('.path-form button', (bs) => bs.filter((b) => {
      const r = b.getBoundingClientRect()
      return !b.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)) || r.right > window.innerWidth
    }).map((b) => b.textContent))
    assert(covered.length === 0, `the path box's buttons are in sight: covered ${JSON.stringify(covered)}`)
    let now = await kept()
    assert(now.value === chosen && !now.shown.startsWith('Choose') && !now.restartOff, `the old recording stays chosen, Restart on: ${JSON.stringify(now)}`)
    await shot(ctx, 'sec38-open-path-failed-keeps-recording.png')
    await ctx.page.locator('[data-testid=recording-path]').press('Escape')
    assert((await ctx.page.locator('[data-testid=recording-path]').count()) === 0, 'Escape closes the path box')
    now = await kept()
    assert(now.value === chosen && !now.restartOff, `after Escape the old recording stays chosen, Restart on: ${JSON.stringify(now)}`)
    await shot(ctx, 'sec38-after-escape-keeps-recording.png')
    // In a 1024 px window (compact bar) the failure still hangs whole under the box, inside the window.
    const size = ctx.page.viewportSize()
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      await ctx.page.click('text=Open path…')
      await ctx.page.fill('[data-testid=recording-path]', 'no-such-recording.jsonl')
      await ctx.page.keyboard.press('Enter')
      await waitFor(async () => (await ctx.page.locator('[data-testid=recording-path-error]').count()) === 1, 'the failure at 1024 px')
      const narrow = await ctx.page.$eval('[data-testid=recording-path-error]', (e) => {
        const r = e.getBoundingClientRect()
        return { left: r.left, right: r.right, seen: e.contains(document.elementFromPoint(r.left + 2, r.top + 2)) && e.contains(document.elementFromPoint(r.right - 2, r.bottom - 2)) }
      })
      assert(narrow.seen && narrow.left >= 0 && narrow.right <= 1024, `the failure is whole in a 1024 px window: ${JSON.stringify(narrow)}`)
      assert((await ctx.page.inputValue('[data-testid=recording]')) === chosen, 'the recording stays chosen at 1024 px')
      await shot(ctx, 'sec38-open-path-failed-1024.png')
      await ctx.page.locator('[data-testid=recording-path]').press('Escape')
    } finally {
      await ctx.page.setViewportSize(size)
    }
  }],
]
