// Conditional breakpoints as a user writes them, in the app: a condition over a local named like a state (the local
// wins, as in VS Code's frame), a condition over a Python key_by lambda's or a TypeScript keyBy arrow's parameter,
// and the watchdog's stop of a TypeScript loop naming the loop's own column.
import { assert, waitFor } from './harness.mjs'
import { clearBreakpoints, editorCall, loadJob, loadSeed } from './debugger-ui.mjs'
import { setConditionalBreakpoint } from './scenarios-editor-fit.mjs'
import { editorValue, phase, replaceSource, selectOptionContaining, shot, startSession, stepNo, text } from './ui.mjs'

const lineIn = (src, needle) => src.split('\n').findIndex((l) => l.includes(needle)) + 1

/** Continue (F5) until the session stops at a breakpoint; the hit's text. */
async function continueToStop(ctx) {
  await ctx.page.keyboard.press('F5')
  return waitFor(async () => ((await phase(ctx)) === 'ready' && (await ctx.page.locator('[data-testid=breakpoint-hit]').count()) > 0
    ? text(ctx, '[data-testid=breakpoint-hit]') : null), 'the stop at the breakpoint', 60_000)
}

/** A fresh page over the scenario's recording with the job `load` puts in the editor; the editor's source. */
async function openWith(ctx, load) {
  await ctx.page.goto(ctx.server.url)
  await ctx.page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 })
  await selectOptionContaining(ctx, '[data-testid=recording]', ctx.recording)
  await load(ctx)
  return editorValue(ctx)
}
const loadPythonSeed = (ctx) => loadJob(ctx, 'sessionizer-seed.py', 'key_by(lambda e: e["user_id"])')

/** A condition on `line` that holds first at u3's first event: Start, Continue, and the stop is there (step 4). The hit. */
async function stopAtU3(ctx, line, condition) {
  await setConditionalBreakpoint(ctx, line, condition)
  await startSession(ctx)
  const hit = await continueToStop(ctx)
  assert((await stepNo(ctx)) === 4, `stopped at u3's first event, step 4 (at ${await stepNo(ctx)}): ${hit}`)
  return hit
}

/** The screenshot of the stop, then Stop, leaving no breakpoint to the next scenario. */
async function shotAndStop(ctx, name) {
  await shot(ctx, name)
  await ctx.page.click('[data-testid=stop]')
  await clearBreakpoints(ctx)
}

export const dbg39Scenarios = [
  ['a condition over a local named like a state reads the local, as in the frame', async (ctx) => {
    const src = await openWith(ctx, loadSeed)
    await clearBreakpoints(ctx)
    const edited = src.replace('const now = ctx.timestamp()!', "const now = ctx.timestamp()!\n    const session_start = 'local ' + event.user_id")
    assert(edited !== src, 'the seed has the line the test changes')
    await replaceSource(ctx, edited)
    const line = lineIn(edited, 'if (this.sessionStart.value() === null)')
    // u3's first event is the recording's 4th: the state session_start is null there, the local 'local u3'.
    const hit = await stopAtU3(ctx, line, "session_start === 'local u3'")
    assert(hit.includes(`line ${line}`) && !/threw/.test(hit), `the hit names the line, no error: ${hit}`)
    await shotAndStop(ctx, 'dbg39-local-named-like-state.png')
  }],
  ['a condition on a Python key_by lambda reads its parameter', async (ctx) => {
    const src = await openWith(ctx, loadPythonSeed)
    await clearBreakpoints(ctx)
    const hit = await stopAtU3(ctx, lineIn(src, 'key_by(lambda e: e["user_id"])'), 'e["user_id"] == "u3"')
    assert(!/threw|NameError/.test(hit), `no error: ${hit}`)
    await shotAndStop(ctx, 'dbg39-python-lambda-condition.png')
  }],
  ['a condition on the TypeScript seed\'s keyBy arrow reads its parameter and stops where it holds', async (ctx) => {
    const src = await openWith(ctx, loadSeed)
    await clearBreakpoints(ctx)
    const line = lineIn(src, '.keyBy((e) => e.user_id)')
    const hit = await stopAtU3(ctx, line, "e.user_id === 'u3'")
    assert(hit.includes(`line ${line}`) && !/threw/.test(hit), `the hit names the line, no error: ${hit}`)
    // The editor marks the stop's line as the current one, and the key list has caught up with the step.
    await waitFor(async () => (await editorCall(ctx, 'classesAt', line)).includes('riffle-current-line'), 'the hit line marked current', 10_000)
    await waitFor(async () => /^3 keys/.test(await text(ctx, '.key-list .foot').catch(() => '')), 'the key list at step 4', 10_000)
    await shotAndStop(ctx, 'dbg39-typescript-arrow-condition.png')
  }],
  ['the watchdog\'s stop of a TypeScript loop names the loop statement\'s column', async (ctx) => {
    const src = await openWith(ctx, loadSeed)
    const looping = src.replace('const now = ctx.timestamp()!', 'const now = ctx.timestamp()!\n    if (this.eventCount.value() === 1) {\n      while (now > 0) { /* forever */ }\n    }')
    await replaceSource(ctx, looping)
    const line = lineIn(looping, 'while (now > 0)')
    const column = looping.split('\n')[line - 1].indexOf('while') + 1
    await startSession(ctx)
    await ctx.page.click('[data-testid=continue]')
    const banner = await waitFor(async () => text(ctx, '[data-testid=job-error]').catch(() => null), 'the watchdog message', 30_000)
    assert(banner.includes(`:${line}:${column}`), `the message names line ${line}, column ${column} (the while): ${banner}`)
    await waitFor(async () => (await editorCall(ctx, 'classesAt', line)).includes('riffle-loop-line'), 'the loop line decorated', 10_000)
    await shot(ctx, 'dbg39-watchdog-column.png')
  }],
]
