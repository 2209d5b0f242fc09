// Seek benchmark core, bundled by bench/seek.mjs and run in its own process: runs the
// reference job through a DebugSession to the end (with and without time-travel snapshots, for the
// overhead), then seeks to random steps and prints one JSON line with the latency figures.
import { DebugSession } from '../src-main/debugger/debug-session'

interface Args { job: string; recording: string; backend: 'heap' | 'leveldb'; seeks: number; baseline: boolean }

function parse(): Args {
  const a = process.argv.slice(2)
  const get = (n: string): string | undefined => { const i = a.indexOf(n); return i >= 0 ? a[i + 1] : undefined }
  return {
    job: get('--job')!, recording: get('--recording')!, backend: (get('--backend') ?? 'heap') as 'heap' | 'leveldb',
    seeks: Number(get('--seeks') ?? 200), baseline: a.includes('--baseline'),
  }
}

async function forward(a: Args, snapshots: boolean): Promise<{ session: DebugSession; millis: number }> {
  const session = await DebugSession.open({
    jobPath: a.job, recordingPath: a.recording, backend: a.backend, processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false,
  }, snapshots ? undefined : { minInterval: Number.MAX_SAFE_INTEGER, maxInterval: Number.MAX_SAFE_INTEGER, incremental: false })
  const t0 = performance.now()
  await session.step({ kind: 'end' })
  return { session, millis: performance.now() - t0 }
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
}

async function main(): Promise<void> {
  const a = parse()
  let baselineMillis: number | null = null
  if (a.baseline) {
    const b = await forward(a, false)
    baselineMillis = b.millis
    await b.session.close()
  }
  const { session, millis } = await forward(a, true)
  const total = (await session.status()).step
  const tt = session.timeTravel
  let x = 12345
  const lat: number[] = []
  const detail: Array<{ target: number; from: number; ms: number }> = []
  for (let i = 0; i < a.seeks; i++) {
    x = (x * 48271) % 2147483647
    const target = x % (total + 1)
    const t0 = performance.now()
    const r = await session.seek(target)
    const ms = performance.now() - t0
    lat.push(ms)
    detail.push({ target, from: r.fromSnapshot, ms: Math.round(ms) })
  }
  if (process.env.RIFFLE_SEEK_DETAIL) process.stderr.write(JSON.stringify(detail.sort((p, q) => q.ms - p.ms).slice(0, 15)) + '\n')
  lat.sort((p, q) => p - q)
  const result = {
    backend: a.backend, steps: total, seeks: a.seeks,
    medianMs: pct(lat, 0.5), p99Ms: pct(lat, 0.99), maxMs: lat[lat.length - 1],
    forwardMillis: millis, baselineMillis, snapshotMillis: tt.snapshotMillis,
    snapshots: tt.snapshots.length, interval: tt.interval,
    snapshotEntries: tt.snapshots.reduce((n, s) => n + s.weight, 0),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }
  await session.close()
  process.stdout.write(JSON.stringify(result) + '\n')
}

void main().catch((e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exit(1) })
