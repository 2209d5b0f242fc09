// Child process of bench/leveldb.mjs (bundled by it with esbuild): the reference job on the LevelDB
// backend over a state directory pre-filled with dormant keys, so state is many times the write-back
// cache. Two modes, each printing one JSON line:
//   prefill JOB DIR CACHE COUNT USERS   writes COUNT dormant keys into the job's state table
//   run JOB RECORDING DIR CACHE         runs the job as `riffle run --backend leveldb --state-dir DIR`
//                                       does (runJob, in this process), then counts what DIR holds
import { runJob } from '../src-main/cli/run-job'
import { JobRun } from '../src-main/engine/runtime/job-run'
import { keyToString } from '../src-main/engine/runtime/key-codec'
import { LevelDbStateBackend } from '../src-main/engine/state/leveldb/leveldb-backend'
import { ArrayRecordingReader } from '../src-main/replay/array-reader'
import { compileJob } from '../src-main/sandbox/compile-job'
import { loadJob } from '../src-main/sandbox/load-job'

/** The i-th dormant key: `<user id>~<n>`, so dormant keys sort next to the live user's key on disk.
 * (Same naming as dormantUser in bench/leveldb.mjs.) */
function dormantUser(i: number, users: number): string {
  const width = Math.max(5, String(users - 1).length)
  return `u${String(i % users).padStart(width, '0')}~${Math.floor(i / users)}`
}

async function prefill(jobPath: string, dir: string, cacheEntries: number, count: number, users: number): Promise<void> {
  const started = performance.now()
  const backend = await LevelDbStateBackend.open({ dir, cacheEntries })
  try {
    // Opening the job's operators on the backend registers its tables under their real ids.
    const { main, mapper } = loadJob(await compileJob(jobPath))
    const run = JobRun.create({ main, mapper, backend, reader: new ArrayRecordingReader([]), processingTime: 'follow', drainProcessingTimers: false })
    const meta = backend.tables().find((t) => t.meta.kind === 'value')?.meta
    if (meta === undefined) throw new Error(`${jobPath} registers no value state to pre-fill`)
    const table = backend.valueTable(meta)
    for (let i = 0; i < count; i++) {
      // The shape the sessionizer stores ({start, count, timeoutAt}), never touched by the run.
      table.put(keyToString(dormantUser(i, users)), { start: i, count: 1 + (i % 7), timeoutAt: i + 1_800_000 })
      if (backend.needsFlush()) await backend.flush()
    }
    await run.close()
    await backend.flush()
    process.stdout.write(`${JSON.stringify({ keys: table.size(), millis: performance.now() - started })}\n`)
  } finally {
    await backend.close()
  }
}

async function run(jobPath: string, recordingPath: string, dir: string, cacheEntries: number): Promise<void> {
  process.env.RIFFLE_LEVELDB_CACHE_ENTRIES = String(cacheEntries)
  const s = await runJob({
    jobPath, recordingPath, backend: 'leveldb', stateDir: dir, out: '/dev/null',
    processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false, keepState: true,
  })
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024)
  // What the state directory holds afterwards: the dormant keys must still be there (the run used them
  // as its database, not a fresh one).
  const backend = await LevelDbStateBackend.open({ dir, cacheEntries })
  let stateKeys = 0
  try {
    for (const t of backend.tables()) stateKeys += t.size()
  } finally {
    await backend.close()
  }
  process.stdout.write(`${JSON.stringify({ events: s.recordsIn, sessions: s.recordsOut, millis: s.millis, peakRssMb, stateKeys })}\n`)
}

async function main(): Promise<void> {
  const [mode, ...a] = process.argv.slice(2)
  if (mode === 'prefill') await prefill(a[0], a[1], Number(a[2]), Number(a[3]), Number(a[4]))
  else if (mode === 'run') await run(a[0], a[1], a[2], Number(a[3]))
  else throw new Error('usage: leveldb-engine.mjs prefill JOB DIR CACHE COUNT USERS | run JOB RECORDING DIR CACHE')
}

void main()
