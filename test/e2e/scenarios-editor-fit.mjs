// The editor while debugging at 1024 × 700 (and 1440 × 900): inline values end inside the editor's text area (at
// 1024 px they ran past its right edge, out of sight), a cut one whole in its hover; a breakpoint stop keeps the editor
// where it is (the hit took a row of its own above it, moving the code down ~20 px at each stop and back at each
// Continue); a TypeScript gutter condition through `this.` reads the key's state, and one that writes through it says at
// the breakpoint why it can never work.
import { assert, waitFor } from './harness.mjs'
import { phase, seedOnSmall, shot, startSession, stepNo, text } from './ui.mjs'
import { clearBreakpoints, editorCall, openTab } from './debugger-ui.mjs'
import { statusBarScenarios } from './scenarios-status-bar.mjs'

const SIZES = [[1024, 700], [1440, 900]]

/** The seed's line holding `needle`. */
async function lineOf(ctx, needle) {
  const src = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
  return src.split('\n').findIndex((l) => l.includes(needle)) + 1
}

/** Each inline value drawn in the editor (not the sticky lines on top), with how far its right end is past the text area's. */
function inlineValues(ctx) {
  return ctx.page.evaluate(() => {
    const guard = document.querySelector('#editor .overflow-guard').getBoundingClientRect()
    // The text area ends where the minimap, or else the vertical scrollbar, begins.
    const lefts = ['.minimap', '.scrollbar.vertical'].map((s) => document.querySelector(`#editor ${s}`)?.getBoundingClientRect())
      .filter((r) => r && r.width > 0).map((r) => r.left)
    const edge = Math.min(guard.right, ...lefts)
    return [...document.querySelectorAll('#editor .view-lines .riffle-inline-value')].map((e) => {
      const r = e.getBoundingClientRect()
      return { text: e.textContent.replace(/\u00a0/g, ' ').trim(), past: Math.round(r.right - edge), x: r.left + r.width / 2, y: r.top + r.height / 2 }
    })
  })
}

/** Opens the breakpoint widget on `line` by a right-click in the gutter (again while the editor lays itself out for a new width). */
export async function openBreakpointWidget(ctx, line) {
  await waitFor(async () => {
    if ((await ctx.page.locator('[data-testid=line-bp-condition]').count()) > 0) return true
    await ctx.page.evaluate((l) => window.__riffleEditor.revealLine(l), line)
    const at = await editorCall(ctx, 'glyphPoint', line)
    await ctx.page.mouse.click(at.x, at.y, { button: 'right' })
    return ctx.page.waitForSelector('[data-testid=line-bp-condition]', { timeout: 2000 }).then(() => true, () => false)
  }, `the breakpoint widget on line ${line}`, 30_000)
}

export async function setConditionalBreakpoint(ctx, line, condition) {
  await openBreakpointWidget(ctx, line)
  await ctx.page.fill('[data-testid=line-bp-condition]', condition)
  await ctx.page.keyboard.press('Enter')
  await waitFor(async () => (await editorCall(ctx, 'classesAt', line)).some((c) => /\briffle-bp-conditional\b/.test(c)), `the conditional breakpoint on line ${line}`)
}

const editorTop = (ctx) => ctx.page.evaluate(() => Math.round(document.querySelector('#editor').getBoundingClientRect().top))

