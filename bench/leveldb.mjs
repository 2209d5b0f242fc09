// The LevelDB figures of `npm run bench`, called by bench/run.mjs after the heap
// figures. The reference job runs on the LevelDB backend over a state directory pre-filled with dormant
// keys (10 per user, stored next to the live users' keys), so state is at least 10× the write-back
// cache, against the hand-written classic-level loop (bench/leveldb-hand-loop.mjs: getSync on a miss,
// write-back Map cache, one batch every 10 000 events) over an equally pre-filled database with the same
// cache size, in the same run. Both read and parse the recording file. Then peak RSS of LevelDB state
// larger than the cache at 0.2 M and 2 M keys (bench/leveldb-memory.mjs). Each measurement runs in its
// own child process, so every peak RSS is its own.
//
//   node bench/leveldb.mjs [--events N] [--users N]   standalone (heap ratio then needs --heap-rate R)
//   RIFFLE_BENCH_MEMORY_SIZES=20000,200000            other key counts for the memory table
//   RIFFLE_BENCH_REPEAT=3                             runs of each loop (the best counts; default 2)
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { readJsonl } from './hand-loop.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const fmt = (n) => Math.round(n).toLocaleString('en-US')
const rate = (r) => r.events / (r.millis / 1000)

/** The i-th dormant key, as in bench/leveldb-engine.ts: `<user id>~<n>`, sorting next to the live user. */
function dormantUser(i, users) {
  const width = Math.max(5, String(users - 1).length)
  return `u${String(i % users).padStart(width, '0')}~${Math.floor(i / users)}`
}

/** Child: pre-fills a hand-loop database (timed apart), or runs the hand loop over the recording. */
async function handChild(mode, recording, dir, cacheEntries, dormant, users) {
  const { prefillHandLoopDb, runLevelDbHandLoop } = await import('./leveldb-hand-loop.mjs')
  if (mode === 'prefill') {
    const t0 = performance.now()
    await prefillHandLoopDb(dir, dormant, (i) => dormantUser(i, users), (i) => ({ start: i, count: 1 + (i % 7), timeoutAt: i + 1_800_000 }))
    process.stdout.write(`${JSON.stringify({ keys: dormant, millis: performance.now() - t0 })}\n`)
    return
  }
  const t0 = performance.now()
  const r = await runLevelDbHandLoop(readJsonl(recording), dir, { cacheEntries })
  // The loop's own clock starts after opening the database; count reading from the start, as the engine's does.
  const millis = performance.now() - t0
  process.stdout.write(`${JSON.stringify({ events: r.events, sessions: r.sessions, millis, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`)
}

