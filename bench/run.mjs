// `npm run bench`: the reference sessionization job on a generated 2 M-event / 100 k-user recording,
// through the same path as `npx riffle run`, against a hand-written loop in the same run; then the
// engine core on pre-parsed events. Each measurement runs in its own child process, so peak memory is
// its own. Figures are printed as a table with ratios measured in this one run.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { build } from 'esbuild'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'bench/out')
mkdirSync(outDir, { recursive: true })
const args = process.argv.slice(2)
const events = Number(argValue('--events') ?? 2_000_000)
const users = Number(argValue('--users') ?? 100_000)
const recording = join(outDir, `clicks-${events}-${users}.jsonl`)
const job = join(root, 'bench/reference-sessionizer.ts')

function argValue(name) {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

function log(s) { process.stderr.write(`${s}\n`) }

if (!existsSync(recording)) {
  log(`generating ${recording} (${events} events, ${users} users)…`)
  execFileSync(process.execPath, [join(root, 'scripts/gen-recording.mjs'), '--events', String(events), '--users', String(users), '--seed', '7', '--out', recording], { stdio: 'inherit' })
}

// The engine core bench imports engine sources: bundle it once with esbuild.
await build({
  entryPoints: [join(root, 'bench/engine-core.ts')], outfile: join(outDir, 'engine-core.mjs'), bundle: true, platform: 'node',
  format: 'esm', target: 'node20', packages: 'external', logLevel: 'error',
})

function runJson(file, argv) {
  const r = spawnSync(process.execPath, [file, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 })
  if (r.status !== 0) throw new Error(`${file} failed:\n${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').pop())
}

function runCli() {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', job, recording, '--out', '/dev/null'], { encoding: 'utf8' })
  const wall = performance.now() - t0
  if (r.status !== 0) throw new Error(`riffle run failed:\n${r.stderr}`)
  const num = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(r.stderr)?.[1])
  const secs = Number(/done in ([\d.]+) s/.exec(r.stderr)?.[1])
  return { events: num('records in'), sessions: num('records out'), millis: secs * 1000, wallMillis: wall, peakRssMb: num('peak memory') }
}

const results = []
const rate = (r) => r.events / (r.millis / 1000)
const fmt = (n) => Math.round(n).toLocaleString('en-US')

log('hand loop (file → JSON.parse → Map + timer heap)…')
const hand = runJson(join(root, 'bench/hand-loop.mjs'), [recording])
log('engine via npx riffle run (heap)…')
const engine = runCli()
log('engine core on pre-parsed events (heap)…')
const core = runJson(join(outDir, 'engine-core.mjs'), [job, recording])

if (engine.sessions !== hand.sessions || core.sessions !== hand.sessions) {
  log(`WARNING: session counts differ: hand ${hand.sessions}, engine ${engine.sessions}, core ${core.sessions}`)
}
results.push(['hand-written loop (reads + parses the file)', hand])
results.push(['riffle run --backend heap (same path as npx riffle)', engine])
results.push(['engine core, pre-parsed in-memory events', core])

console.log(`\nReference job: sessionization (ValueState, an event-time timer per event at last + 30 min, bounded out-of-orderness 5 s)`)
console.log(`Recording: ${events.toLocaleString('en-US')} events, ${users.toLocaleString('en-US')} users\n`)
console.log('| run | events/s | time | sessions | peak RSS |')
console.log('|---|---:|---:|---:|---:|')
for (const [name, r] of results) console.log(`| ${name} | ${fmt(rate(r))} | ${(r.millis / 1000).toFixed(2)} s | ${fmt(r.sessions)} | ${r.peakRssMb} MB |`)
console.log(`\nengine / hand loop: ${(rate(engine) / rate(hand) * 100).toFixed(1)} % (goal ≥ 60 %, stretch 75 %)`)
console.log(`engine core: ${fmt(rate(core))} events/s (goal ≥ 2,500,000)`)

const extra = join(root, 'bench/leveldb.mjs')
if (existsSync(extra)) {
  const { runLevelDbBench } = await import(extra)
  await runLevelDbBench({ root, recording, job, events, users, heapRate: rate(engine), log })
}

// The same job in Python (bench/python.mjs), as ratios to the TypeScript run above.
const { runPythonBench } = await import(join(root, 'bench/python.mjs'))
await runPythonBench({ root, recording, tsJob: job, heapRate: rate(engine), heapSessions: engine.sessions, log })

// One hot key with 200 k pending timers against cold keys, on both backends (bench/hot-key.mjs).
const { runHotKeyBench } = await import(join(root, 'bench/hot-key.mjs'))
await runHotKeyBench({ root, log })

// Seek (time travel) latency on the same recording, heap and LevelDB.
const { runSeekBench } = await import(join(root, 'bench/seek.mjs'))
await runSeekBench({ root, recording, job, log })
