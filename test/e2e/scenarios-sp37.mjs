// Savepoints in the app (Save savepoint… / Load savepoint… in the time-travel bar): the seed sessionizer is saved at
// step 6, run on, and loaded back; the session then stands at step 6 with the key state, key list and timers it had
// there, and time travel goes on from it. A folder outside the workspace and a folder that is not a savepoint are
// refused in the dialog with the service's and the engine's words, nothing written.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { assert, waitFor } from './harness.mjs'
import { seedOnSmall, selectKey, shot, stepNo, text } from './ui.mjs'
import { clearBreakpoints, openTab, restart, runToEnd, steps } from './debugger-ui.mjs'

/** What the inspector shows at the current step: the key list, u1's state and timers, and the All timers table. */
async function shown(ctx) {
  await selectKey(ctx, '"u1"')
  const keys = await ctx.page.locator('[data-testid=key-list] .row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')).sort())
  const detail = await text(ctx, '[data-testid=key-detail]')
  await openTab(ctx, 'timers')
  const timers = await text(ctx, '[data-testid=all-timers]')
  // A stepped-to step lists what it changed; a loaded savepoint was not stepped to: those lines are left out of the comparison.
  return { keys, detail: detail.replace(/\n.*changed.*$/gm, ''), timers }
}

async function savepointDialog(ctx, button, path) {
  await ctx.page.focus(`[data-testid=savepoint-${button}]`)
  await ctx.page.keyboard.press('Enter') // keyboard: the button has the focus, Enter opens the dialog
  await waitFor(() => ctx.page.isVisible('[data-testid=savepoint-dialog]'), 'the savepoint dialog')
  await ctx.page.fill('[data-testid=savepoint-path]', path)
  await ctx.page.keyboard.press('Enter')
}

export const sp37Scenarios = [
  ['savepoints: saved at step 6, run on, loaded back: the state, keys and timers of step 6, and time travel from there', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    await restart(ctx)
    await steps(ctx, 6)
    const atSix = await shown(ctx)
    assert(atSix.detail.includes('"u1"') && atSix.keys.length > 0, `the inspector shows u1 at step 6 (${JSON.stringify(atSix)})`)

    const workspace = join(ctx.project, 'workspace')
    // Refused: outside the workspace, and a folder of the user's that is not a savepoint (left as it was).
    await savepointDialog(ctx, 'save', '../outside-sp')
    await waitFor(async () => /not a folder inside the workspace/.test(await text(ctx, '[data-testid=savepoint-error]').catch(() => '')), 'the refusal of a folder outside the workspace')
    assert(!existsSync(join(ctx.project, 'outside-sp')), 'nothing was written outside the workspace')
    mkdirSync(join(workspace, 'my-notes'), { recursive: true })
    writeFileSync(join(workspace, 'my-notes/todo.txt'), 'keep me')
    await ctx.page.fill('[data-testid=savepoint-path]', 'my-notes')
    await ctx.page.keyboard.press('Enter')
    await waitFor(async () => /exists and is not a savepoint .*refusing to replace it/.test(await text(ctx, '[data-testid=savepoint-error]').catch(() => '')), 'the engine\'s refusal of a folder that is not a savepoint')
    await shot(ctx, 'sp37-save-refused.png')
    assert(JSON.stringify(readdirSync(join(workspace, 'my-notes'))) === '["todo.txt"]', 'the folder that is not a savepoint is untouched')

    await ctx.page.fill('[data-testid=savepoint-path]', 'savepoints/at-6')
    await ctx.page.keyboard.press('Enter')
    await waitFor(async () => !(await ctx.page.isVisible('[data-testid=savepoint-dialog]')), 'the dialog to close after the save')
    const saved = await text(ctx, '[data-testid=request-note]')
    assert(saved.includes('step 6') && saved.includes(join(workspace, 'savepoints/at-6')), `the note says which step and where (${saved})`)
    assert(existsSync(join(workspace, 'savepoints/at-6/manifest.json')), 'the savepoint is on disk')

    await runToEnd(ctx)
    assert((await stepNo(ctx)) > 6, 'the run went on past step 6')
    await savepointDialog(ctx, 'load', 'savepoints/at-6')
    await waitFor(async () => (await stepNo(ctx)) === 6, 'the session back at step 6 from the savepoint')
    const loaded = await text(ctx, '[data-testid=request-note]')
    assert(/Loaded the savepoint .*step 6/.test(loaded), `the note says the savepoint was loaded at step 6 (${loaded})`)
    const afterLoad = await shown(ctx)
    assert(JSON.stringify(afterLoad) === JSON.stringify(atSix),
      `the loaded state is step 6's:\n${JSON.stringify(afterLoad)}\nvs\n${JSON.stringify(atSix)}`)
    await openTab(ctx, 'outputs')
    await shot(ctx, 'sp37-loaded-at-6.png')

    // Time travel from the savepoint: forward, and back to its step (not before it).
    await steps(ctx, 2)
    await ctx.page.keyboard.press('Shift+F10')
    await ctx.page.keyboard.press('Shift+F10')
    await waitFor(async () => (await stepNo(ctx)) === 6, 'step back to the savepoint\'s step')
    assert(await ctx.page.isDisabled('[data-testid=step-back]'), 'Step back stops at the savepoint\'s step')
    const back = await shown(ctx)
    assert(JSON.stringify(back) === JSON.stringify(atSix), 'stepping back to step 6 shows step 6\'s state again')
    await ctx.page.fill('[data-testid=goto-step]', '2')
    await ctx.page.keyboard.press('Enter')
    await waitFor(async () => /before the loaded savepoint's step 6/.test(await text(ctx, '[data-testid=request-note]').catch(() => '')), 'Go to step 2 refused')
    assert((await stepNo(ctx)) === 6, 'the session stays at step 6')
    await shot(ctx, 'sp37-time-travel-after-load.png')
  }],

  ['savepoints at 1024 px: one Savepoint… button, its dialog switched to Load by keyboard loads the savepoint', async (ctx) => {
    // Runs after the scenario above, which saved savepoints/at-6 in this session's workspace.
    await steps(ctx, 3)
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      await waitFor(async () => !(await ctx.page.isVisible('[data-testid=savepoint-load]')) && (await text(ctx, '[data-testid=savepoint-save]')) === 'Savepoint…', 'one Savepoint… button at 1024 px')
      await ctx.page.focus('[data-testid=savepoint-save]')
      await ctx.page.keyboard.press('Enter')
      await waitFor(() => ctx.page.isVisible('[data-testid=savepoint-dialog]'), 'the savepoint dialog')
      // From the path box back to the radio buttons, and the arrow key moves the choice to Load.
      await ctx.page.keyboard.press('Shift+Tab')
      await ctx.page.keyboard.press('ArrowDown')
      assert(await ctx.page.isChecked('[data-testid=savepoint-mode-load]'), 'Load chosen by keyboard')
      await ctx.page.focus('[data-testid=savepoint-path]')
      await ctx.page.fill('[data-testid=savepoint-path]', 'savepoints/at-6')
      await shot(ctx, 'sp37-dialog-load-1024.png')
      await ctx.page.keyboard.press('Enter')
      await waitFor(async () => (await stepNo(ctx)) === 6, 'back at step 6 from the savepoint')
      await shot(ctx, 'sp37-loaded-1024.png')
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
  }],
]
