// A Python job in the app: the seed article's Sessionizer as a .py example starts a session in the worker (Pyodide),
// steps, and shows a key's state and timers; a runtime exception is reported at its .py line; its breakpoint inputs suggest Python.
import { assert, waitFor } from './harness.mjs'
import { phase, replaceSource, selectOptionContaining, shot, stepNo, text } from './ui.mjs'

/** Start, allowing for Pyodide's cold start (seconds; more on a loaded machine). */
async function startPython(ctx) {
  await ctx.page.click('[data-testid=start]')
  await waitFor(async () => ['ready', 'failed', 'finished'].includes(await phase(ctx)), 'the Python session to start', 120_000)
}

export const pythonScenarios = [
  ['a Python job (sessionizer-seed.py) starts, steps, and shows its state and timers; a Python exception names its line', async (ctx) => {
    await ctx.page.goto(ctx.server.url)
    await ctx.page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.py')
    await waitFor(async () => (await text(ctx, '[data-testid=job-name]')).includes('sessionizer-seed.py'), 'the job name')
    await startPython(ctx)
    assert((await phase(ctx)) === 'ready', `the Python session is ready (phase ${await phase(ctx)}: ${await text(ctx, '[data-testid=status]')})`)
    for (let i = 0; i < 3; i++) {
      const before = await stepNo(ctx)
      await ctx.page.keyboard.press('F10')
      await waitFor(async () => (await stepNo(ctx)) > before, 'the step to apply')
    }
    const keys = await waitFor(async () => {
      const t = await text(ctx, '[data-testid=key-list]').catch(() => '')
      return /u\d/.test(t) ? t : null
    }, 'the users in the key list')
    assert(/u\d/.test(keys), `the key list names users (got ${keys.slice(0, 200)})`)
    await shot(ctx, 'python-01-seed-stepped.png')
    // The article's out.collect form runs, with the warning that a Flink cluster will not run it: in Problems and
    // as a squiggle on its line (the command line prints it on standard error).
    const src = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    const collectLine = src.split('\n').findIndex((l) => l.includes('out.collect(')) + 1
    await ctx.page.click('[data-testid=run-to-end]')
    await waitFor(async () => (await phase(ctx)) === 'finished', 'the run to its end')
    await ctx.page.click('[data-testid=tab-problems]')
    const notice = ctx.page.locator('[data-testid=notice]')
    await waitFor(async () => (await notice.count()) === 1, 'the out.collect notice in Problems')
    const said = await notice.innerText()
    assert(said.includes(`sessionizer-seed.py:${collectLine}`) && /will not run on a Flink cluster/.test(said), `the notice names line ${collectLine}: ${said}`)
    const markers = await ctx.page.evaluate(() => window.__riffleEditor.findingMarkers())
    assert(markers.some((m) => m.line === collectLine && m.severity === 'warning'), `a warning squiggle on line ${collectLine} (${JSON.stringify(markers)})`)
    await shot(ctx, 'python-01b-out-collect-notice.png')
    // A runtime exception: the failure names the .py line.
    const broken = src.replace('now = ctx.timestamp()', 'now = ctx.timestamp() // 0')
    assert(broken !== src, 'the seed source has the line the test breaks')
    await replaceSource(ctx, broken)
    await startPython(ctx)
    await ctx.page.keyboard.press('F10')
    const status = await waitFor(async () => {
      const t = await text(ctx, 'body')
      return /ZeroDivisionError/.test(t) ? t : null
    }, 'the ZeroDivisionError to be shown', 30_000)
    const line = src.split('\n').findIndex((l) => l.includes('now = ctx.timestamp()')) + 1
    assert(status.includes(`sessionizer-seed.py:${line}`), `the error names sessionizer-seed.py:${line}`)
    await shot(ctx, 'python-02-runtime-error.png')
  }],

  ['a Python job\'s breakpoint inputs show Python examples, and the example log message, typed as shown, logs at each hit', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.py')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('def process_element'), 'the Python seed')
    // The hits below are u1's: the recording is chosen here, not left to what the page restored after its load.
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    await startPython(ctx)
    const src = await ctx.page.evaluate(() => window.__riffleEditor.getValue())
    const line = src.split('\n').findIndex((l) => l.includes('self.event_count.update(self.event_count.value() + 1)')) + 1
    // At 1024 px: the example was cut to "…, e.g. eve" behind a sentence in the same box.
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      // The gutter's place is read again on each try: in a loaded full run the editor may still be laying itself out
      // for the new width when it is first read, and a right-click there misses the gutter.
      await waitFor(async () => {
        if ((await ctx.page.locator('[data-testid=line-bp-condition]').count()) > 0) return true
        await ctx.page.evaluate((l) => window.__riffleEditor.revealLine(l), line)
        const at = await ctx.page.evaluate((l) => window.__riffleEditor.glyphPoint(l), line)
        await ctx.page.mouse.click(at.x, at.y, { button: 'right' })
        return ctx.page.waitForSelector('[data-testid=line-bp-condition]', { timeout: 2000 }).then(() => true, () => false)
      }, 'the breakpoint widget opened by a right-click in the gutter at 1024 px', 30_000)
      const condition = await ctx.page.getAttribute('[data-testid=line-bp-condition]', 'placeholder')
      assert(!/===|\.type\b/.test(condition) && /event\["type"\] == "click"/.test(condition), `the condition's example is Python: ${condition}`)
      const fit = await ctx.page.$eval('[data-testid=line-bp-condition]', (el) => {
        const cs = getComputedStyle(el)
        const c = document.createElement('canvas').getContext('2d')
        c.font = cs.font
        return { need: c.measureText(el.placeholder).width, room: el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) }
      })
      const hint = await text(ctx, '[data-testid=line-bp-hint]')
      await shot(ctx, 'python-03a-line-bp-widget-1024.png')
      assert(fit.need <= fit.room, `the condition's example is whole in its box at 1024 px: ${JSON.stringify(fit)} (${condition})`)
      assert(/over event, key and each state by its name \(event_count > 3\)/.test(hint), `the widget says what the expression can use: ${hint}`)
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
    await ctx.page.selectOption('[data-testid=line-bp-mode]', 'log')
    const hint = await ctx.page.getAttribute('[data-testid=line-bp-log]', 'placeholder')
    const example = /e\.g\. (.*)$/.exec(hint)?.[1]
    assert(example && !example.includes('${'), `the log message's example is Python: ${hint}`)
    await ctx.page.fill('[data-testid=line-bp-log]', example)
    await ctx.page.keyboard.press('Enter')
    for (let i = 0; i < 3; i++) {
      const before = await stepNo(ctx)
      await ctx.page.keyboard.press('F10')
      await waitFor(async () => (await stepNo(ctx)) > before, 'the step')
    }
    await ctx.page.click('[data-testid=tab-breakpoints]')
    const row = ctx.page.locator('[data-testid=bp-row]', { hasText: `line ${line}` })
    const hits = await waitFor(async () => {
      const t = await row.innerText()
      // As the line starts to run, before its update: u1's count is 0 at its first event, 1 at its second (step 3).
      return /u1: 0/.test(t) && /u1: 1/.test(t) ? t : null
    }, 'the logpoint\'s hits', 15_000).catch(async (e) => { throw new Error(`${e.message}: ${await row.innerText()}`) })
    assert(!/does not compile/.test(hits), `the example compiles: ${hits}`)
    await shot(ctx, 'python-03-logpoint-example.png')
    await row.locator('[data-testid=bp-remove]').click()
  }],

  ['a Python job\'s Types.TUPLE state is labelled TUPLE<...> in the key detail, and its ROW_NAMED state ROW<field: TYPE, ...> (it read ROW for both)', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.py')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('def process_element'), 'the Python seed')
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    await replaceSource(ctx, `from pyflink.common import Row, Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor


class Last(KeyedProcessFunction):
    def open(self, runtime_context):
        self.pair = runtime_context.get_state(ValueStateDescriptor("pair", Types.TUPLE([Types.STRING(), Types.LONG()])))
        self.row = runtime_context.get_state(ValueStateDescriptor("row", Types.ROW_NAMED(["page", "ts"], [Types.STRING(), Types.LONG()])))

    def process_element(self, value, ctx):
        self.pair.update((value["type"], value["ts"]))
        self.row.update(Row(page=value["page"], ts=value["ts"]))
        yield value["user_id"]


def job(events):
    return events.key_by(lambda e: e["user_id"]).process(Last())
`)
    await startPython(ctx)
    const before = await stepNo(ctx)
    await ctx.page.keyboard.press('F10')
    await waitFor(async () => (await stepNo(ctx)) > before, 'the step')
    const row = await waitFor(() => ctx.page.evaluate(() => document.querySelector('[data-testid=key-list] .row')?.getAttribute('data-key') ?? null), 'a key')
    await ctx.page.click(`[data-testid=key-list] .row[data-key='${row.replace(/'/g, "\\'")}']`)
    const detail = ctx.page.locator('[data-testid=key-detail]')
    const pair = await waitFor(async () => (await detail.locator('[data-state=pair]').count()) > 0 ? detail.locator('[data-state=pair]').innerText() : null, 'the pair state')
    assert(/TUPLE<STRING, LONG>/.test(pair), `the tuple state's label: ${pair}`)
    const rowState = await detail.locator('[data-state=row]').innerText()
    assert(/ROW<page: STRING, ts: LONG>/.test(rowState), `the row state's label names its fields: ${rowState}`)
    await shot(ctx, 'python-04-tuple-state-label.png')
  }],

  ['a Python job\'s dict with int keys (Types.MAP(Types.LONG(), ...)) and its bytes (Types.PRIMITIVE_ARRAY(Types.BYTE())) show readably in the key detail (the bytes as b\'...\'), at 1440 and 1024 px', async (ctx) => {
    await selectOptionContaining(ctx, '[data-testid=examples]', 'sessionizer-seed.py')
    await waitFor(async () => (await ctx.page.evaluate(() => window.__riffleEditor.getValue())).includes('def process_element'), 'the Python seed')
    await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
    await replaceSource(ctx, `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor


class Seen(KeyedProcessFunction):
    def open(self, runtime_context):
        self.by_minute = runtime_context.get_state(ValueStateDescriptor("by_minute", Types.MAP(Types.LONG(), Types.STRING())))
        self.raw = runtime_context.get_state(ValueStateDescriptor("raw", Types.PRIMITIVE_ARRAY(Types.BYTE())))

    def process_element(self, value, ctx):
        seen = self.by_minute.value() or {}
        seen[value["ts"] // 60000] = value["type"]
        self.by_minute.update(seen)
        self.raw.update(value["type"].encode())
        yield value["user_id"]


def job(events):
    return events.key_by(lambda e: e["user_id"]).process(Seen())
`)
    await startPython(ctx)
    for (let i = 0; i < 3; i++) {
      const before = await stepNo(ctx)
      await ctx.page.keyboard.press('F10')
      await waitFor(async () => (await stepNo(ctx)) > before, 'the step')
    }
    // The key the last step changed (its "Changed by step" is what is checked below): the key list's order is a
    // preference an earlier scenario may have reversed, so its first row is not necessarily that key.
    const detail = ctx.page.locator('[data-testid=key-detail]')
    const keys = await waitFor(async () => { const k = await ctx.page.evaluate(() => [...document.querySelectorAll('[data-testid=key-list] .row')].map((r) => r.getAttribute('data-key'))); return k.length > 0 && k }, 'the keys')
    await waitFor(async () => {
      for (const k of keys) {
        await ctx.page.click(`[data-testid=key-list] .row[data-key='${k.replace(/'/g, "\\'")}']`)
        if (await detail.locator('[data-testid=key-changes] [data-change=raw]').count() > 0) return true
      }
      return false
    }, 'the key the last step changed')
    const map = await waitFor(async () => (await detail.locator('[data-state=by_minute]').count()) > 0 ? detail.locator('[data-state=by_minute]').innerText() : null, 'the by_minute state')
    assert(/MAP<LONG, STRING>/.test(map) && /"\d+"/.test(map), `the int-keyed map shows its label and its keys: ${map}`)
    const raw = await detail.locator('[data-state=raw]').innerText()
    // Its value as Python's bytes, as the trace and the inline values write it, not the JSON list of the byte values.
    assert(/BYTES/.test(raw) && /b'[a-z_]+'/.test(raw) && !/\[\d+,/.test(raw), `the bytes state is labelled BYTES and shows as b'...': ${raw}`)
    const change = await detail.locator('[data-testid=key-changes] [data-change=raw]').innerText()
    assert(/b'[a-z_]+'\s*→\s*b'[a-z_]+'/.test(change), `the step's change of the bytes state shows as b'...' → b'...': ${change}`)
    await shot(ctx, 'python-05-int-key-map-and-bytes-1440.png')
    await ctx.page.setViewportSize({ width: 1024, height: 700 })
    try {
      await detail.locator('[data-state=raw]').scrollIntoViewIfNeeded() // below the map state in the narrow pane
      await shot(ctx, 'python-05-int-key-map-and-bytes-1024.png')
      await detail.locator('[data-testid=key-changes] [data-change=raw]').scrollIntoViewIfNeeded()
      await shot(ctx, 'python-05-bytes-change-1024.png')
    } finally {
      await ctx.page.setViewportSize({ width: 1440, height: 900 })
    }
  }],
]
