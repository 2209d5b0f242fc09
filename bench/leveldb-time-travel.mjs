// LevelDB time travel in bounded memory: the reference job as an app session on
// LevelDB, each measurement in its own child process so its peak RSS is its own:
//   - the forward run without time travel (no snapshot after step 0) and with it (history on disk):
//     peak RSS of each and their ratio (goal ≤ 1.5×);
//   - random seeks in the time-travel session: median (goal ≤ 250 ms) and p99 (goal ≤ 1 s).
// Prints `goal | figure | target | met` rows. Usage: called by bench/run.mjs, or
// `node bench/leveldb-time-travel.mjs [--events N --users N --seeks N]` on its own.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

export async function runLevelDbTimeTravelBench({ root, recording, job, seeks = 100, log = (s) => process.stderr.write(`${s}\n`) }) {
  const outDir = join(root, 'bench/out')
  mkdirSync(outDir, { recursive: true })
  const core = join(outDir, 'leveldb-time-travel-core.mjs')
  await build({
    entryPoints: [join(root, 'bench/leveldb-time-travel-core.ts')], outfile: core, bundle: true, platform: 'node',
    format: 'esm', target: 'node20', packages: 'external', logLevel: 'error',
  })
  const run = (mode) => {
    const r = spawnSync(process.execPath, [core, '--job', job, '--recording', recording, '--mode', mode, '--seeks', String(seeks)], { encoding: 'utf8', maxBuffer: 1 << 26 })
    if (r.status !== 0) throw new Error(`LevelDB time-travel benchmark (${mode}) failed:\n${r.stderr}`)
    return JSON.parse(r.stdout.trim().split('\n').pop())
  }
  log('LevelDB time travel: forward run without time travel…')
  const plain = run('plain')
  log(`LevelDB time travel: forward run with time travel, then ${seeks} random seeks…`)
  const tt = run('timetravel')
  const ratio = tt.forwardPeakRssMb / plain.forwardPeakRssMb
  const f1 = (n) => n.toFixed(1)
  // Where a seek's time goes (docs/benchmarks.md "LevelDB time travel"), for the goal table's notes.
  const seekNote = `a seek reopens the database on a checkpoint (replaying up to 8 MB of its log) and re-runs up to one interval ` +
    `(${tt.interval.toLocaleString('en-US')} steps at the end, set by thinning to the disk budget) against a cold cache; ` +
    `restores took ${tt.restoreMedianMs == null ? '?' : f1(tt.restoreMedianMs)} ms (median) of the seeks`
  const rows = [
    ['LevelDB time travel: forward-run peak RSS, with / without', `${f1(ratio)}× (${tt.forwardPeakRssMb} / ${plain.forwardPeakRssMb} MB)`, '≤ 1.5×', ratio <= 1.5],
    [`LevelDB seek median (${tt.seeks} random seeks, ${tt.steps.toLocaleString('en-US')} steps)`, `${f1(tt.medianMs)} ms`, '≤ 250 ms', tt.medianMs <= 250, seekNote],
    ['LevelDB seek p99', `${f1(tt.p99Ms)} ms`, '≤ 1000 ms', tt.p99Ms <= 1000, seekNote],
    // Forward-run time and disk are reported because checkpoints cost both.
    ['LevelDB time travel: forward-run time, with / without', `${(tt.forwardMillis / plain.forwardMillis).toFixed(2)}× (${(tt.forwardMillis / 1000).toFixed(1)} / ${(plain.forwardMillis / 1000).toFixed(1)} s)`, '< 2.75×', tt.forwardMillis / plain.forwardMillis < 2.75],
    ['LevelDB time travel: checkpoint disk, most held', `${tt.diskPeakMb} MB (state database ${tt.stateMb} MB)`, `≤ budget (${tt.diskBudgetMb} MB)`, tt.diskPeakMb <= tt.diskBudgetMb],
  ]
  console.log('\nLevelDB time travel in bounded memory (reference run as an app session)')
  console.log('| goal | figure | target | met |')
  console.log('|---|---:|---:|---|')
  for (const [goal, figure, target, met] of rows) console.log(`| ${goal} | ${figure} | ${target} | ${met ? 'yes' : 'NO'} |`)
  console.log(`forward run: ${(plain.forwardMillis / 1000).toFixed(2)} s without time travel, ${(tt.forwardMillis / 1000).toFixed(2)} s with ` +
    `(${tt.snapshots} checkpoints, interval ${tt.interval.toLocaleString('en-US')} steps, ${(tt.snapshotMillis / 1000).toFixed(2)} s capturing); ` +
    `checkpoint disk ${tt.diskPeakMb} MB at most, ${tt.diskEndMb} MB at the end (state database ${tt.stateMb} MB); ` +
    `seek max ${f1(tt.maxMs)} ms; ${tt.restores} of ${tt.seeks} seeks restored a checkpoint; peak RSS with the seeks ${tt.peakRssMb} MB`)
  return { plain, tt, ratio, rows }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  const args = process.argv.slice(2)
  const arg = (n, d) => { const i = args.indexOf(n); return i >= 0 ? Number(args[i + 1]) : d }
  const events = arg('--events', 2_000_000)
  const users = arg('--users', 100_000)
  const recording = join(root, 'bench/out', `clicks-${events}-${users}.jsonl`)
  if (!existsSync(recording)) {
    mkdirSync(join(root, 'bench/out'), { recursive: true })
    execFileSync(process.execPath, [join(root, 'scripts/gen-recording.mjs'), '--events', String(events), '--users', String(users), '--seed', '7', '--out', recording], { stdio: 'inherit' })
  }
  await runLevelDbTimeTravelBench({ root, recording, job: join(root, 'bench/reference-sessionizer.ts'), seeks: arg('--seeks', 100) })
}
