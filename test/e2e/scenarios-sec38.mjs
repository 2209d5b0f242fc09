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
    let now = await kept()
    assert(now.value === chosen && !now.shown.startsWith('Choose') && !now.restartOff, `the old recording stays chosen, Restart on: ${JSON.stringify(now)}`)
    await shot(ctx, 'sec38-open-path-failed-keeps-recording.png')
    await ctx.page.locator('[data-testid=recording-path]').press('Escape')
    assert((await ctx.page.locator('[data-testid=recording-path]').count()) === 0, 'Escape closes the path box')
    now = await kept()
    assert(now.value === chosen && !now.restartOff, `after Escape the old recording stays chosen, Restart on: ${JSON.stringify(now)}`)
    await shot(ctx, 'sec38-after-escape-keeps-recording.png')
  }],
]