export const editorFitScenarios = [
  ['inline values at 1024 × 700 and 1440 × 900 end inside the editor\'s text area; a cut one ends in an ellipsis and its hover shows it whole', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    try {
      for (const [width, height] of SIZES) {
        await ctx.page.setViewportSize({ width, height })
        await startSession(ctx)
        // The first output: u1's timer firing, whose onTimer reads both states and clears them (values on six lines).
        await ctx.page.keyboard.press('F11')
        await waitFor(async () => (await phase(ctx)) === 'ready' && (await stepNo(ctx)) > 0, 'the first output')
        const line = await lineOf(ctx, 'session_start: this.sessionStart.value()!')
        await ctx.page.evaluate((l) => window.__riffleEditor.revealLine(l), line)
        const values = await waitFor(async () => { const v = await inlineValues(ctx); return v.length >= 5 && v }, 'the step\'s inline values')
        await shot(ctx, `editor-fit-01-inline-values-${width}.png`)
        // A lone "…" after a line that itself reaches the edge (the editor a few px narrower after earlier scenarios)
        // may overhang by part of its glyph: it is there to be hovered. Any more of a value past the edge is not.
        const past = values.filter((v) => v.past > (v.text === '…' ? 8 : 1))
        assert(past.length === 0, `inline values run past the editor's right edge at ${width} px: ${JSON.stringify(past)}`)
        const cut = values.filter((v) => v.text.endsWith('…'))
        if (width === 1024) assert(cut.length > 0, `at 1024 px a value after session_start's long line is cut to fit: ${JSON.stringify(values)}`)
        for (const v of cut.slice(0, 1)) {
          await ctx.page.mouse.move(v.x, v.y)
          const hover = await waitFor(async () => {
            const t = (await ctx.page.locator('.monaco-hover').allInnerTexts()).join('\n')
            return t.includes(v.text.slice(0, -1)) && t.length > v.text.length && t
          }, `the hover of the cut value "${v.text}"`, 10_000)
          await shot(ctx, `editor-fit-01b-inline-hover-${width}.png`)
          assert(/1708848000000/.test(hover), `the hover shows the value whole: ${hover}`)
          await ctx.page.mouse.move(5, 5)
        }
        await ctx.page.click('[data-testid=stop]')
      }
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
  }],

  ['a breakpoint stop at 1024 × 700 and 1440 × 900 keeps the editor where it is (the hit took a row of its own above it)', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    const line = await lineOf(ctx, 'this.eventCount.update(this.eventCount.value()! + 1)')
    try {
      for (const [width, height] of SIZES) {
        await ctx.page.setViewportSize({ width, height })
        await startSession(ctx)
        // A condition as a user writes one: the hit names it, and the key (at 1024 px the hit no longer fit beside the
        // slider and took a row of its own).
        if (width === SIZES[0][0]) await setConditionalBreakpoint(ctx, line, "event_count >= 2 && event.type !== 'logout'")
        await waitFor(async () => (await stepNo(ctx)) === 0, 'a fresh session')
        const before = await editorTop(ctx)
        const tops = []
        for (let i = 0; i < 2; i++) {
          await ctx.page.keyboard.press('F5')
          await waitFor(async () => (await ctx.page.locator('[data-testid=breakpoint-hit]').count()) > 0 && (await phase(ctx)) === 'ready', 'the stop at the breakpoint', 30_000)
          tops.push(await editorTop(ctx))
        }
        const whole = (sel) => ctx.page.$eval(sel, (e) => ({ text: e.textContent, cut: e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight + 1 }))
        const hit = await whole('[data-testid=breakpoint-hit]')
        await shot(ctx, `editor-fit-02-breakpoint-hit-${width}.png`)
        // Go to step refused beside the hit: its note shares the row too.
        await ctx.page.fill('[data-testid=goto-step]', '-1')
        await ctx.page.keyboard.press('Enter')
        await waitFor(async () => /is not a step/.test(await text(ctx, '[data-testid=request-note]').catch(() => '')), 'the refusal beside the box')
        tops.push(await editorTop(ctx))
        const note = await whole('[data-testid=request-note]')
        await shot(ctx, `editor-fit-02b-refusal-beside-hit-${width}.png`)
        assert(!note.cut, `the refusal is whole at ${width} px: ${JSON.stringify(note)}`)
        await ctx.page.fill('[data-testid=goto-step]', '')
        // A step back leaves the hit (a step on is a hit again: the line runs at every event).
        await ctx.page.keyboard.press('Shift+F10')
        await waitFor(async () => (await ctx.page.locator('[data-testid=breakpoint-hit]').count()) === 0, 'the step back, the hit gone')
        tops.push(await editorTop(ctx))
        assert(tops.every((t) => t === before), `the editor moved at ${width} px: top ${before} before, ${JSON.stringify(tops)} at the two stops, the refusal and the step back`)
        assert(/line \d+ when event_count >= 2 .* · key "u\d"/.test(hit.text) && !hit.cut, `the hit is whole on the bar's row at ${width} px: ${JSON.stringify(hit)}`)
        await ctx.page.click('[data-testid=stop]')
      }
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
      await clearBreakpoints(ctx)
    }
  }],

  ['a TypeScript gutter condition through this. reads the key\'s state (this.eventCount.value() >= 2 stops as event_count >= 2 would); a write through it (this.eventCount.update(1)) is unverified at once, saying why', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    await startSession(ctx)
    const line = await lineOf(ctx, 'if (this.sessionStart.value() === null)')
    const write = 'this.eventCount.update(1) === undefined'
    try {
      for (const [width, height] of SIZES) {
        await ctx.page.setViewportSize({ width, height })
        await openBreakpointWidget(ctx, line)
        if (width === SIZES[0][0]) {
          const hint = await text(ctx, '[data-testid=line-bp-hint]')
          assert(/read-only, through this\./.test(hint), `the widget's hint says this reads, read-only: ${hint}`)
          await ctx.page.fill('[data-testid=line-bp-condition]', write)
          await ctx.page.keyboard.press('Enter')
          await waitFor(async () => (await editorCall(ctx, 'classesAt', line)).some((c) => /\briffle-bp-unverified\b/.test(c)), 'the breakpoint drawn unverified (grey)')
          await openBreakpointWidget(ctx, line)
        }
        // Opened again: the widget says why the breakpoint as kept can never hit.
        const never = await waitFor(async () => (await ctx.page.locator('[data-testid=line-bp-never]').count()) > 0 && text(ctx, '[data-testid=line-bp-never]'), 'the widget saying why')
        await shot(ctx, `editor-fit-03-this-condition-widget-${width}.png`)
        assert(/the condition cannot change state: `this\.eventCount\.update\(…\)` writes/.test(never), `the widget says the condition cannot write: ${never}`)
        await ctx.page.keyboard.press('Escape')
      }
      await ctx.page.setViewportSize({ width: 1024, height: 700 })
      // The gutter's hover and the Breakpoints tab say the same.
      await ctx.page.evaluate((l) => window.__riffleEditor.revealLine(l), line)
      // Moved onto it from elsewhere each try: a hover opens on a move, and the pointer may already rest there (an
      // earlier scenario's), or the editor may still be laying itself out at the new size.
      const hover = await waitFor(async () => {
        const at = await editorCall(ctx, 'glyphPoint', line)
        await ctx.page.mouse.move(0, 0)
        await ctx.page.mouse.move(at.x, at.y, { steps: 3 })
        await ctx.page.waitForTimeout(1200)
        const t = (await ctx.page.locator('.monaco-hover').allInnerTexts()).join('\n')
        return /cannot change state/.test(t) && t
      }, 'the gutter hover saying why', 20_000)
      assert(/only reads the job/.test(hover), `the hover says an expression only reads: ${hover}`)
      await openTab(ctx, 'breakpoints')
      const row = await text(ctx, '[data-testid=bp-row]')
      await shot(ctx, 'editor-fit-03b-this-condition-1024.png')
      assert(/cannot change state/.test(row), `the Breakpoints tab says why: ${row}`)
      // A condition that reads through this works: it stops where event_count >= 2 would, with no error.
      await openBreakpointWidget(ctx, line)
      await ctx.page.fill('[data-testid=line-bp-condition]', 'this.eventCount.value() >= 2')
      await ctx.page.keyboard.press('Enter')
      await waitFor(async () => (await editorCall(ctx, 'classesAt', line)).some((c) => /\briffle-bp-conditional\b/.test(c)), 'the conditional breakpoint (verified)')
      await ctx.page.keyboard.press('F5')
      await waitFor(async () => (await ctx.page.locator('[data-testid=breakpoint-hit]').count()) > 0 && (await phase(ctx)) === 'ready', 'the stop at the breakpoint', 30_000)
      const hit = await text(ctx, '[data-testid=breakpoint-hit]')
      await shot(ctx, 'editor-fit-03c-this-condition-hit-1024.png')
      assert(/when this\.eventCount\.value\(\) >= 2/.test(hit) && !/threw/.test(hit), `the hit names the condition, no error: ${hit}`)
      assert((await ctx.page.locator('[data-testid=bp-hit-error]').count()) === 0, 'the Breakpoints tab shows no error for the hit')
      await ctx.page.click('[data-testid=stop]')
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
      await clearBreakpoints(ctx)
    }
  }],

  ['the Breakpoints tab\'s row of a refused gutter condition reads as VS Code\'s list at 1024 × 700 and 1440 × 900: the gutter\'s grey hollow dot, the ✕ at the end of its first line, the reason under it', async (ctx) => {
    await seedOnSmall(ctx)
    await clearBreakpoints(ctx)
    await startSession(ctx)
    const line = await lineOf(ctx, 'if (this.sessionStart.value() === null)')
    try {
      await setConditionalBreakpoint(ctx, line, 'this.eventCount.update(1) === undefined')
      await waitFor(async () => (await editorCall(ctx, 'classesAt', line)).some((c) => /\briffle-bp-unverified\b/.test(c)), 'the gutter breakpoint drawn unverified')
      for (const [width, height] of SIZES) {
        await ctx.page.setViewportSize({ width, height })
        await openTab(ctx, 'breakpoints')
        const row = await waitFor(() => ctx.page.evaluate(() => {
          const r = document.querySelector('[data-testid=bp-row]')
          const why = r?.querySelector('[data-testid=bp-refused]')
          if (!r || !why) return false
          const box = (e) => { const b = e.getBoundingClientRect(); return { top: Math.round(b.top), bottom: Math.round(b.bottom), left: Math.round(b.left), right: Math.round(b.right) } }
          const dot = r.querySelector('[data-testid=bp-dot]')
          const st = getComputedStyle(dot)
          return { dot: { ...box(dot), cls: dot.className, bg: st.backgroundColor, ring: st.boxShadow }, desc: box(r.querySelector('.desc')),
            rm: box(r.querySelector('[data-testid=bp-remove]')), row: box(r), why: { ...box(why), text: why.textContent } }
        }), 'the refused row')
        await shot(ctx, `editor-fit-04-refused-row-${width}.png`)
        const mid = (b) => (b.top + b.bottom) / 2
        assert(/\briffle-bp-unverified\b/.test(row.dot.cls) && /rgba\(0, 0, 0, 0\)|transparent/.test(row.dot.bg) && /138, 138, 138/.test(row.dot.ring),
          `the dot is the gutter's grey hollow one at ${width} px: ${JSON.stringify(row.dot)}`)
        assert(Math.abs(mid(row.rm) - mid(row.desc)) <= 4 && row.rm.right >= row.row.right - 4,
          `the ✕ is at the end of the first line at ${width} px: ${JSON.stringify(row)}`)
        assert(row.why.top >= row.desc.bottom - 1 && row.why.bottom <= row.row.bottom && row.rm.bottom <= row.why.top + 1,
          `the reason is under the first line, the ✕ above it, at ${width} px: ${JSON.stringify(row)}`)
        assert(/^the condition cannot change state/.test(row.why.text), `the reason as the widget says it: ${row.why.text}`)
      }
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
      await clearBreakpoints(ctx)
    }
  }],
  ...statusBarScenarios,
]
