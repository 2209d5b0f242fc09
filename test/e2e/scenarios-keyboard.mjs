// Keyboard-only use of the inspector: the key list is reached with Tab and takes the arrow keys (Up/Down, Home/End)
// as a list box does, selecting each key it moves to, with the focus visible; a long key's row names it whole. The
// debugger's keys in the editor do their command and nothing else (Shift+F10 also opened Monaco's context menu).
import { assert, waitFor } from './harness.mjs'
import { editorValue, phase, replaceSource, selectOptionContaining, shot, startSession, stepNo, text } from './ui.mjs'

const selectedKey = (ctx) => ctx.page.locator('[data-testid=selected-key]').innerText().catch(() => '')
const listKeys = (ctx) => ctx.page.$$eval('[data-testid=key-list] .row[data-key]', (rows) =>
  rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map((r) => r.dataset.key))

export const keyboardScenarios = [
  ['keyboard: Tab reaches the key list, the arrow keys move through the keys and select each one, with the focus visible', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.ts'), 'the seed')
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    await startSession(ctx)
    assert((await phase(ctx)) === 'ready', 'the session is ready')
    for (let i = 1; i <= 6; i++) {
      await ctx.page.keyboard.press('F10')
      await waitFor(async () => (await stepNo(ctx)) === i, `step ${i}`)
    }
    // The list as of step 6: the step shows before the list's rows for it answer (the list is aria-busy until then);
    // read earlier, the keys were those of step 5 (another order) or none.
    await waitFor(async () => (await ctx.page.getAttribute('[data-testid=key-list]', 'aria-busy')) === 'false' && (await listKeys(ctx)).length >= 3,
      'three keys listed, as of step 6')
    const keys = await listKeys(ctx)
    // From the search field, Tab passes the sort menu and its direction button to the list.
    await ctx.page.focus('[data-testid=key-search]')
    for (let i = 0; i < 3; i++) await ctx.page.keyboard.press('Tab')
    assert(await ctx.page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'key-list'), 'Tab from the search field reaches the key list')
    const outline = await ctx.page.$eval('[data-testid=key-list]', (el) => getComputedStyle(el).outlineStyle)
    assert(outline !== 'none', 'the focused key list shows its focus')
    await ctx.page.keyboard.press('Home')
    await waitFor(async () => (await selectedKey(ctx)) === keys[0], `Home selects the first key ${keys[0]}`)
    await ctx.page.keyboard.press('ArrowDown')
    await waitFor(async () => (await selectedKey(ctx)) === keys[1], `ArrowDown selects the second key ${keys[1]} (selected: ${await selectedKey(ctx)})`)
    await ctx.page.keyboard.press('ArrowDown')
    await waitFor(async () => (await selectedKey(ctx)) === keys[2], `ArrowDown again selects ${keys[2]}`)
    await ctx.page.keyboard.press('ArrowUp')
    await waitFor(async () => (await selectedKey(ctx)) === keys[1], `ArrowUp goes back to ${keys[1]}`)
    await ctx.page.keyboard.press('End')
    await waitFor(async () => (await selectedKey(ctx)) === keys.at(-1), `End selects the last key ${keys.at(-1)}`)
    assert(await ctx.page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'key-list'), 'the focus stays in the key list')
    const row = await ctx.page.$eval('[data-testid=key-list] .row.sel', (r) => ({ title: r.getAttribute('title'), role: r.getAttribute('role'), selected: r.getAttribute('aria-selected') }))
    assert(row.title?.includes(keys.at(-1)) && row.role === 'option' && row.selected === 'true', `the selected row is an option that names its key: ${JSON.stringify(row)}`)
    await shot(ctx, '54-key-list-keyboard.png')
  }],
  ['keyboard: Escape from the Open dialog gives the focus back to the Open button, and from the breakpoint widget to the editor; F9 toggles a breakpoint at the cursor, "Edit Breakpoint…" in F1 (and in the readable context menu) gives it a condition', async (ctx) => {
    const focused = () => ctx.page.evaluate(() => {
      const a = document.activeElement
      return a === null || a === document.body ? 'body' : a.closest('#editor') ? 'editor' : a.getAttribute('data-testid') ?? a.tagName
    })
    await ctx.page.focus('[data-testid=open-job]')
    await ctx.page.keyboard.press('Enter')
    await waitFor(async () => (await ctx.page.locator('[data-testid=file-dialog]').count()) === 1, 'the Open dialog')
    await ctx.page.keyboard.press('Escape')
    await waitFor(async () => (await ctx.page.locator('[data-testid=file-dialog]').count()) === 0, 'the dialog closed')
    assert((await focused()) === 'open-job', `the focus is back on the Open button, as before the dialog (got ${await focused()})`)
    // The breakpoint widget (right-click in the gutter): Escape goes back to the code, as in VS Code.
    const pt = await ctx.page.evaluate(() => window.__riffleEditor.glyphPoint(25))
    await ctx.page.mouse.click(pt.x, pt.y, { button: 'right' })
    await waitFor(async () => (await ctx.page.locator('[data-testid=line-bp-editor]').count()) === 1, 'the breakpoint widget')
    await ctx.page.keyboard.press('Escape')
    await waitFor(async () => (await ctx.page.locator('[data-testid=line-bp-editor]').count()) === 0, 'the widget closed')
    assert((await focused()) === 'editor', `the focus is in the editor (got ${await focused()})`)
    // F9 toggles a breakpoint on the cursor's line, as in VS Code (a gutter breakpoint took the mouse).
    const dot = async (line) => (await ctx.page.evaluate((l) => window.__riffleEditor.classesAt(l), line)).some((c) => /\briffle-bp-plain\b/.test(c))
    await ctx.page.evaluate(() => window.__riffleEditor.goToLine(27))
    await ctx.page.keyboard.press('F9')
    await waitFor(() => dot(27), 'a breakpoint on line 27 after F9', 3_000)
    await ctx.page.click('[data-testid=tab-breakpoints]')
    assert((await text(ctx, '[data-testid=breakpoints]')).includes('line 27'), 'the Breakpoints tab lists the F9 breakpoint')
    // The condition without the mouse: F1 (the editor's command palette), "Edit Breakpoint…" on the cursor's line.
    await ctx.page.evaluate(() => { window.__riffleEditor.focus(); window.__riffleEditor.goToLine(27) })
    await ctx.page.keyboard.press('F1')
    await ctx.page.keyboard.type('Edit Breakpoint')
    await waitFor(async () => (await ctx.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Edit Breakpoint' }).count()) > 0, 'the command in the palette', 5_000)
    await ctx.page.keyboard.press('Enter')
    await waitFor(async () => (await focused()) === 'line-bp-condition', 'the breakpoint widget with the focus in its condition', 5_000)
      .catch(async (e) => { throw new Error(`${e.message}: focus on ${await focused()}`) })
    await ctx.page.keyboard.type("key === 'u2'")
    await ctx.page.keyboard.press('Enter')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.classesAt(27))).some((c) => c.includes('riffle-bp-conditional')), 'a conditional breakpoint on line 27', 3_000)
    // The widget closes once the session has the breakpoint (the dot is drawn before that).
    await waitFor(async () => (await focused()) === 'editor', 'the focus back in the editor', 5_000)
      .catch(async (e) => { throw new Error(`${e.message}: focus on ${await focused()}`) })
    await ctx.page.keyboard.press('F9')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.classesAt(27))).every((c) => !/riffle-bp-/.test(c)), 'F9 again removes it', 3_000)
    // The editor's context menu offers it too, on a background of its own (it was transparent: its colours are
    // variables Monaco sets on its components, and the menu sits beside the editor, not in it).
    await ctx.page.click('#editor .view-lines', { button: 'right' })
    const menu = await waitFor(() => ctx.page.evaluate(() => {
      const root = [...document.querySelectorAll('.shadow-root-host')].map((h) => h.shadowRoot).find((r) => r?.querySelector('.monaco-menu'))
      const m = root?.querySelector('.monaco-menu')
      // The menu's background is drawn by its scrolling box, the menu's parent.
      return m ? { bg: getComputedStyle(m.closest('.monaco-scrollable-element') ?? m).backgroundColor, items: [...root.querySelectorAll('.action-label')].map((a) => a.textContent.trim()) } : null
    }), 'the editor\'s context menu', 5_000)
    await shot(ctx, '55-editor-context-menu.png')
    assert(menu.items.some((t) => t.startsWith('Edit Breakpoint')), `the context menu offers Edit Breakpoint…: ${menu.items}`)
    assert(!/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(menu.bg), `the context menu has a background (got ${menu.bg})`)
    await ctx.page.keyboard.press('Escape')
  }],
  ['keyboard: Shift+F10 in the editor steps back and opens no context menu (Monaco\'s own Shift+F10 opened its menu over the code)', async (ctx) => {
    const menuOpen = () => ctx.page.evaluate(() => [...document.querySelectorAll('.shadow-root-host')].map((h) => h.shadowRoot)
      .some((r) => [...(r?.querySelectorAll('.monaco-menu') ?? [])].some((m) => m.getBoundingClientRect().width > 0)))
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.ts'), 'the seed')
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    await startSession(ctx)
    for (let i = 1; i <= 3; i++) {
      await ctx.page.keyboard.press('F10')
      await waitFor(async () => (await stepNo(ctx)) === i, `step ${i}`)
    }
    await ctx.page.evaluate(() => { window.__riffleEditor.focus(); window.__riffleEditor.goToLine(27) })
    await ctx.page.keyboard.press('Shift+F10')
    await waitFor(async () => (await stepNo(ctx)) === 2, 'Shift+F10 steps back to step 2')
    await ctx.page.waitForTimeout(300)
    await shot(ctx, '56-shift-f10-in-editor.png')
    const open = await menuOpen()
    if (open) await ctx.page.keyboard.press('Escape')
    assert(!open, 'no context menu opened over the editor')
    // F10 from the editor still steps, and the editor keeps the focus.
    await ctx.page.keyboard.press('F10')
    await waitFor(async () => (await stepNo(ctx)) === 3, 'F10 from the editor steps to step 3')
    assert(await ctx.page.evaluate(() => !!document.activeElement?.closest('#editor')), 'the focus stays in the editor')
  }],
  ['keyboard: F5 at a run\'s end, after picking another example, starts that example (it did nothing)', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.ts'), 'the seed')
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    await startSession(ctx)
    await ctx.page.keyboard.press('Control+F5')
    await waitFor(async () => (await phase(ctx)) === 'finished', 'the run to its end (Ctrl+F5)', 60_000)
    await selectOptionContaining(ctx, '[data-testid=examples]', 'running-count.ts')
    await waitFor(async () => (await ctx.page.locator('[data-testid=edited-mark]').count()) === 1, 'Restart marked: the editor holds another job than the session')
    await ctx.page.keyboard.press('F5')
    await waitFor(async () => (await phase(ctx)) === 'ready' && (await stepNo(ctx)) === 0 && (await ctx.page.locator('[data-testid=edited-mark]').count()) === 0,
      'F5 to start a session of running-count.ts', 30_000)
      .catch(async (e) => { throw new Error(`${e.message}: phase ${await phase(ctx)}, ${await text(ctx, '[data-testid=status]')}`) })
    await shot(ctx, '57-f5-starts-the-picked-example.png')
    // F5 in the new session continues it (to its end: no breakpoints).
    await ctx.page.keyboard.press('F5')
    await waitFor(async () => (await phase(ctx)) === 'finished', 'F5 to continue the new session to its end', 60_000)
  }],
  ['keyboard: F5 after the job threw (the run cannot go on), with the fix in the editor, starts the fixed job (it did nothing)', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.ts')
    await waitFor(async () => (await editorValue(ctx)).includes('deleteEventTimeTimer(now)'), 'the seed')
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    const seed = await editorValue(ctx)
    await replaceSource(ctx, seed.replace('const now = ctx.timestamp()!', "const now = ctx.timestamp()!\n    if (event.user_id === 'u2') throw new Error('bad user')"))
    await startSession(ctx)
    await ctx.page.keyboard.press('F5')
    await waitFor(async () => (await phase(ctx)) === 'failed', 'the throw at u2\'s event')
    await replaceSource(ctx, seed)
    await ctx.page.keyboard.press('F5')
    await waitFor(async () => (await phase(ctx)) === 'ready' && (await stepNo(ctx)) === 0 && (await ctx.page.locator('[data-testid=edited-mark]').count()) === 0,
      'F5 to start the fixed job', 30_000)
      .catch(async (e) => { throw new Error(`${e.message}: phase ${await phase(ctx)}, ${await text(ctx, '[data-testid=status]')}`) })
    await ctx.page.keyboard.press('F5')
    await waitFor(async () => (await phase(ctx)) === 'finished', 'F5 to run the fixed job to its end, past u2', 60_000)
  }],
]