function runJson(file, argv) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', file, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 })
  if (r.status !== 0) throw new Error(`${file} ${argv[0]} failed:\n${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').pop())
}

/**
 * Measures and prints the LevelDB table. `heapRate` is the events/s of `riffle run --backend heap`
 * measured by bench/run.mjs in the same run. Returns the figures.
 */
export async function runLevelDbBench({ root, recording, job, events, users, heapRate, log = (s) => process.stderr.write(`${s}\n`) }) {
  const outDir = join(root, 'bench/out')
  mkdirSync(outDir, { recursive: true })
  const engineBundle = join(outDir, 'leveldb-engine.mjs')
  await build({
    entryPoints: [join(root, 'bench/leveldb-engine.ts')], outfile: engineBundle, bundle: true, platform: 'node',
    format: 'esm', target: 'node20', packages: 'external', logLevel: 'error',
  })
  // The cache holds as many entries as there are users; the dormant keys alone are 10× that.
  const cacheEntries = users
  const dormant = 10 * users
  const work = mkdtempSync(join(tmpdir(), 'riffle-bench-leveldb-'))
  try {
    log(`LevelDB: pre-filling ${fmt(dormant)} dormant keys for the engine and for the hand loop…`)
    const engineDir = join(work, 'engine')
    const handDir = join(work, 'hand')
    const enginePrefill = runJson(engineBundle, ['prefill', job, engineDir, String(cacheEntries), String(dormant), String(users)])
    const handPrefill = runJson(fileURLToPath(import.meta.url), ['--hand-child', 'prefill', recording, handDir, String(cacheEntries), String(dormant), String(users)])
    // Alternate the two, best of `repeat` each: on a shared machine one measurement alone is noisy.
    const repeat = Math.max(1, Number(process.env.RIFFLE_BENCH_REPEAT ?? 2))
    const faster = (a, b) => (a === null || b.millis < a.millis ? b : a)
    let hand = null
    let engine = null
    for (let i = 1; i <= repeat; i++) {
      log(`LevelDB: hand-written classic-level loop (${i}/${repeat})…`)
      hand = faster(hand, runJson(fileURLToPath(import.meta.url), ['--hand-child', 'run', recording, handDir, String(cacheEntries), String(dormant), String(users)]))
      log(`LevelDB: riffle run --backend leveldb, runJob in a child process (${i}/${repeat})…`)
      engine = faster(engine, runJson(engineBundle, ['run', job, recording, engineDir, String(cacheEntries)]))
    }
    if (engine.sessions !== hand.sessions) log(`WARNING: session counts differ: hand loop ${hand.sessions}, engine ${engine.sessions}`)
    if (engine.stateKeys < dormant) log(`WARNING: the state dir held ${engine.stateKeys} keys after the run, fewer than the ${dormant} pre-filled: the run did not use the pre-filled database`)

    const memorySizes = (process.env.RIFFLE_BENCH_MEMORY_SIZES ?? (events >= 2_000_000 ? '200000,2000000' : '20000,200000')).split(',').map(Number)
    let memory = []
    if (existsSync(join(here, 'leveldb-memory.mjs'))) {
      log(`LevelDB: peak RSS at ${memorySizes.map(fmt).join(' and ')} keys…`)
      const { measureLevelDbMemory } = await import(pathToFileURL(join(here, 'leveldb-memory.mjs')).href)
      // The cache is at most a tenth of the smaller size, so both sizes are state ≥ 10× the cache.
      const memoryCache = Math.min(20_000, Math.floor(Math.min(...memorySizes) / 10))
      memory = await measureLevelDbMemory({ sizes: memorySizes, cacheEntries: memoryCache })
      // And with what the keyed operator keeps per key besides state: a pending timer and the key's
      // registry entry (on LevelDB both in the database too).
      log(`LevelDB: peak RSS with a timer and a registry entry per key at ${memorySizes.map(fmt).join(' and ')} keys…`)
      memory.push(...await measureLevelDbMemory({ sizes: memorySizes, cacheEntries: memoryCache, runtime: true }))
    }

    const engineRate = rate(engine)
    const handRate = rate(hand)
    console.log(`\nLevelDB backend: the same job and recording; state pre-filled with ${fmt(dormant)} dormant keys (10 per user, next to the live ones),`)
    console.log(`write-back cache ${fmt(cacheEntries)} entries for both (state ≥ ${Math.floor(engine.stateKeys / cacheEntries)}× the cache after the run: ${fmt(engine.stateKeys)} keys)\n`)
    console.log(`| run (best of ${repeat}) | events/s | time | sessions | peak RSS |`)
    console.log('|---|---:|---:|---:|---:|')
    console.log(`| hand-written classic-level loop (getSync on miss, write-back Map, batch every 10 k events) | ${fmt(handRate)} | ${(hand.millis / 1000).toFixed(2)} s | ${fmt(hand.sessions)} | ${hand.peakRssMb} MB |`)
    console.log(`| riffle run --backend leveldb (same code as npx riffle, RIFFLE_LEVELDB_CACHE_ENTRIES=${cacheEntries}) | ${fmt(engineRate)} | ${(engine.millis / 1000).toFixed(2)} s | ${fmt(engine.sessions)} | ${engine.peakRssMb} MB |`)
    console.log(`\npre-fill: engine ${(enginePrefill.millis / 1000).toFixed(1)} s, hand loop ${(handPrefill.millis / 1000).toFixed(1)} s (not in the figures)`)
    console.log(`LevelDB engine / LevelDB hand loop: ${(engineRate / handRate * 100).toFixed(1)} % (goal ≥ 50 %)`)
    if (Number.isFinite(heapRate) && heapRate > 0) console.log(`LevelDB engine / heap engine (riffle run --backend heap above): ${(engineRate / heapRate * 100).toFixed(1)} % (goal ≥ 25 %)`)
    if (memory.length > 0) {
      console.log('\nPeak RSS with keyed state larger than the cache (bench/leveldb-memory.mjs: N new keys, then N read-modify-write updates;')
      console.log('"+runtime": each also re-registers the key\'s event-time timer and touches its key-registry entry)\n')
      console.log('| backend | keys | cache | peak RSS | writes+updates/s |')
      console.log('|---|---:|---:|---:|---:|')
      for (const m of memory) {
        console.log(`| ${m.backend} | ${fmt(m.keys)} | ${m.cacheEntries === null ? 'all in memory' : fmt(m.cacheEntries)} | ${m.peakRssMb} MB | ${fmt(m.opsPerSec)} |`)
      }
    }
    return { hand, engine, enginePrefill, handPrefill, memory, cacheEntries, dormant }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]
if (isMain && process.argv[2] === '--hand-child') {
  const [mode, recording, dir, cache, dormant, users] = process.argv.slice(3)
  await handChild(mode, recording, dir, Number(cache), Number(dormant), Number(users))
} else if (isMain) {
  const args = process.argv.slice(2)
  const arg = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : dflt }
  const root = join(here, '..')
  const events = arg('--events', 2_000_000)
  const users = arg('--users', 100_000)
  const recording = join(root, 'bench/out', `clicks-${events}-${users}.jsonl`)
  if (!existsSync(recording)) {
    execFileSync(process.execPath, [join(root, 'scripts/gen-recording.mjs'), '--events', String(events), '--users', String(users), '--seed', '7', '--out', recording], { stdio: 'inherit' })
  }
  await runLevelDbBench({ root, recording, job: join(root, 'bench/reference-sessionizer.ts'), events, users, heapRate: arg('--heap-rate', NaN) })
}
