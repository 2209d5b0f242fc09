// Lines-run benchmark core, bundled by bench/trace-step.mjs and run in its own process: the reference job in a
// DebugSession; the latency of tracing one step (every call and every line it ran: the first trace arms V8's
// debugger in the worker, later ones reuse nothing but the script's break locations), and what a line
// breakpoint on a plain line costs Continue (its condition never true, so Continue runs through) against none.
// Prints one JSON line.
import { DebugSession } from '../src-main/debugger/debug-session'

interface Args { job: string; recording: string; steps: number; traces: number; line: number }

function parse(): Args {
  const a = process.argv.slice(2)
  const get = (n: string): string | undefined => { const i = a.indexOf(n); return i >= 0 ? a[i + 1] : undefined }
  return { job: get('--job')!, recording: get('--recording')!, steps: Number(get('--steps') ?? 200_000), traces: Number(get('--traces') ?? 50), line: Number(get('--line') ?? 35) }
}

const open = (a: Args): Promise<DebugSession> => DebugSession.open({
  jobPath: a.job, recordingPath: a.recording, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false,
})

async function continueMillis(a: Args, withBreakpoint: boolean): Promise<{ millis: number; hit: boolean }> {
  const s = await open(a)
  try {
    // A condition that is never true: Continue runs every step, the line's runs are all checked.
    if (withBreakpoint) await s.setBreakpoints([{ id: 'plain', kind: 'line', line: a.line, condition: 'step < 0' }])
    const t0 = performance.now()
    const r = await s.step({ kind: 'continue' }, a.steps)
    return { millis: performance.now() - t0, hit: r.breakpointHit !== undefined }
  } finally {
    await s.close()
  }
}

async function main(): Promise<void> {
  const a = parse()
  // Alternating, so machine load falls on both alike.
  const none: number[] = []
  const plain: number[] = []
  for (let i = 0; i < 3; i++) {
    none.push((await continueMillis(a, false)).millis)
    plain.push((await continueMillis(a, true)).millis)
  }
  const s = await open(a)
  try {
    await s.step({ kind: 'end' }, a.steps)
    const t0 = performance.now()
    const first = await s.trace(a.steps)
    const firstMs = performance.now() - t0
    const times: number[] = []
    let seed = 7
    for (let i = 0; i < a.traces; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      const step = 1 + (seed % a.steps)
      const t = performance.now()
      await s.trace(step)
      times.push(performance.now() - t)
    }
    // The same steps' seek alone: what a trace costs beyond getting to the step.
    const seeks: number[] = []
    seed = 7
    for (let i = 0; i < a.traces; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      const step = 1 + (seed % a.steps)
      const t = performance.now()
      await s.seek(step)
      seeks.push(performance.now() - t)
    }
    // Continue again in a new session of this worker, now that traces have used (and left) V8's debugger.
    const after: number[] = []
    for (let i = 0; i < 3; i++) after.push((await continueMillis(a, false)).millis)
    const med = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]
    console.log(JSON.stringify({
      steps: a.steps, firstTraceMs: firstMs, firstLines: first.lines, traceMedianMs: med(times), traceMaxMs: Math.max(...times),
      seekMedianMs: med(seeks), continueNoneMs: none, continuePlainLineMs: plain, continueAfterTracesMs: after,
    }))
  } finally {
    await s.close()
  }
}

void main()
