// Seek benchmark: median and p99 latency of DebugSession.seek to random steps of the
// reference run, on the heap (goal ≤ 50 ms median, ≤ 150 ms p99) and on LevelDB (measured and reported),
// and what keeping snapshots costs a forward run. Each backend runs in its own child process.
// Usage: called by bench/run.mjs, or `node bench/seek.mjs [--events N --users N]` on its own.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

export async function runSeekBench({ root, recording, job, log = (s) => process.stderr.write(`${s}\n`), heapSeeks = 200, leveldbSeeks = 40 }) {
  const outDir = join(root, 'bench/out')
  mkdirSync(outDir, { recursive: true })
  const core = join(outDir, 'seek-core.mjs')
  await build({
    entryPoints: [join(root, 'bench/seek-core.ts')], outfile: core, bundle: true, platform: 'node',
    format: 'esm', target: 'node20', packages: 'external', logLevel: 'error',
  })
  const runCore = (backend, seeks, baseline) => {
    const args = [core, '--job', job, '--recording', recording, '--backend', backend, '--seeks', String(seeks)]
    if (baseline) args.push('--baseline')
    const r = spawnSync(process.execPath, ['--max-old-space-size=8192', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
    if (r.status !== 0) throw new Error(`seek benchmark (${backend}) failed:\n${r.stderr}`)
    return JSON.parse(r.stdout.trim().split('\n').pop())
  }
  log('seek: heap (forward run with and without snapshots, then random seeks)…')
  const heap = runCore('heap', heapSeeks, true)
  // LevelDB seeks are measured by bench/leveldb-time-travel.mjs (npm run bench passes leveldbSeeks: 0).
  let leveldb = null
  if (leveldbSeeks > 0) {
    log('seek: LevelDB…')
    leveldb = runCore('leveldb', leveldbSeeks, false)
  }
  const f = (n) => n.toFixed(1)
  const overhead = heap.baselineMillis ? (heap.forwardMillis / heap.baselineMillis - 1) * 100 : null
  console.log(`\nSeek (time travel) on the reference run: ${heap.steps.toLocaleString('en-US')} steps, random targets`)
  console.log('| backend | seeks | median | p99 | max | snapshots (interval) | forward run with snapshots | peak RSS |')
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of [heap, leveldb].filter((x) => x !== null)) {
    console.log(`| ${r.backend} | ${r.seeks} | ${f(r.medianMs)} ms | ${f(r.p99Ms)} ms | ${f(r.maxMs)} ms | ${r.snapshots} (${r.interval.toLocaleString('en-US')} steps) | ${(r.forwardMillis / 1000).toFixed(2)} s | ${r.peakRssMb} MB |`)
  }
  console.log(`\nheap seek: median ${f(heap.medianMs)} ms (goal ≤ 50), p99 ${f(heap.p99Ms)} ms (goal ≤ 150)`)
  if (overhead !== null) console.log(`snapshots cost the heap forward run ${f(overhead)} % (${(heap.snapshotMillis / 1000).toFixed(2)} s of ${(heap.forwardMillis / 1000).toFixed(2)} s; without: ${(heap.baselineMillis / 1000).toFixed(2)} s)`)
  return { heap, leveldb, overheadPercent: overhead }
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
  await runSeekBench({ root, recording, job: join(root, 'bench/reference-sessionizer.ts'), heapSeeks: arg('--seeks', 200), leveldbSeeks: arg('--leveldb-seeks', 40) })
}
