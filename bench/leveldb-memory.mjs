// Peak memory of keyed state larger than the cache: writes then updates N keys of
// sessionization-shaped state through the LevelDB backend with a capped write-back cache, each size in
// its own child process so every peak RSS is measured alone; the heap backend is run for contrast.
//
//   node bench/leveldb-memory.mjs                 # 0.2 M and 2 M keys, prints a table and JSON
//   node bench/leveldb-memory.mjs 200000 2000000  # explicit sizes
//   node bench/leveldb-memory.mjs --runtime       # also the runtime's per-key data: an event-time timer
//                                                 # per key and the key registry (LevelDbTimerQueue and
//                                                 # LevelDbKeyRegistry vs the in-memory TimerQueue and KeyRegistry)
//   exported: measureLevelDbMemory({ sizes, cacheEntries, runtime }) -> [{ backend, keys, peakRssMb, ... }]
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bundle = join(root, '.riffle-build', 'bench', 'state-backends.mjs')

/** Bundles the two backends (TypeScript) for plain Node, classic-level left external. */
async function buildBackends() {
  mkdirSync(dirname(bundle), { recursive: true })
  await build({
    stdin: {
      contents: "export { LevelDbStateBackend } from './src-main/engine/state/leveldb/leveldb-backend'\n" +
        "export { HeapStateBackend } from './src-main/engine/state/heap/heap-backend'\n" +
        "export { TimerQueue } from './src-main/engine/time/timer-queue'\n" +
        "export { KeyRegistry } from './src-main/engine/runtime/key-registry'\n",
      resolveDir: root,
      loader: 'ts',
    },
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  })
}

/** The child: N new keys, then N read-modify-write updates of pseudo-random keys, then a flush. */
async function child(backendName, keys, cacheEntries, runtime) {
  const { LevelDbStateBackend, HeapStateBackend, TimerQueue, KeyRegistry } = await import(pathToFileURL(bundle).href)
  const dir = mkdtempSync(join(tmpdir(), 'riffle-memory-'))
  const backend = backendName === 'heap' ? new HeapStateBackend() : await LevelDbStateBackend.open({ dir, cacheEntries })
  const t = backend.valueTable({ operatorId: 'sessionize', stateName: 'session', kind: 'value', ttl: false })
  // With runtime: what the keyed operator keeps per key besides state (a session timer, the key registry).
  const timers = !runtime ? null : backendName === 'heap' ? new TimerQueue() : backend.timerQueue('sessionize/event')
  const registry = !runtime ? null : backendName === 'heap' ? new KeyRegistry() : backend.keyRegistry('sessionize')
  let step = 0
  const touch = (k, timeoutAt, oldTimeout) => {
    if (registry === null) return
    registry.touch(k, k, step++, true)
    if (oldTimeout !== undefined) timers.delete(oldTimeout, k)
    timers.register(timeoutAt, k, k)
  }
  const started = performance.now()
  let x = 12345
  try {
    for (let i = 0; i < keys; i++) {
      const k = JSON.stringify(`user-${i}`)
      t.put(k, { start: i, count: 1, timeoutAt: i + 1_800_000 })
      touch(k, i + 1_800_000)
      if (backend.needsFlush?.()) await backend.flush()
    }
    for (let i = 0; i < keys; i++) {
      x = (x * 1103515245 + 12345) % 2147483648
      const k = JSON.stringify(`user-${x % keys}`)
      const s = t.get(k)
      t.put(k, { start: s.start, count: s.count + 1, timeoutAt: s.timeoutAt + 1 })
      touch(k, s.timeoutAt + 1, s.timeoutAt)
      if (backend.needsFlush?.()) await backend.flush()
    }
    await backend.flush()
    const millis = performance.now() - started
    const size = t.size()
    if (size !== keys) throw new Error(`expected ${keys} keys, found ${size}`)
    if (timers !== null && (timers.size !== keys || registry.size !== keys)) throw new Error(`expected ${keys} timers and registered keys, found ${timers.size} and ${registry.size}`)
    const result = {
      backend: runtime ? `${backendName}+runtime` : backendName, keys, cacheEntries: backendName === 'heap' ? null : cacheEntries,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1048576),
      millis: Math.round(millis), opsPerSec: Math.round((2 * keys) / (millis / 1000)),
    }
    process.stdout.write(`${JSON.stringify(result)}\n`)
  } finally {
    await backend.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs every (backend, size) in its own process and returns the parsed results. */
export async function measureLevelDbMemory({ sizes = [200_000, 2_000_000], cacheEntries = 20_000, heap = true, runtime = false } = {}) {
  await buildBackends()
  const results = []
  for (const keys of sizes) {
    for (const backend of heap ? ['leveldb', 'heap'] : ['leveldb']) {
      const out = execFileSync(process.execPath, ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--child', backend, String(keys), String(cacheEntries), runtime ? 'runtime' : 'state'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
      results.push(JSON.parse(out.trim().split('\n').pop()))
    }
  }
  return results
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]
if (isMain && process.argv[2] === '--child') {
  await child(process.argv[3], Number(process.argv[4]), Number(process.argv[5]), process.argv[6] === 'runtime')
} else if (isMain) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0)
  const runtime = process.argv.includes('--runtime')
  const results = await measureLevelDbMemory({ ...(sizes.length > 0 ? { sizes } : {}), runtime })
  for (const r of results) {
    const cache = r.cacheEntries === null ? 'all in memory' : `cache ${r.cacheEntries} entries`
    console.log(`${r.backend.padEnd(8)} ${String(r.keys).padStart(9)} keys  peak RSS ${String(r.peakRssMb).padStart(5)} MB  ` +
      `(${cache}, ${r.millis} ms, ${r.opsPerSec} writes+updates/s)`)
  }
  console.log(JSON.stringify(results))
}
