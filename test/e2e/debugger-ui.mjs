// What a user does in the debugger, as the browser scenarios do it: step (F10), run to the end, open a tab, pick a
// job or a recording, (re)start, add and clear breakpoints, Continue to a hit, save or load a savepoint, and a
// screenshot once the inspector has caught up. Shared by the scenario files so that each action is written once.
import { assert, waitFor } from './harness.mjs'
import { phase, selectOptionContaining, shot, startSession, stepNo, text } from './ui.mjs'

/** Calls a method of the page's job editor (window.__riffleEditor), as the tests read what the user sees. */
export const editorCall = (ctx, fn, ...args) => ctx.page.evaluate(([f, a]) => window.__riffleEditor[f](...a), [fn, args])

/** Steps n times with F10, each time waiting for the step number to move. */
export async function steps(ctx, n) {
  for (let i = 0; i < n; i++) {
    const before = await stepNo(ctx)
    await ctx.page.keyboard.press('F10')
    await waitFor(async () => (await stepNo(ctx)) > before, 'the step to apply')
  }
}

export async function loadJob(ctx, example, needle) {
  await selectOptionContaining(ctx, '[data-testid=examples]', example)
  await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes(needle), `${example} in the editor`)
}
export const loadSeed = (ctx) => loadJob(ctx, 'sessionizer-seed.ts', 'deleteEventTimeTimer(now)')

export async function pickRecording(ctx, name) {
  if (name.startsWith('workspace/')) {
    await ctx.page.click('text=Open path…')
    await ctx.page.fill('[data-testid=recording-path]', name.slice('workspace/'.length)) // relative to the workspace
    await ctx.page.keyboard.press('Enter')
    await waitFor(async () => (await text(ctx, '[data-testid=recording-info]')).includes('events'), 'the opened recording')
  } else {
    await selectOptionContaining(ctx, '[data-testid=recording]', name)
  }
}

/** Start (or Restart) and wait for a fresh session at step 0. */
export async function restart(ctx) {
  await startSession(ctx)
  assert((await phase(ctx)) === 'ready', `the session started (phase ${await phase(ctx)})`)
  await waitFor(async () => (await stepNo(ctx)) === 0, 'a fresh session at step 0')
}

export async function runToEnd(ctx) {
  await ctx.page.click('[data-testid=run-to-end]')
  await waitFor(async () => (await phase(ctx)) === 'finished', 'the run to finish', 60_000)
}

export async function openTab(ctx, name) {
  await ctx.page.click(`[data-testid=tab-${name}]`)
}

export async function clearBreakpoints(ctx) {
  await openTab(ctx, 'breakpoints')
  while (await ctx.page.locator('[data-testid=bp-remove]').count() > 0) {
    const n = await ctx.page.locator('[data-testid=bp-remove]').count()
    await ctx.page.locator('[data-testid=bp-remove]').first().click()
    await waitFor(async () => (await ctx.page.locator('[data-testid=bp-remove]').count()) < n, 'the breakpoint removed')
  }
}

/** Fills the breakpoint form the way a user does and adds it. */
export async function addBreakpoint(ctx, spec) {
  await openTab(ctx, 'breakpoints')
  const rows = await ctx.page.locator('[data-testid=bp-row]').count()
  await ctx.page.selectOption('[data-testid=bp-kind]', spec.kind)
  if (spec.key !== undefined) await ctx.page.fill('[data-testid=bp-key]', spec.key)
  if (spec.expression !== undefined) await ctx.page.fill('[data-testid=bp-expression]', spec.expression)
  if (spec.domain !== undefined) await ctx.page.selectOption('[data-testid=bp-domain]', spec.domain)
  if (spec.tag !== undefined) await ctx.page.fill('[data-testid=bp-tag]', spec.tag)
  if (spec.stateName !== undefined) await ctx.page.fill('[data-testid=bp-state-name]', spec.stateName)
  await ctx.page.fill('[data-testid=bp-log]', spec.log ?? '')
  await ctx.page.click('[data-testid=bp-add]')
  await waitFor(async () => (await ctx.page.locator('[data-testid=bp-row]').count()) === rows + 1, 'the breakpoint in the list')
  const err = await ctx.page.locator('[data-testid=bp-row] .err').allInnerTexts()
  assert(err.length === 0, `the breakpoint compiled (${err.join('; ')})`)
}

/** Continue (F5) and wait until it stops at a breakpoint; returns the hit line and the step. */
export async function continueToHit(ctx) {
  await ctx.page.keyboard.press('F5')
  const hit = await waitFor(async () => {
    const el = ctx.page.locator('[data-testid=breakpoint-hit]')
    return (await el.count()) > 0 ? el.innerText() : null
  }, 'Continue to stop at a breakpoint', 30_000)
  await waitFor(async () => (await phase(ctx)) === 'ready', 'the run to pause at the hit')
  return { hit, step: await stepNo(ctx) }
}

export async function currentStepText(ctx) {
  await openTab(ctx, 'step')
  return waitFor(async () => text(ctx, '[data-testid=current-step]'), 'the current step panel')
}

/** Waits until the inspector caught up with the run (it refreshes after each result), then saves a screenshot. */
export async function snap(ctx, name) {
  await waitFor(async () => ctx.page.evaluate(() => {
    const foot = document.querySelector('[data-testid=key-list]')?.closest('.key-list')?.querySelector('.foot')?.textContent ?? ''
    const listed = Number((/([\d,]+) keys?\b/.exec(foot) ?? [0, '-1'])[1].replace(/,/g, ''))
    const status = Number((/keys ([\d,]+)/.exec(document.querySelector('[data-testid=status]')?.textContent ?? '') ?? [0, '-2'])[1].replace(/,/g, ''))
    const loading = [...document.querySelectorAll('[data-testid=key-list] .row')].some((r) => r.textContent.includes('…'))
    return listed === status && !loading
  }), 'the inspector to catch up before a screenshot')
  await ctx.page.waitForTimeout(100)
  await shot(ctx, name)
}

/** Save savepoint… or Load savepoint… (`button`: 'save' or 'load') of the folder `path`, done once the dialog closes. */
export async function savepointDialog(ctx, button, path) {
  await ctx.page.click(`[data-testid=savepoint-${button}]`)
  await waitFor(() => ctx.page.isVisible('[data-testid=savepoint-dialog]'), 'the savepoint dialog')
  await ctx.page.fill('[data-testid=savepoint-path]', path)
  await ctx.page.keyboard.press('Enter')
  await waitFor(async () => !(await ctx.page.isVisible('[data-testid=savepoint-dialog]')), 'the dialog to close')
}
