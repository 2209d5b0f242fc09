// Test helper: writes a job source and a JSONL recording to a temp folder and runs them in-process,
// either through runJob (collecting the --out lines, as `riffle run` writes them) or as a DebugSession
// (for stepping and inspection), so a behaviour test reads like the rule it checks.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { runJob, type RunSummary } from '../../../src-main/cli/run-job'
import { DebugSession } from '../../../src-main/debugger/debug-session'
import type { ProcessingTimeMode } from '../../../src-main/common/views'

/** Every name the job API exports, so inline jobs can start with `${RIFFLE}`. */
export const RIFFLE = `import {
  KeyedProcessFunction, ValueStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor,
  AggregatingStateDescriptor, StateTtlConfig, Types, WatermarkStrategy, Duration, Time, OutputTag, TimeDomain,
  MIN_TIMESTAMP, MAX_TIMESTAMP,
} from 'riffle'
`

/** A job that counts each key's records (e.k) in value state `n` and outputs [key, count] for each record. */
export const COUNT_JOB = `${RIFFLE}class Count extends KeyedProcessFunction<any, any, any> {
  n!: ValueState<number>
  open(ctx: RuntimeContext) { this.n = ctx.getState(new ValueStateDescriptor('n', Types.LONG)) }
  processElement(e: any, ctx: any, out: any) {
    const n = (this.n.value() ?? 0) + 1
    this.n.update(n)
    out.collect([e.k, n])
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Count())
`

export interface InlineOptions {
  processingTime?: ProcessingTimeMode
  drainProcessingTimers?: boolean
  skipBadLines?: boolean
  /** File name of the recording (its extension picks the format). */
  recordingName?: string
  /** File name of the job (.ts or .js). */
  jobName?: string
  /** Extra files next to the job (modules it imports), by file name. */
  files?: Record<string, string>
}

/** One line of --out, parsed. */
export interface OutLine { tag?: string; value: unknown; timestamp: number | null }

export interface InlineResult { out: OutLine[]; raw: string; summary: RunSummary }

const dirs: string[] = []
afterAll(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }) })

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'riffle-test-'))
  dirs.push(d)
  return d
}

/** A recording line: an object/number is written as JSON, a string as is (for bad lines, kcat envelopes). */
export type RecLine = unknown

export function writeCase(job: string, lines: RecLine[], o: InlineOptions = {}): { dir: string; jobPath: string; recordingPath: string } {
  const dir = tempDir()
  const jobPath = join(dir, o.jobName ?? 'job.ts')
  const recordingPath = join(dir, o.recordingName ?? 'rec.jsonl')
  writeFileSync(jobPath, job)
  for (const [name, text] of Object.entries(o.files ?? {})) writeFileSync(join(dir, name), text)
  writeFileSync(recordingPath, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n')
  return { dir, jobPath, recordingPath }
}

/** Runs the job to the end as `riffle run --out FILE` does and returns the parsed output lines. */
export async function runInline(job: string, lines: RecLine[], o: InlineOptions = {}): Promise<InlineResult> {
  const c = writeCase(job, lines, o)
  const outPath = join(c.dir, 'out.jsonl')
  const summary = await runJob({
    jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', out: outPath,
    processingTime: o.processingTime ?? 'follow', drainProcessingTimers: o.drainProcessingTimers ?? false,
    skipBadLines: o.skipBadLines ?? false,
  })
  const raw = readFileSync(outPath, 'utf8')
  const out = raw.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as OutLine)
  return { out, raw, summary }
}

/** The values of the main output only. */
export function mainValues(r: InlineResult): unknown[] {
  return r.out.filter((l) => l.tag === undefined).map((l) => l.value)
}

/** Opens a DebugSession over the job and recording (heap backend). Close it in the test. */
export async function openInline(job: string, lines: RecLine[], o: InlineOptions = {}): Promise<DebugSession> {
  const c = writeCase(job, lines, o)
  return DebugSession.open({
    jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap',
    processingTime: o.processingTime ?? 'follow', drainProcessingTimers: o.drainProcessingTimers ?? false,
    skipBadLines: o.skipBadLines ?? false,
    // The job's output stays in the session (its Console, a trace): not in the test run's own output.
    echoJobOutput: false,
  })
}

/** Expects runInline to fail and returns the error (with its code, where and input). */
export async function runInlineError(job: string, lines: RecLine[], o: InlineOptions = {}): Promise<{ code: string; message: string; where?: { file: string; line: number; column?: number }; input?: { line: number; value: unknown } }> {
  try {
    await runInline(job, lines, o)
  } catch (e) {
    return e as { code: string; message: string }
  }
  throw new Error('expected the run to fail, but it finished')
}
