// Time travel and breakpoints in the browser: step back, seek (slider and "go to step"), every breakpoint kind stopping Continue,
// a logpoint added after a run and filled in, lineage, state history, the per-key timeline, edit-and-compare,
// the backend check — and the Done-when on the buggy seed sessionizer over clicks-small: go back to
// the event before a wrong output, see which step wrote the state that caused it, break there and re-run to it.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { assert, waitFor } from './harness.mjs'
import { phase, replaceSource, selectKey, stepNo, text } from './ui.mjs'
import { loadJob, loadSeed, pickRecording, restart, runToEnd, openTab, clearBreakpoints, addBreakpoint, continueToHit, currentStepText, snap } from './debugger-ui.mjs'

const T0 = 1708848000000 // u1's first click in clicks-small
const THIRTY_MIN = 1_800_000

const stateValue = async (ctx, name) => (await ctx.page.locator(`[data-testid=key-detail] [data-state=${name}] [data-testid=state-value]`).innerText()).split(' ')[0]

export const timeTravelScenarios = [
  ["Done-when: from the buggy session back to the step before it, the step that wrote its start, a breakpoint there and a re-run to it", async (ctx) => {
    await loadSeed(ctx)
    await pickRecording(ctx, ctx.recording)
    await clearBreakpoints(ctx)
    await restart(ctx)
    await runToEnd(ctx)
    // The wrong output: u1's first session closes 30 min after its FIRST click although u1 kept clicking.
    await openTab(ctx, 'outputs')
    const first = ctx.page.locator('[data-testid=output-log] tr.out-row').first()
    const row = await first.innerText()
    assert(row.includes(`"session_start":${T0}`) && row.includes(`"session_end":${T0 + THIRTY_MIN}`), `output #0 is u1's early-closed session: ${row}`)
    await first.locator('[data-testid=output-why]').click()
    const cause = await waitFor(async () => {
      const el = ctx.page.locator('[data-testid=lineage-cause]')
      return (await el.count()) > 0 ? el.innerText() : null
    }, 'the lineage of output #0')
    assert(/timer firing: EVENT_TIME at 1708849800000/.test(cause) && cause.includes('"u1"'), `produced by u1's stale timer: ${cause}`)
    const reads = await ctx.page.locator('[data-testid=lineage-read]').allInnerTexts()
    assert(reads.some((r) => r.startsWith('session_start') && r.includes(String(T0))), `the step read session_start = ${T0}: ${reads}`)
    const writes = await ctx.page.locator('[data-testid=lineage-write]').allInnerTexts()
    assert(writes.some((w) => w.startsWith('session_start') && /→ null|→ \(absent\)/.test(w)), `and cleared it: ${writes}`)
    const outStep = Number((/step (\d+)/.exec(await text(ctx, '[data-testid=lineage-step]')))[1])
    await snap(ctx, '20-lineage-of-wrong-output.png')
    // Its two "go to" buttons stand apart (they touched, border to border).
    const [go, before] = await Promise.all(['lineage-goto', 'lineage-goto-before'].map((id) => ctx.page.locator(`[data-testid=${id}]`).boundingBox()))
    assert(before.x - (go.x + go.width) >= 4, `a gap between "Go to step" and "Go to the step before" (${before.x - (go.x + go.width)} px)`)
    // Back to the event before the wrong output: u1 still has its stale timer (T0 + 30 min) pending.
    await ctx.page.click('[data-testid=lineage-goto-before]')
    await waitFor(async () => (await stepNo(ctx)) === outStep - 1, `the step before the output (${outStep - 1})`)
    await selectKey(ctx, '"u1"')
    assert(Number(await stateValue(ctx, 'session_start')) === T0, 'session_start is still the first click')
    const timers = await ctx.page.locator('[data-testid=key-detail] [data-testid=key-timers] tbody tr').allInnerTexts()
    assert(timers.some((t) => t.includes(String(T0 + THIRTY_MIN))), `the stale timer at T0 + 30 min is pending: ${timers}`)
    await snap(ctx, '21-step-before-wrong-output.png')
    // Which step wrote that session_start? The state history says: step 1.
    await openTab(ctx, 'history')
    const wrote = ctx.page.locator('[data-testid=history-row]', { hasText: `session_start: (absent) → ${T0}` }).first()
    await waitFor(async () => (await wrote.count()) > 0, 'the history row that wrote session_start')
    const wroteStep = Number((await wrote.locator('td').first().innerText()).trim())
    assert(wroteStep === 1, `step 1 (u1's first click) wrote it (got ${wroteStep})`)
    await snap(ctx, '22-state-history-who-wrote-it.png')
    // Break there and re-run to it.
    await wrote.locator('[data-change=session_start] [data-testid=history-break]').click()
    await openTab(ctx, 'breakpoints')
    await waitFor(async () => (await ctx.page.locator('[data-testid=bp-row]').count()) === 1, 'the new breakpoint')
    await restart(ctx)
    const { hit, step } = await continueToHit(ctx)
    assert(step === 1 && hit.includes('step 1') && hit.includes('"u1"'), `the re-run stops at step 1 for u1: ${hit}`)
    const cur = await currentStepText(ctx)
    assert(cur.includes(`"ts":${T0}`) && cur.includes('"u1"'), `at u1's first click: ${cur}`)
    assert(/state session_start of "u1": \(absent\) → 1708848000000/.test(cur), `the hit step shows the write it made: ${cur}`)
    await waitFor(async () => (await ctx.page.locator('[data-testid=key-list] .row').count()) === 1, 'the inspector at step 1')
    await selectKey(ctx, '"u1"')
    assert(Number(await stateValue(ctx, 'session_start')) === T0, 'the key detail shows the value just written')
    await snap(ctx, '23-rerun-stops-where-it-was-written.png')
    await clearBreakpoints(ctx)
  }],

  ['seek: "go to step" and the timeline slider land on the state a sequential run has there; step back (Shift+F10 and button)', async (ctx) => {
    // The sequential reference: step 12 times from a fresh start and read u1's state.
    await restart(ctx)
    for (let i = 1; i <= 12; i++) {
      await ctx.page.keyboard.press('F10')
      await waitFor(async () => (await stepNo(ctx)) === i, `step ${i}`)
    }
    await selectKey(ctx, '"u1"')
    const refDetail = await text(ctx, '[data-testid=key-detail]')
    await runToEnd(ctx)
    const end = await stepNo(ctx)
    await ctx.page.fill('[data-testid=goto-step]', '12')
    await ctx.page.click('[data-testid=goto-go]')
    await waitFor(async () => (await stepNo(ctx)) === 12, 'the seek to step 12')
    assert((await text(ctx, '[data-testid=timeline-pos]')) === `step 12 / ${end}`, 'the slider position reads step 12 of the run')
    await waitFor(async () => (await text(ctx, '[data-testid=key-detail]')) === refDetail, "u1's state, timers and TTL as after 12 sequential steps")
    await snap(ctx, '24-seek-go-to-step.png')
    // Step back: Shift+F10, then the button.
    await ctx.page.keyboard.press('Shift+F10')
    await waitFor(async () => (await stepNo(ctx)) === 11, 'Shift+F10 steps back to 11')
    await ctx.page.click('[data-testid=step-back]')
    await waitFor(async () => (await stepNo(ctx)) === 10, 'the Step back button goes to 10')
    const cur = await currentStepText(ctx)
    assert(/Step 10\b/.test(cur), `the current step panel shows step 10: ${cur.slice(0, 80)}`)
    await snap(ctx, '25-step-back.png')
    // The slider: a click three quarters along seeks there; the keyboard's Home goes to step 0.
    const box = await ctx.page.locator('[data-testid=timeline-slider]').boundingBox()
    await ctx.page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2)
    const s = await waitFor(async () => { const n = await stepNo(ctx); return n > end / 2 && n < end ? n : null }, 'the slider seek')
    const slider = Number(await ctx.page.locator('[data-testid=timeline-slider]').inputValue())
    assert(slider === s, `the slider shows the step the run is at (${slider} vs ${s})`)
    await snap(ctx, '26-seek-slider.png')
    await ctx.page.focus('[data-testid=timeline-slider]')
    await ctx.page.keyboard.press('Home')
    await waitFor(async () => (await stepNo(ctx)) === 0, 'Home on the slider goes back to step 0')
    // The key list refreshes after the status: wait for it rather than reading it once (it raced under load).
    await waitFor(async () => (await ctx.page.locator('[data-testid=key-list] .row').count()) === 0, 'no keys before the first event')
    // A Restart begins another run: "Go to step" no longer holds the 12 typed for this one.
    await restart(ctx)
    const typed = await ctx.page.locator('[data-testid=goto-step]').inputValue()
    assert(typed === '', `after a Restart "Go to step" is empty, not the previous run's number (${typed})`)
  }],

  ['breakpoints of every kind stop Continue at their first hit and say which one hit, whole at 1024 px too', async (ctx) => {
    const cases = [
      { spec: { kind: 'key', key: '"u2"' }, check: (hit, cur) => hit.includes('key "u2"') && !hit.includes('key "u2" · key') && cur.includes('"user_id":"u2"') },
      { spec: { kind: 'event', expression: "event.type === 'purchase'" }, check: (hit, cur) => hit.includes('event where') && cur.includes('"type":"purchase"') },
      { spec: { kind: 'timer', domain: 'EVENT_TIME', key: '"u1"' }, check: (hit, cur) => hit.includes(`EVENT_TIME timer at ${new Date(T0 + THIRTY_MIN).toISOString()} (${T0 + THIRTY_MIN})`) && /timer fired: EVENT_TIME/.test(cur) },
      { spec: { kind: 'output', tag: 'main' }, check: (hit, cur) => hit.includes('output #0') && cur.includes('output →') },
      { spec: { kind: 'state', expression: 'event_count > 3' }, check: (hit) => hit.includes('state where event_count > 3'), after: async (hitText) => {
        const key = /key ("[^"]+")/.exec(hitText)[1]
        await selectKey(ctx, key)
        assert(Number(await stateValue(ctx, 'event_count')) === 4, 'the first step with event_count > 3 has it at 4')
      } },
    ]
    for (const [i, c] of cases.entries()) {
      await clearBreakpoints(ctx)
      await addBreakpoint(ctx, c.spec)
      await restart(ctx)
      const { hit, step } = await continueToHit(ctx)
      assert(step > 0, `${c.spec.kind}: stopped after at least one step`)
      const cur = await currentStepText(ctx)
      assert(c.check(hit, cur), `${c.spec.kind} breakpoint: ${hit}\n${cur}`)
      if (c.after) await c.after(hit)
      await openTab(ctx, 'breakpoints')
      await snap(ctx, `27-breakpoint-${i}-${c.spec.kind}.png`)
    }
    // A late event (timestamp <= watermark) in a recording made for it.
    writeFileSync(join(ctx.project, 'workspace/late-clicks.jsonl'), [
      { ts: T0, user_id: 'a', type: 'view' }, { ts: T0 + 60_000, user_id: 'b', type: 'view' }, { ts: T0 + 1_000, user_id: 'c', type: 'view' },
    ].map((e) => JSON.stringify(e)).join('\n') + '\n')
    await pickRecording(ctx, 'workspace/late-clicks.jsonl')
    await clearBreakpoints(ctx)
    await addBreakpoint(ctx, { kind: 'late' })
    await restart(ctx)
    let r = await continueToHit(ctx)
    assert(r.step === 3 && r.hit.includes('late event') && r.hit.includes(`timestamp ${new Date(T0 + 1_000).toISOString()} (${T0 + 1_000}) <= watermark`) && r.hit.split('late event').length === 2, `the late event stops: ${r.hit}`)
    await selectKey(ctx, '"c"')
    await currentStepText(ctx)
    await snap(ctx, '28-breakpoint-late.png')
    // A TTL expiry: the dedup job reads an id again two hours later (TTL 1 h, NeverReturnExpired).
    writeFileSync(join(ctx.project, 'workspace/ttl-payments.jsonl'), [
      { event_id: 'p1', ts: T0, user_id: 'u', amount: 1 }, { event_id: 'p2', ts: T0 + 60_000, user_id: 'u', amount: 2 },
      { event_id: 'p1', ts: T0 + 2 * 3_600_000, user_id: 'u', amount: 1 },
    ].map((e) => JSON.stringify(e)).join('\n') + '\n')
    await loadJob(ctx, 'dedup-ttl.ts', 'enableTimeToLive')
    await pickRecording(ctx, 'workspace/ttl-payments.jsonl')
    await clearBreakpoints(ctx)
    await addBreakpoint(ctx, { kind: 'ttlExpiry', stateName: 'seen' })
    await restart(ctx)
    r = await continueToHit(ctx)
    assert(r.hit.includes('TTL expiry of seen') && r.hit.includes('"p1"') && r.hit.includes('expired value of state "seen"'), `the expired read stops: ${r.hit}`)
    // At 1024 px the bar said "… · key "p…": the hit keeps all of its text (the key above all), on a row of its own if need be.
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      const cut = await waitFor(() => ctx.page.$eval('[data-testid=breakpoint-hit]', (e) => ({ w: e.scrollWidth - e.clientWidth, right: e.getBoundingClientRect().right, bar: e.parentElement.getBoundingClientRect().right })), 'the hit at 1024 px')
      await snap(ctx, '29a-breakpoint-hit-1024.png')
      assert(cut.w <= 0 && cut.right <= cut.bar, `the breakpoint hit is cut at 1024 px: ${JSON.stringify(cut)}`)
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
    await selectKey(ctx, '"p1"')
    await snap(ctx, '29-breakpoint-ttl-expiry.png')
    // Its State history shows the job's value, not the stored TTL form ({"v":true,"t":...}).
    await openTab(ctx, 'history')
    const wroteSeen = ctx.page.locator('[data-testid=history-row]', { hasText: 'seen: (absent) → true' }).first()
    await waitFor(async () => (await wroteSeen.count()) > 0, 'the history row that wrote seen as true')
    const history = await ctx.page.locator('[data-testid=history-row]').allInnerTexts()
    assert(!history.some((h) => h.includes('"v"')), `no TTL-wrapped value in the State history: ${history}`)
    await snap(ctx, '29b-state-history-ttl-value.png')
    await clearBreakpoints(ctx)
    await loadSeed(ctx)
    await pickRecording(ctx, ctx.recording)
  }],

  ['a logpoint added after a run is filled in for the steps already taken, and a re-run fills it in again; it never stops', async (ctx) => {
    await clearBreakpoints(ctx)
    await restart(ctx)
    await runToEnd(ctx)
    await addBreakpoint(ctx, { kind: 'event', expression: "event.user_id === 'u1'", log: '`${event.type} at ${event.page}`' })
    const u1 = readFileSync(join(ctx.root, 'recordings', ctx.recording), 'utf8').split('\n').filter((l) => l.includes('"u1"')).map((l) => JSON.parse(l))
    const expected = u1.map((e) => `${e.type} at ${e.page}`)
    const lines = async () => (await ctx.page.locator('[data-testid=logpoint-hits] .hit-line').allInnerTexts()).map((l) => l.replace(/^step \d+ · "u1":\s*/, ''))
    await waitFor(async () => JSON.stringify(await lines()) === JSON.stringify(expected), `the logpoint filled in with u1's ${expected.length} events`)
    await snap(ctx, '30-logpoint-filled-after-run.png')
    await restart(ctx)
    await ctx.page.keyboard.press('F5')
    await waitFor(async () => (await phase(ctx)) === 'finished', 'Continue runs to the end: a logpoint never stops')
    await openTab(ctx, 'breakpoints')
    await waitFor(async () => JSON.stringify(await lines()) === JSON.stringify(expected), 'the re-run fills it in again')
    assert((await ctx.page.locator('[data-testid=breakpoint-hit]').count()) === 0, 'no breakpoint hit reported')
    await clearBreakpoints(ctx)
  }],

  ['a logpoint\'s hits fill the Breakpoints tab\'s height and scroll inside it, the newest in sight, as in a console', async (ctx) => {
    await clearBreakpoints(ctx)
    await restart(ctx)
    await runToEnd(ctx)
    await addBreakpoint(ctx, { kind: 'event', expression: 'true', log: 'event.user_id' })
    const events = readFileSync(join(ctx.root, 'recordings', ctx.recording), 'utf8').split('\n').filter((l) => l.includes('"user_id"')).length
    await waitFor(async () => (await ctx.page.locator('[data-testid=logpoint-hits] .hit-line').count()) === Math.min(events, 200), `the logpoint's ${events} hits`)
    const fit = async () => ctx.page.evaluate(() => {
      const box = document.querySelector('[data-testid=logpoint-hits]').getBoundingClientRect()
      const el = document.querySelector('[data-testid=logpoint-hits]')
      const panel = document.querySelector('#bottom-panel').getBoundingClientRect()
      const last = [...el.querySelectorAll('.hit-line')].pop().getBoundingClientRect()
      return { box: Math.round(box.height), below: Math.round(panel.bottom - box.bottom), scrolls: el.scrollHeight > el.clientHeight, lastInSight: last.bottom <= box.bottom + 1 && last.top >= box.top - 1 }
    })
    const f = await waitFor(async () => { const f = await fit(); return f.lastInSight ? f : null }, 'the newest hit in sight', 5_000).catch(() => fit())
    await snap(ctx, '30b-logpoint-hits-panel-height.png')
    // The box reaches down to the panel's bottom (it was about six lines high with the panel's room unused).
    assert(f.below <= 16 && f.scrolls && f.lastInSight, `the hits fill the panel, scroll inside it, the newest in sight: ${JSON.stringify(f)}`)
    // Maximised, the box grows with the panel.
    await ctx.page.click('[data-testid=panel-maximise]')
    const big = await waitFor(async () => { const g = await fit(); return g.box > f.box + 200 ? g : null }, 'the hits box grown with the maximised panel', 5_000).catch(() => fit())
    await ctx.page.click('[data-testid=panel-maximise]')
    assert(big.box > f.box + 200 && big.below <= 16 && big.lastInSight, `maximised, the hits fill the panel: ${JSON.stringify(big)} (was ${JSON.stringify(f)})`)
    await clearBreakpoints(ctx)
  }],

  ["the key timeline shows u1's events, timers, sessions and the watermark, and zooms", async (ctx) => {
    await restart(ctx)
    await runToEnd(ctx)
    await selectKey(ctx, '"u1"')
    await openTab(ctx, 'timeline')
    const bar = await waitFor(async () => {
      const t = await text(ctx, '[data-testid=key-timeline] .bar')
      return /\d+ events? · \d+ timer actions? · [1-9]\d* sessions?/.test(t) ? t : null
    }, 'the timeline summary')
    const u1Events = readFileSync(join(ctx.root, 'recordings', ctx.recording), 'utf8').split('\n').filter((l) => l.includes('"u1"')).length
    assert(bar.includes(`${u1Events} events`), `all ${u1Events} u1 events: ${bar}`)
    await waitFor(async () => (await ctx.page.locator('[data-testid=key-timeline] canvas').count()) > 0, 'the chart canvas')
    await ctx.page.waitForTimeout(300)
    await snap(ctx, '31-key-timeline.png')
    const c = await ctx.page.locator('[data-testid=key-timeline] canvas').first().boundingBox()
    await ctx.page.mouse.move(c.x + c.width * 0.3, c.y + c.height * 0.5)
    for (let i = 0; i < 4; i++) await ctx.page.mouse.wheel(0, -300)
    await ctx.page.waitForTimeout(300)
    await snap(ctx, '32-key-timeline-zoomed.png')
  }],

  ['edit and compare: after the fix and a re-run the compare view lists the changed, added and removed sessions; the backend check agrees', async (ctx) => {
    await loadSeed(ctx)
    await restart(ctx)
    await runToEnd(ctx)
    await openTab(ctx, 'outputs')
    // The output log follows the finished status by one request.
    const seedTotal = await waitFor(async () => Number((/([\d,]+) outputs?\b/.exec(await text(ctx, '.outputs .bar')) ?? [0, '0'])[1].replaceAll(',', '')), 'the seed run\'s outputs')
    const fixed = readFileSync(join(ctx.root, 'examples/sessionizer-fixed.ts'), 'utf8')
    await replaceSource(ctx, fixed)
    await restart(ctx)
    await runToEnd(ctx)
    await openTab(ctx, 'compare')
    await ctx.page.click('[data-testid=compare-run]')
    const summary = await waitFor(async () => {
      const el = ctx.page.locator('[data-testid=compare-summary]')
      return (await el.count()) > 0 ? el.innerText() : null
    }, 'the comparison')
    const [added, removed, changed, moved] = [/(\d+) added/, /(\d+) removed/, /(\d+) changed/, /(\d+) moved/].map((re) => Number(re.exec(summary)[1]))
    assert(removed + changed > 0, `the fix changes the sessions: ${summary}`)
    const changedRows = await ctx.page.locator('[data-testid=compare-changed]').allInnerTexts()
    assert(changedRows.length === changed && added === await ctx.page.locator('[data-testid=compare-added]').count(), 'one row per difference')
    assert(removed + changed + moved + Number(/(\d+) unchanged/.exec(summary)[1]) === seedTotal, `every previous output is accounted for (${summary} vs ${seedTotal})`)
    // Paired by key and timestamp then fields: a changed session shows which fields changed, "was → now" in their columns.
    if (changed > 0) {
      const fields = await ctx.page.locator('[data-testid=compare-field]').evaluateAll((els) => els.map((e) => `${e.dataset.field}: ${e.innerText}`))
      assert(fields.some((f) => /^(session_start|session_end|event_count): .+ → .+/.test(f)), `field-level differences are shown: ${fields.slice(0, 4).join(' | ')}`)
    }
    // It reads per key, then in time: one block a key (keys in order), its sessions one line each in output time.
    const groups = await ctx.page.locator('[data-testid=compare-group]').evaluateAll((gs) => gs.map((g) => ({
      key: g.querySelector('.ghead .mono').textContent,
      times: [...g.querySelectorAll('tbody tr')].map((tr) => tr.querySelector('.when').getAttribute('title')),
      rowHeights: [...g.querySelectorAll('tbody tr')].map((tr) => tr.getBoundingClientRect().height),
    })))
    const keysShown = groups.map((g) => g.key)
    assert(keysShown.length > 0 && JSON.stringify(keysShown) === JSON.stringify([...keysShown].sort()) && new Set(keysShown).size === keysShown.length, `one block a key, in key order: ${keysShown}`)
    for (const g of groups) {
      const ms = g.times.map((t) => Number(/(\d{13})(?!.*\d{13})/.exec(t)[1]))
      assert(ms.every((t, i) => i === 0 || ms[i - 1] <= t), `${g.key}'s rows in output time: ${g.times.join(', ')}`)
      assert(g.rowHeights.every((h) => h < 30), `each session of ${g.key} takes one line: ${g.rowHeights}`)
    }
    const counts = await text(ctx, '[data-testid=compare-counts]')
    assert(new RegExp(`previous run \\(sessionizer-seed\\.ts over [^)]+\\): ${seedTotal} outputs`).test(counts) && counts.includes('(finished)') && !counts.includes('so far'), `a finished run's count is final: ${counts}`)
    await snap(ctx, '33-compare-runs.png')
    // A removed session says so: its mark, its fields, and its number in the previous run's output log.
    if (removed > 0) {
      const last = ctx.page.locator('[data-testid=compare-removed]').last()
      await last.scrollIntoViewIfNeeded()
      const title = await last.locator('.mark').getAttribute('title')
      assert(/^−\s+\d\d:\d\d:\d\d\s+"u\d"[\s\S]*#\d+$/.test((await last.innerText()).trim()) && /only in the previous run/.test(title), `a removed row names its run: ${await last.innerText()} (${title})`)
      await snap(ctx, '33b-compare-removed.png')
    }
    // At 1024 × 700 a session still takes one line, every field column on screen.
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      const wide = await ctx.page.locator('[data-testid=compare-group] table').first().evaluate((t) => t.scrollWidth <= t.parentElement.clientWidth + 1)
      assert(wide, 'the compare table fits the panel at 1024 px')
      await snap(ctx, '33c-compare-1024.png')
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
    await ctx.page.click('[data-testid=backend-check]')
    const res = await waitFor(async () => {
      const el = ctx.page.locator('[data-testid=backend-check-result]')
      return (await el.count()) > 0 ? el.innerText() : null
    }, 'the backend check', 60_000)
    assert(res.includes('Heap and LevelDB agree'), `heap and LevelDB agree: ${res}`)
    await snap(ctx, '34-backend-check.png')
    await loadSeed(ctx)
    await openTab(ctx, 'outputs')
  }],
]
