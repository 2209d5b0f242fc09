// Lines-run benchmark: tracing one step of the reference run (every call and every line it ran) and what a line
// breakpoint on a plain line costs Continue. Runs bench/trace-step-core.ts in its own process.
// Usage: node bench/trace-step.mjs [--events N --users N --steps N --traces N] [--python]
// (--python: the Python reference job, bench/reference-sessionizer.py, its plain line `s["count"] += 1`.)
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const arg = (n, d) => { const i = args.indexOf(n); return i >= 0 ? Number(args[i + 1]) : d }
const events = arg('--events', 2_000_000)
const users = arg('--users', 100_000)
const outDir = join(root, 'bench/out')
mkdirSync(outDir, { recursive: true })
const recording = join(outDir, `clicks-${events}-${users}.jsonl`)
if (!existsSync(recording)) {
  execFileSync(process.execPath, [join(root, 'scripts/gen-recording.mjs'), '--events', String(events), '--users', String(users), '--seed', '7', '--out', recording], { stdio: 'inherit' })
}
const core = join(outDir, 'trace-step-core.mjs')
await build({ entryPoints: [join(root, 'bench/trace-step-core.ts')], outfile: core, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' })
const python = args.includes('--python')
const r = spawnSync(process.execPath, ['--max-old-space-size=8192', core, '--job', join(root, `bench/reference-sessionizer.${python ? 'py' : 'ts'}`), '--recording', recording,
  '--steps', String(arg('--steps', 200_000)), '--traces', String(arg('--traces', 50)), '--line', python ? '30' : '35'], { encoding: 'utf8', maxBuffer: 1 << 26 })
if (r.status !== 0) throw new Error(`trace-step benchmark failed:\n${r.stderr}`)
const j = JSON.parse(r.stdout.trim().split('\n').pop())
const f = (n) => n.toFixed(1)
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log(`\nLines run on the ${python ? 'Python ' : ''}reference run (heap, ${j.steps.toLocaleString('en-US')} steps):`)
console.log('| measure | figure |')
console.log('|---|---:|')
console.log(`| first trace of a step (arms the debugger) | ${f(j.firstTraceMs)} ms |`)
console.log(`| trace of one step, random steps: median / max | ${f(j.traceMedianMs)} / ${f(j.traceMaxMs)} ms |`)
console.log(`| seek to the same steps (a trace's share of getting there): median | ${f(j.seekMedianMs)} ms |`)
console.log(`| Continue over ${j.steps.toLocaleString('en-US')} steps, no breakpoint (3 runs) | ${j.continueNoneMs.map((m) => (m / 1000).toFixed(2)).join(', ')} s |`)
console.log(`| the same with a line breakpoint on a plain line (\`${python ? 's["count"] += 1' : 's.count++'}\`, never true) | ${j.continuePlainLineMs.map((m) => (m / 1000).toFixed(2)).join(', ')} s |`)
console.log(`| Continue, no breakpoint, after the traces (same process) | ${j.continueAfterTracesMs.map((m) => (m / 1000).toFixed(2)).join(', ')} s |`)
console.log(`line breakpoint cost: ${f((med(j.continuePlainLineMs) / med(j.continueNoneMs) - 1) * 100)} % of Continue`)
