// What the E2E scenarios do on screen, the way a user does it: read texts, pick from menus, paste into
// Monaco, start a session; plus the command line's result to compare the app against.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { assert, waitFor } from './harness.mjs'

export const TIMEOUT = 30 * 60 * 1000

export const shot = (ctx, name) => ctx.page.screenshot({ path: join(ctx.artifacts, name) })
export const text = (ctx, sel) => ctx.page.locator(sel).innerText()
export const phase = (ctx) => text(ctx, '[data-testid=phase]')
export const editorValue = (ctx) => ctx.page.evaluate(() => window.__riffleEditor.getValue())
export const diagnostics = (ctx) => ctx.page.evaluate(() => window.__riffleEditor.diagnostics())
export const stepNo = async (ctx) => Number((/step ([\d,]+)/.exec(await text(ctx, '[data-testid=status]')) ?? [0, '-1'])[1].replace(/,/g, ''))

export async function selectOptionContaining(ctx, selector, needle) {
  // After a page load the menus fill in from the service: a pick right after goto() found no options yet.
  const value = await waitFor(() => ctx.page.$eval(selector, (el, n) => [...el.options].find((o) => o.textContent.includes(n))?.value ?? null, needle),
    `${selector} to list ${needle}`).catch(() => null)
  assert(value, `${selector} has an option containing ${needle}`)
  await ctx.page.selectOption(selector, value)
}

/** Replaces the whole editor buffer the way a user pastes: select all, then insert the text. */
export async function replaceSource(ctx, source) {
  // The editor's visible box, not .view-lines: that is as large as the whole text, and Playwright scrolling its
  // centre into view scrolled Monaco's overflow-hidden box natively (sideways in later screenshots; no user does that).
  // Pasted again when it did not take: in a loaded full run a paste right after a reload or an example's pick once
  // never reached the editor's text (the page was still putting the session's or the example's text there).
  for (let attempt = 1; ; attempt++) {
    await ctx.page.click('#editor .overflow-guard')
    await ctx.page.keyboard.press('Control+A')
    await ctx.page.evaluate((t) => {
      // A clipboard paste into Monaco (typing would auto-indent every line).
      const dt = new DataTransfer()
      dt.setData("text/plain", t)
      document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }))
    }, source)
    try {
      await waitFor(async () => (await editorValue(ctx)) === source, 'the editor to hold the new source', attempt < 3 ? 5_000 : 15_000)
      return
    } catch (e) {
      if (attempt >= 3) throw e
    }
  }
}

/**
 * Selects a key by clicking its row, the way a user does, once the list shows the current step: the list is aria-busy
 * until the step's rows answer, and they re-order then (last touched first), so a click just before reached the row
 * now drawn for another key. Clicks again if a re-render swallowed the click. Returns once the key detail shows the
 * key and the list is settled: only then is the detail read at the current step (an earlier read of the same key,
 * from a step before, showed the key's name with an older state).
 */
export async function selectKey(ctx, key) {
  // A search left in the box hides the row (cleared only when set: clearing it re-reads the list).
  if ((await ctx.page.inputValue('[data-testid=key-search]')) !== '') await ctx.page.fill('[data-testid=key-search]', '')
  const settled = async () => (await ctx.page.getAttribute('[data-testid=key-list]', 'aria-busy')) === 'false'
  const selected = () => ctx.page.locator('[data-testid=selected-key]').innerText({ timeout: 2_000 }).catch(() => null)
  await waitFor(async () => {
    if (!(await settled())) return false
    if ((await selected()) !== key) await ctx.page.click(`[data-testid=key-list] .row[data-key='${key.replace(/'/g, "\\'")}']`, { timeout: 5_000 }).catch(() => {})
    return (await selected()) === key && (await settled())
  }, `the key detail for ${key}, with the list showing the current step`, 30_000)
}

