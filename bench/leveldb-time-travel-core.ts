// LevelDB time-travel benchmark core, bundled by bench/leveldb-time-travel.mjs and run in its own
// process per measurement, so the peak RSS it reports is that run's alone. Runs the reference job as an
// app session on LevelDB to the end, with time travel (--mode timetravel: history on disk) or without it
// (--mode plain: no snapshot after step 0), prints peak RSS after the forward run, then (timetravel) seeks
// to random steps and prints the latency figures. One JSON line on stdout.
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import { DebugSession } from '../src-main/debugger/debug-session'

interface Args { job: string; recording: string; mode: 'plain' | 'timetravel'; seeks: number }

function parse(): Args {
  const a = process.argv.slice(2)
  const get = (n: string): string | undefined => { const i = a.indexOf(n); return i >= 0 ? a[i + 1] : undefined }
  return { job: get('--job')!, recording: get('--recording')!, mode: get('--mode') === 'plain' ? 'plain' : 'timetravel', seeks: Number(get('--seeks') ?? 100) }
}

/** An inspector command (RIFFLE_SEEK_PROF=file writes a CPU profile of the seeks alone). */
function post(s: Session, method: string): Promise<unknown> {
  return new Promise((resolve, reject) => s.post(method, (err, r) => (err ? reject(err) : resolve(r))))
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
}

const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024)

async function main(): Promise<void> {
  const a = parse()
  const plain = a.mode === 'plain'
  const session = await DebugSession.open({
    jobPath: a.job, recordingPath: a.recording, backend: 'leveldb', processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false,
  }, plain ? { minInterval: Number.MAX_SAFE_INTEGER, maxInterval: Number.MAX_SAFE_INTEGER, incremental: false } : undefined)
  const t0 = performance.now()
  await session.step({ kind: 'end' })
  const forwardMillis = performance.now() - t0
  const forwardPeakRssMb = rssMb()
  const total = (await session.status()).step
  const tt = session.timeTravel
  const lat: number[] = []
  const detail: Array<{ target: number; from: number; ms: number; restoreMs: number }> = []
  let restores = 0
  let x = 12345
  const prof = process.env.RIFFLE_SEEK_PROF ? new Session() : null
  if (prof !== null) { prof.connect(); await post(prof, 'Profiler.enable'); await post(prof, 'Profiler.start') }
  for (let i = 0; i < (plain ? 0 : a.seeks); i++) {
    x = (x * 48271) % 2147483647
    const target = x % (total + 1)
    const s0 = performance.now()
    const r = await session.seek(target)
    lat.push(performance.now() - s0)
    const lr = tt.ldb?.lastRestore
    detail.push({ target, from: r.fromSnapshot, ms: Math.round(performance.now() - s0), restoreMs: Math.round(lr?.millis ?? 0) })
    if (lr != null) restores++
    if (tt.ldb !== null) tt.ldb.lastRestore = null
  }
  if (prof !== null) {
    const { profile } = await post(prof, 'Profiler.stop') as { profile: unknown }
    writeFileSync(process.env.RIFFLE_SEEK_PROF!, JSON.stringify(profile))
  }
  if (process.env.RIFFLE_SEEK_DETAIL) process.stderr.write(JSON.stringify(detail) + '\n')
  lat.sort((p, q) => p - q)
  const result = {
    mode: a.mode, steps: total, forwardMillis, forwardPeakRssMb, snapshotMillis: tt.snapshotMillis,
    snapshots: tt.snapshots.length, interval: tt.interval,
    diskPeakMb: Math.round((tt.ldb?.peakBytes ?? 0) / 1048576), diskEndMb: Math.round((tt.ldb?.bytes ?? 0) / 1048576), diskBudgetMb: Math.round(tt.diskBudget() / 1048576), stateMb: Math.round((tt.ldb?.lastBytes ?? 0) / 1048576),
    seeks: lat.length, medianMs: lat.length > 0 ? pct(lat, 0.5) : null, p99Ms: lat.length > 0 ? pct(lat, 0.99) : null,
    maxMs: lat.length > 0 ? lat[lat.length - 1] : null, restores, peakRssMb: rssMb(),
    restoreMedianMs: detail.length > 0 ? pct(detail.map((d) => d.restoreMs).sort((p, q) => p - q), 0.5) : null,
  }
  await session.close()
  process.stdout.write(JSON.stringify(result) + '\n')
}

void main().catch((e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exit(1) })
