// Python jobs in `npm run bench`: the reference sessionization as a Python job (bench/reference-sessionizer.py)
// through `npx riffle run` and on pre-parsed events, as ratios to the TypeScript job measured in the same run; and
// the time from session start to the first step, fresh and on a restart (Pyodide kept warm).
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { build } from 'esbuild'

function runJson(file, argv) {
  const r = spawnSync(process.execPath, [file, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 })
  if (r.status !== 0) throw new Error(`${file} failed:\n${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').pop())
}

function runCli(root, job, recording) {
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', job, recording, '--out', '/dev/null'], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`riffle run ${job} failed:\n${r.stderr}`)
  const num = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(r.stderr)?.[1])
  return { events: num('records in'), sessions: num('records out'), millis: Number(/done in ([\d.]+) s/.exec(r.stderr)?.[1]) * 1000 }
}

/**
 * The core figures run both languages here, so their ratio is from one run too.
 */
export async function runPythonBench({ root, recording, tsJob, log }) {
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
  log('Python job via npx riffle run (heap)…')
  const cli = runCli(root, pyJob, recording)
  // The TypeScript job measured the same way, right after (the engine section's figure is whole-process wall time).
  log('TypeScript job via npx riffle run (heap), for the ratio…')
  const ts = runCli(root, tsJob, recording)
  const heapRate = rate(ts)
  const heapSessions = ts.sessions
  log('Python and TypeScript jobs on pre-parsed events (heap)…')
  const pyCore = runJson(join(outDir, 'python-core.mjs'), [pyJob, recording])
  const tsCore = runJson(join(outDir, 'python-core.mjs'), [tsJob, recording])
  log('Python session start to first step, fresh and on a restart…')
  const start = runJson(join(outDir, 'python-start.mjs'), [pyJob, recording])
  if (cli.sessions !== heapSessions || pyCore.sessions !== tsCore.sessions) {
    log(`WARNING: session counts differ: TS ${heapSessions}/${tsCore.sessions}, Python ${cli.sessions}/${pyCore.sessions}`)
  }
  console.log('\nPython job (bench/reference-sessionizer.py, Pyodide), same recording\n')
  console.log('| run | events/s | time | Python / TypeScript |')
  console.log('|---|---:|---:|---:|')
  console.log(`| riffle run --backend heap (includes Pyodide's load) | ${fmt(rate(cli))} | ${(cli.millis / 1000).toFixed(2)} s | ${(rate(cli) / heapRate * 100).toFixed(1)} % |`)
  console.log(`| engine core, pre-parsed events | ${fmt(rate(pyCore))} | ${(pyCore.millis / 1000).toFixed(2)} s | ${(rate(pyCore) / rate(tsCore) * 100).toFixed(1)} % |`)
  // CPU time as well: on a shared machine the wall-clock ratio moves with the load of the moment.
  console.log(`| engine core, CPU time | ${fmt(pyCore.events / (pyCore.cpuMillis / 1000))} | ${(pyCore.cpuMillis / 1000).toFixed(2)} s | ${(tsCore.cpuMillis / pyCore.cpuMillis * 100).toFixed(1)} % |`)
  console.log(`\nPython / TypeScript via riffle run: ${(rate(cli) / heapRate * 100).toFixed(1)} % (goal ≥ 20 %, stretch 40 %)`)
  console.log(`Python session start to first step: fresh ${(start.freshMillis / 1000).toFixed(2)} s (goal ≤ 8 s), restart ${(start.restartMillis / 1000).toFixed(2)} s (goal ≤ 1 s)`)
  const ratio = rate(cli) / heapRate
  return {
    rows: [
      ['Python / TypeScript job, riffle run --backend heap (bench/reference-sessionizer.py)', `${(ratio * 100).toFixed(1)} %`, '≥ 20 % (stretch 40 %)', ratio >= 0.2],
      ['Python session start to first step, fresh', `${(start.freshMillis / 1000).toFixed(2)} s`, '≤ 8 s', start.freshMillis <= 8000],
      ['Python session start to first step, restart', `${(start.restartMillis / 1000).toFixed(2)} s`, '≤ 1 s', start.restartMillis <= 1000],
    ],
  }
}
