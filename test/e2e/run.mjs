// Browser E2E (npm run test:e2e): builds the app, serves it in browser mode, and drives it in Chromium the
// way a user does — open the seed's sessionizer, replay the sample clickstream, step, read a key's state and
// its two pending timers, fix the code in Monaco, re-run, see the corrected sessions — plus error paths,
// charts and a 100 k-key list. Screenshots go to test-artifacts/e2e/. Fails (never skips) without Chromium.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ARTIFACTS, CHROMIUM, ROOT, launchChromium, makeProject, runTests, startServer } from './harness.mjs'
import { scenarios } from './scenarios.mjs'

rmSync(ARTIFACTS, { recursive: true, force: true })
mkdirSync(ARTIFACTS, { recursive: true })

if (!existsSync(CHROMIUM)) {
  console.log(`FAIL chromium is required: ${CHROMIUM} does not exist (apt-get install -y chromium, or set CHROMIUM_PATH)`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}

const recording = ['clicks-small.jsonl', 'clicks.jsonl'].find((n) => existsSync(join(ROOT, 'recordings', n)))
if (!recording) {
  console.log('FAIL recordings/clicks-small.jsonl (or clicks.jsonl) is missing: the E2E replays the sample clickstream')
  console.log('0 passed, 1 failed')
  process.exit(1)
}

if (process.env.E2E_SKIP_BUILD !== '1') {
  console.log('building (electron-vite build)…')
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
    })
  } catch {
    console.log('FAIL the app builds (electron-vite build failed, see above)')
    console.log('0 passed, 1 failed')
    process.exit(1)
  }
}

// A large recording for the key-list test: 100 k events, one per user, so 100 k keys.
const bigDir = mkdtempSync(join(tmpdir(), 'riffle-e2e-big-'))
const big = join(bigDir, 'many-keys.jsonl')
const T0 = Date.UTC(2024, 1, 25, 8)
writeFileSync(big, Array.from({ length: 100_000 }, (_, i) =>
  JSON.stringify({ ts: T0 + i * 10, user_id: 'k' + String(i).padStart(6, '0'), type: 'view' })).join('\n') + '\n')

// E2E_2M=1 adds the 2 M-event clickstream run (about a minute more).
const extra = [[big, 'many-keys.jsonl']]
if (process.env.E2E_2M === '1') {
  const twoM = join(bigDir, 'clicks-2m.jsonl')
  execFileSync(process.execPath, [join(ROOT, 'scripts/gen-recording.mjs'), '--events', '2000000', '--users', '100000', '--out', twoM], { stdio: 'ignore' })
  extra.push([twoM, 'clicks-2m.jsonl'])
}
const project = makeProject(extra)
// A recording outside recordings/, to open by path from the workspace.
cpSync(join(ROOT, 'recordings', recording), join(project, 'workspace/my-clicks.jsonl'))
// A recording whose line 5 is not JSON, for the recording-error scenario.
writeFileSync(join(project, 'workspace/bad.jsonl'), [0, 1, 2, 3].map((i) =>
  JSON.stringify({ ts: 1708848000000 + i * 1000, user_id: 'u' + i, type: 'view', page: '/p/1' })).join('\n') + '\n{"ts": oops\n')
const server = await startServer(project)
const context = await launchChromium()
const page = await context.newPage()
const consoleErrors = []
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()) })
page.on('pageerror', (e) => consoleErrors.push(e.message))

const ctx = { page, server, project, recording, consoleErrors, root: ROOT, artifacts: ARTIFACTS, state: {} }
let result
try {
  // E2E_ONLY=regex runs the app-loading scenarios plus the matching ones (for working on one area).
  const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null
  const picked = scenarios.filter(([name], i) => only === null || i < 2 || only.test(name))
  result = await runTests(picked.filter(([name]) => process.env.E2E_2M === '1' || !name.includes('2 M-event')), ctx)
} finally {
  await context.close().catch(() => {})
  server.stop()
  rmSync(bigDir, { recursive: true, force: true })
}
console.log(`${result.passed} passed, ${result.failed} failed`)
process.exit(result.failed === 0 ? 0 : 1)
