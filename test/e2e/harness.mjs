// The E2E harness: a temporary project folder (examples + recordings copied in, a fresh workspace), the
// browser-mode server started from the build, Chromium launched with a fresh profile, and a tiny runner
// that prints each result and ends with "N passed, N failed".
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

export const ROOT = join(import.meta.dirname, '../..')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const ARTIFACTS = join(ROOT, 'test-artifacts/e2e')
/**
 * How much longer the waits may take than on an idle machine: `npm test` runs the browser tests beside Vitest
 * (scripts/test-all.mjs sets 2), where a page that answers in 2 s alone can take 15 s while both cores are
 * busy. A wait for something that never comes still fails, only later.
 */
export const TIMEOUT_SCALE = Math.max(1, Number(process.env.E2E_TIMEOUT_SCALE ?? 1) || 1)

/** A throwaway project root: examples/ and recordings/ copied from the repo, an empty workspace. */
export function makeProject(extraRecordings = []) {
  const dir = mkdtempSync(join(tmpdir(), 'riffle-e2e-'))
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true })
  mkdirSync(join(dir, 'recordings'), { recursive: true })
  if (existsSync(join(ROOT, 'recordings'))) {
    for (const name of readdirSync(join(ROOT, 'recordings'))) {
      // Generated big-* bench files (multi-million events) would only slow the recordings scan down.
      if (!name.startsWith('big-')) {
        cpSync(join(ROOT, 'recordings', name), join(dir, 'recordings', name))
      }
    }
  }
  for (const [from, name] of extraRecordings) cpSync(from, join(dir, 'recordings', name))
  mkdirSync(join(dir, 'workspace'))
  return dir
}

/** Starts out/main/browser-main.js over the given project; resolves with { url, port, token, pid, stop, alive }. */
export function startServer(projectRoot, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'out/main/browser-main.js')], {
      env: { ...process.env, RIFFLE_PROJECT_ROOT: projectRoot, RIFFLE_WORKSPACE: join(projectRoot, 'workspace'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stderr.on('data', (d) => { err += d })
    child.stdout.on('data', (d) => {
      out += d
      const m = /^RIFFLE_SERVER (.*)$/m.exec(out)
      if (m) resolve({ ...JSON.parse(m[1]), pid: child.pid, stop: () => child.kill('SIGTERM'), output: () => out + err, alive: () => child.exitCode === null && child.signalCode === null })
    })
    child.on('exit', (code) => reject(new Error(`browser-main exited with ${code} before it was ready:\n${out}\n${err}`)))
    setTimeout(() => reject(new Error('browser-main did not start within 20 s')), 20_000).unref()
  })
}

export async function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'riffle-e2e-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
  })
  // Playwright's own waits (30 s by default) stretch as ours do.
  context.setDefaultTimeout(30_000 * TIMEOUT_SCALE)
  return context
}

/** Runs the named tests in order; prints ok/FAIL lines and the closing count; returns the failure count. */
export async function runTests(tests, context) {
  let passed = 0
  let failed = 0
  for (const [name, fn] of tests) {
    const t0 = Date.now()
    try {
      await fn(context)
      passed++
      console.log(`ok   ${name} (${Date.now() - t0} ms)`)
    } catch (err) {
      failed++
      console.log(`FAIL ${name} (${Date.now() - t0} ms)\n     ${String(err?.stack ?? err).split('\n').slice(0, 6).join('\n     ')}`)
      try { await context.page?.screenshot({ path: join(ARTIFACTS, `FAILED-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`) }) } catch { /* page gone */ }
    }
  }
  return { passed, failed }
}

export function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`)
}

export async function waitFor(fn, what, timeoutMs = 15_000) {
  const t0 = Date.now()
  let last
  for (;;) {
    try { last = await fn(); if (last) return last } catch (e) { last = e }
    if (Date.now() - t0 > timeoutMs * TIMEOUT_SCALE) throw new Error(`timed out waiting for ${what} (last: ${String(last).slice(0, 300)})`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
