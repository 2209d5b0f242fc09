// Python jobs in `npm run bench`: the reference sessionization as a Python job (bench/reference-sessionizer.py)
// through `npx riffle run` (alternating with the TypeScript job, medians) and on pre-parsed events, as ratios to
// the TypeScript job measured in the same run; and the time from session start to the first step: the first start
// (no Pyodide snapshot cached: full load, then one is written), fresh (from the cached snapshot), and on a restart
// (Pyodide kept warm).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { median } from './goal-table.mjs'

function runJson(file, argv, env = process.env) {
  const r = spawnSync(process.execPath, [file, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26, env })
  if (r.status !== 0) throw new Error(`${file} failed:\n${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').pop())
}

/**
 * CPU time of this process's finished children, in ms (Linux: /proc/self/stat's cutime + cstime, in clock ticks of
 * 10 ms), or NaN elsewhere. On a shared machine it moves far less with the load than the wall clock does.
 */
function childrenCpuMillis() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ')
    // After "pid (comm) ", field 3 (state) is index 0: cutime and cstime (fields 16, 17) are at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) * 10
  } catch {
    return NaN
  }
}

function runCli(root, job, recording) {
  const c0 = childrenCpuMillis()
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', job, recording, '--out', '/dev/null'], { encoding: 'utf8' })
  const cpuMillis = childrenCpuMillis() - c0
  if (r.status !== 0) throw new Error(`riffle run ${job} failed:\n${r.stderr}`)
  const num = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(r.stderr)?.[1])
  return { events: num('records in'), sessions: num('records out'), millis: Number(/done in ([\d.]+) s/.exec(r.stderr)?.[1]) * 1000, cpuMillis }
}

/**
 * The core figures run both languages here, so their ratio is from one run too. `riffle run` alternates the
 * two languages `runs` times and compares medians (the machine's load moves in between).
 */
export async function runPythonBench({ root, recording, tsJob, log, runs = 3 }) {
  const outDir = join(root, 'bench/out')
  const pyJob = join(root, 'bench/reference-sessionizer.py')
  for (const name of ['python-core', 'python-start']) {
    await build({
      entryPoints: [join(root, `bench/${name}.ts`)], outfile: join(outDir, `${name}.mjs`), bundle: true, platform: 'node',
      format: 'esm', target: 'node20', packages: 'external', logLevel: 'error',
    })
  }
  const rate = (r) => r.events / (r.millis / 1000)
  const fmt = (n) => Math.round(n).toLocaleString('en-US')
  const pys = []
  const tss = []
  for (let i = 1; i <= runs; i++) {
    log(`Python job via npx riffle run (heap), run ${i}/${runs}…`)
    pys.push(runCli(root, pyJob, recording))
    // The TypeScript job measured the same way, right after (the engine section's figure is whole-process wall time).
    log(`TypeScript job via npx riffle run (heap), run ${i}/${runs}…`)
    tss.push(runCli(root, tsJob, recording))
  }
  const cli = { events: pys[0].events, sessions: pys[0].sessions, millis: median(pys.map((r) => r.millis)), cpuMillis: median(pys.map((r) => r.cpuMillis)) }
  const ts = { events: tss[0].events, sessions: tss[0].sessions, millis: median(tss.map((r) => r.millis)), cpuMillis: median(tss.map((r) => r.cpuMillis)) }
  const heapRate = rate(ts)
  const heapSessions = ts.sessions
  log('Python and TypeScript jobs on pre-parsed events (heap)…')
  const pyCore = runJson(join(outDir, 'python-core.mjs'), [pyJob, recording])
  const tsCore = runJson(join(outDir, 'python-core.mjs'), [tsJob, recording])
  log('Python session start to first step: first start (no snapshot cached yet)…')
  const emptyCache = mkdtempSync(join(tmpdir(), 'riffle-bench-pyodide-'))
  let first
  try {
    first = runJson(join(outDir, 'python-start.mjs'), [pyJob, recording], { ...process.env, RIFFLE_PYODIDE_CACHE: emptyCache })
  } finally {
    rmSync(emptyCache, { recursive: true, force: true })
  }
  log('Python session start to first step, fresh (snapshot cached) and on a restart…')
  const start = runJson(join(outDir, 'python-start.mjs'), [pyJob, recording])
  if (pys.some((r) => r.sessions !== heapSessions) || pyCore.sessions !== tsCore.sessions) {
    log(`WARNING: session counts differ: TS ${heapSessions}/${tsCore.sessions}, Python ${pys.map((r) => r.sessions).join(', ')}/${pyCore.sessions}`)
  }
  const ratio = rate(cli) / heapRate
  const secs = (ms) => `${(ms / 1000).toFixed(2)} s`
  console.log('\nPython job (bench/reference-sessionizer.py, Pyodide), same recording\n')
  console.log('| run | events/s | time | Python / TypeScript |')
  console.log('|---|---:|---:|---:|')
  console.log(`| riffle run --backend heap (includes Pyodide's start), median of ${runs} alternating runs | ${fmt(rate(cli))} | ${secs(cli.millis)} (TS ${secs(ts.millis)}) | ${(ratio * 100).toFixed(1)} % |`)
  // The whole process's CPU time (all its threads: the job's worker, the reader, the output), as a second view.
  console.log(`| riffle run, CPU time of the whole process, medians | ${fmt(cli.events / (cli.cpuMillis / 1000))} | ${secs(cli.cpuMillis)} (TS ${secs(ts.cpuMillis)}) | ${(ts.cpuMillis / cli.cpuMillis * 100).toFixed(1)} % |`)
  console.log(`| engine core, pre-parsed events | ${fmt(rate(pyCore))} | ${secs(pyCore.millis)} | ${(rate(pyCore) / rate(tsCore) * 100).toFixed(1)} % |`)
  // CPU time as well: on a shared machine the wall-clock ratio moves with the load of the moment.
  console.log(`| engine core, CPU time | ${fmt(pyCore.events / (pyCore.cpuMillis / 1000))} | ${secs(pyCore.cpuMillis)} | ${(tsCore.cpuMillis / pyCore.cpuMillis * 100).toFixed(1)} % |`)
  console.log(`\nPython / TypeScript via riffle run: ${(ratio * 100).toFixed(1)} % (goal ≥ 20 %, stretch 40 %); each run: Python ${pys.map((r) => secs(r.millis)).join(', ')}, TS ${tss.map((r) => secs(r.millis)).join(', ')}; pairwise ${pys.map((r, i) => `${(tss[i].millis / r.millis * 100).toFixed(1)} %`).join(', ')}`)
  console.log(`Python session start to first step: first start ${secs(first.freshMillis)}, fresh ${secs(start.freshMillis)} (goal ≤ 8 s), restart ${secs(start.restartMillis)} (goal ≤ 1 s)`)
  // Where the time goes when the goal is missed (docs/benchmarks.md, "Python jobs": from node --cpu-prof of the core).
  const note = 'per event the engine makes one call into Python (process_element; the assigner and key selector, which only read ' +
    'a field, are read in JavaScript as riffle run is not watched) and the job four back (state value/update, timer delete/register); ' +
    'most of the time is the Python interpreter (WebAssembly) and the state value\'s JSON both ways; see docs/benchmarks.md'
  return {
    rows: [
      [`Python / TypeScript job, riffle run --backend heap (bench/reference-sessionizer.py), median of ${runs} alternating runs`, `${(ratio * 100).toFixed(1)} % (${secs(cli.millis)} / ${secs(ts.millis)})`, '≥ 20 % (stretch 40 %)', ratio >= 0.2, note],
      ['Python session start to first step, fresh (Pyodide snapshot cached)', secs(start.freshMillis), '≤ 8 s', start.freshMillis <= 8000],
      ['Python session start to first step, first start (no snapshot yet: full load, writes one)', secs(first.freshMillis), '≤ 8 s', first.freshMillis <= 8000],
      ['Python session start to first step, restart', secs(start.restartMillis), '≤ 1 s', start.restartMillis <= 1000],
    ],
  }
}
