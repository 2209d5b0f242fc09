// `npm test`: the lint first (scripts/lint.mjs: ESLint with zero warnings, the lint failing on its fixtures,
// no import cycles), then every test — the Vitest suites (engine, service, CLI, renderer units), the browser
// tests in Chromium, and the Electron smoke test (skipped, and said so, without an Electron binary) — ending
// with one line "N passed, N failed" for the whole run.
// The browser tests run beside the lint and Vitest, their report printed after Vitest's (see startE2e).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { setPriority } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const artifacts = join(root, 'test-artifacts')
mkdirSync(artifacts, { recursive: true })
const extra = process.argv.slice(2)

// The command line and session worker are built from sources by esbuild (fast, cached by mtime).
run(process.execPath, [join(root, 'bin/riffle-build.mjs')])

let passed = 0
let failed = 0
let skipped = 0

const E2E = join(root, 'test/e2e/run.mjs')
const e2eWanted = extra.length === 0 && existsSync(E2E)
const e2eRun = e2eWanted && process.env.RIFFLE_TEST_SERIAL !== '1' ? startE2e() : null

// The lint runs first and its checks count like tests; the tests still run when it fails.
let lint = 0
if (extra.length === 0) {
  const r = spawnSync(process.execPath, [join(root, 'scripts/lint.mjs')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  process.stdout.write(r.stdout)
  lint = r.status ?? 1
  const m = /(\d+) passed, (\d+) failed/.exec(r.stdout.split('\n').filter((l) => /passed, \d+ failed/.test(l)).pop() ?? '')
  if (m) {
    passed += Number(m[1])
    failed += Number(m[2])
  } else if (lint !== 0) {
    failed += 1
  }
}

const vitestJson = join(artifacts, 'vitest.json')
const unit = run(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`, ...extra])
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'))
  passed += r.numPassedTests
  failed += r.numFailedTests
  skipped += r.numPendingTests + (r.numTodoTests ?? 0)
  if (unit !== 0 && r.numFailedTests === 0) failed += 1 // a suite that failed to load
} else if (unit !== 0) {
  failed += 1
}

let e2e = 0
if (e2eWanted) {
  const r = e2eRun !== null ? await e2eRun : spawnSync(process.execPath, [E2E], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  process.stderr.write(r.stderr)
  process.stdout.write(r.stdout)
  e2e = r.status ?? 1
  const m = /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/.exec(r.stdout.split('\n').filter((l) => /passed, \d+ failed/.test(l)).pop() ?? '')
  if (m) {
    passed += Number(m[1])
    failed += Number(m[2])
    skipped += Number(m[3] ?? 0)
  } else if (e2e !== 0) {
    failed += 1
  }
}

// The Electron smoke test: runs where an Electron binary exists, says plainly that it skipped elsewhere.
let electron = 0
if (extra.length === 0 && existsSync(join(root, 'test/e2e/electron-smoke.mjs'))) {
  const r = spawnSync(process.execPath, [join(root, 'test/e2e/electron-smoke.mjs')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  process.stdout.write(r.stdout)
  electron = r.status ?? 1
  const m = /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/.exec(r.stdout)
  if (m) {
    passed += Number(m[1])
    failed += Number(m[2])
    skipped += Number(m[3] ?? 0)
  } else if (electron !== 0) {
    failed += 1
  }
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(lint !== 0 || unit !== 0 || e2e !== 0 || electron !== 0 || failed > 0 ? 1 : 0)

/**
 * Starts the browser tests (test/e2e/run.mjs, its app build included) in the background; resolves with their
 * exit status and output once they end. They mostly wait on the page (about half a core of a 2-core machine
 * over their 8-9 minutes), so they run beside the lint and Vitest rather than after them: on such a machine
 * that took the whole run from 16-18 minutes to about 11. This process, and so the lint and Vitest it starts
 * after this, then runs at a lower priority: the browser tests, whose waits are timed, keep the CPU they need,
 * and Vitest takes the rest. Nothing they share is written by both: the e2e use the app build (out/), a
 * temporary project and a free port; Vitest the command-line build (.riffle-build/). RIFFLE_TEST_SERIAL=1 runs
 * them after Vitest instead, as before.
 */
function startE2e() {
  // Into files, not pipes: this process sits in spawnSync meanwhile and would not empty a pipe, and a full one
  // would stop the browser tests.
  const out = join(artifacts, 'e2e-stdout.txt')
  const err = join(artifacts, 'e2e-stderr.txt')
  // Beside Vitest the page answers more slowly: the waits stretch (harness.mjs TIMEOUT_SCALE) rather than fail.
  const env = { ...process.env, E2E_TIMEOUT_SCALE: process.env.E2E_TIMEOUT_SCALE ?? '2' }
  const child = spawn(process.execPath, [E2E], { cwd: root, env, stdio: ['ignore', openSync(out, 'w'), openSync(err, 'w')] })
  try { setPriority(10) } catch { /* not allowed here: everything runs at one priority */ }
  const read = (f) => readFileSync(f, 'utf8')
  return new Promise((resolve) => {
    child.on('error', (e) => resolve({ status: 1, stdout: read(out), stderr: `${read(err)}${e.message}\n` }))
    child.on('exit', (status) => resolve({ status, stdout: read(out), stderr: read(err) }))
  })
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  return r.status ?? 1
}
