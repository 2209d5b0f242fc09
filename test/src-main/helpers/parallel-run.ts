// `riffle run JOB RECORDING --out FILE --parallelism N` as the parallelism tests compare runs: with the main thread
// routing lines to the subtasks, or (RIFFLE_NO_ROUTE=1, as before routing) every subtask reading the whole
// recording; its output, and its summary and errors without what varies from run to run.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(__dirname, '../../..')

/** `saidRouted`: the summary says the main thread routed the lines (", lines routed"). */
export interface Ran { status: number; out: string; stdout: string; stderr: string; saidRouted: boolean }

let runs = 0

/** Runs the command line from the project root, writing --out into dir. */
export function runParallel(dir: string, job: string, recording: string, parallelism: number, route: boolean, extra: string[] = []): Ran {
  const out = join(dir, `out-${process.pid}-${runs++}.jsonl`)
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), 'run', job, recording, '--out', out, '--parallelism', String(parallelism), ...extra],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, RIFFLE_NO_ROUTE: route ? '0' : '1' } })
  let text = ''
  try { text = readFileSync(out, 'utf8') } catch { /* a failed run writes none */ }
  // The summary without what varies from run to run (time, rate, memory).
  const stdout = r.stdout.split('\n').filter((l) => !/done in|throughput|peak memory/.test(l)).join('\n')
  const stderr = r.stderr.replace(/riffle: done in .*\n/, '').split('\n').filter((l) => !/done in|throughput|peak memory|\.partial/.test(l)).join('\n')
  return { status: r.status ?? -1, out: text, stdout, stderr, saidRouted: /subtasks, lines routed\)/.test(r.stderr) }
}

/** An output's lines, sorted: the multiset of its records. */
export const sortedLines = (text: string): string[] => text.split('\n').filter((l) => l !== '').sort()

/** The first line where two outputs differ (null: none), so a failure shows it rather than diffing megabytes. */
export function firstDifference(a: string, b: string): string | null {
  const x = a.split('\n')
  const y = b.split('\n')
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return `line ${i + 1}: ${x[i]} <> ${y[i]}`
  return null
}