/** The seed sessionizer (TypeScript) in the editor over the scenario's recording (clicks-small). */
export async function seedOnSmall(ctx) {
  await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
  await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('deleteEventTimeTimer(now)'), 'the seed in the editor')
  await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
}

export async function startSession(ctx) {
  await ctx.page.click('[data-testid=start]')
  await waitFor(async () => ['ready', 'failed', 'finished'].includes(await phase(ctx)), 'the session to start')
}

/** Expected main outputs, from the command line run of the same job over the same recording. */
export function cliOutputs(ctx, job) {
  const out = execFileSync(process.execPath, [join(ctx.root, 'bin/riffle.mjs'), 'run', join(ctx.root, job),
    join(ctx.project, 'recordings', ctx.recording), '--out', '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  return out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((o) => !('tag' in o)).map((o) => o.value)
}

export async function outputValues(ctx) {
  // Each value view carries its value as JSON (its text adds readable times and buttons).
  const cells = await ctx.page.locator('[data-testid=output-log] td.value [data-json]').evaluateAll((els) => els.map((e) => e.getAttribute('data-json')))
  return cells.map((c) => JSON.parse(c))
}

/**
 * The words (runs of non-blanks, or what `pattern` matches) under each element `sel` matches that are drawn across two
 * lines, as "(abse" / "nt)": a word on two lines has client rects at two heights. With the elements' text, for the message.
 */
export function brokenWords(ctx, sel, pattern = '\\S+') {
  return ctx.page.evaluate(([s, p]) => {
    const boxes = [...document.querySelectorAll(s)]
    const broken = []
    for (const box of boxes) {
      const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT)
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        for (const m of n.textContent.matchAll(new RegExp(p, 'g'))) {
          const r = document.createRange()
          r.setStart(n, m.index)
          r.setEnd(n, m.index + m[0].length)
          if (new Set([...r.getClientRects()].filter((q) => q.width > 0).map((q) => Math.round(q.top))).size > 1) broken.push(m[0])
        }
      }
    }
    return { broken, text: boxes.map((b) => b.innerText).join('\n') }
  }, [sel, pattern])
}

/** The editor's line numbers a user sees: inside its visible box and not under the sticky scroll lines. */
export function shownLines(ctx) {
  return ctx.page.evaluate(() => {
    const box = document.querySelector('#editor .overflow-guard').getBoundingClientRect()
    const sticky = document.querySelector('#editor .sticky-widget')?.getBoundingClientRect()
    const top = sticky && sticky.height > 0 ? sticky.bottom : box.top
    return [...document.querySelectorAll('#editor .margin-view-overlays .line-numbers')]
      .filter((e) => { const r = e.getBoundingClientRect(); return r.top >= top - 1 && r.bottom <= box.bottom + 1 })
      .map((e) => Number(e.textContent.trim())).sort((a, b) => a - b)
  })
}

export async function lineShown(ctx, line) {
  return (await shownLines(ctx)).includes(line)
}

/**
 * How the key detail fits its pane: how far it scrolls sideways, the cells that end right of it, and for each state's
 * box how far its table reaches past the box's border (0 or less: inside).
 */
export function keyDetailFit(ctx) {
  return ctx.page.evaluate(() => {
    const pane = document.querySelector('[data-testid=key-detail]')
    const r = pane.getBoundingClientRect()
    const cut = [...pane.querySelectorAll('th, td')].filter((c) => c.getBoundingClientRect().right > r.right + 0.5).map((c) => c.textContent.trim().slice(0, 40))
    const past = [...pane.querySelectorAll('.state')].map((box) => {
      const table = box.querySelector('table')
      const inner = box.getBoundingClientRect().left + box.clientLeft + box.clientWidth
      return table ? Math.ceil(table.getBoundingClientRect().right - inner) : 0
    })
    // The key's detail scrolls inside the pane (the Watch list is docked under it).
    const scroller = pane.querySelector('[data-testid=key-detail-scroll]') ?? pane
    return { sideways: scroller.scrollWidth - scroller.clientWidth, cut, past }
  })
}
