// `npm test`: the lint first (scripts/lint.mjs: ESLint with zero warnings, the lint failing on its fixtures,
// no import cycles), then every test — the Vitest suites (engine, service, CLI, renderer units), the browser
// tests in Chromium, and the Electron smoke test (skipped, and said so, without an Electron binary) — ending
// with one line "N passed, N failed" for the whole run.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
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
if (extra.length === 0 && existsSync(join(root, 'test/e2e/run.mjs'))) {
  const r = spawnSync(process.execPath, [join(root, 'test/e2e/run.mjs')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
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

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  return r.status ?? 1
}
