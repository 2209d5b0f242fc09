// Which recording each example runs over in the tests that compare runs of it (twins, backends, parallelism):
// its own recording, except that a Python example reads only the first lines of clicks.jsonl there.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { root } from './run-cli'

/** The recording each example is written for (README.md lists the pairs), by example name without extension. */
export const OWN_RECORDING: Record<string, string> = {
  'running-count': 'clicks.jsonl', 'sessionizer-fixed': 'clicks.jsonl', 'sessionizer-seed': 'clicks.jsonl',
  'failed-logins': 'logins.jsonl', 'dedup-ttl': 'payments.jsonl',
}

/**
 * How many of clicks.jsonl's 50,000 lines a Python example reads where a test compares two runs of it: a Python
 * job is about ten times slower per event, and the point there is that two runs agree, not the recording's size.
 * Thousands of users' sessions, closed by timers and by the end of input, are still in these lines. logins.jsonl
 * and payments.jsonl (6,000 and 4,000 lines) are read whole.
 */
export const PYTHON_CLICKS_LINES = 5000

let sliceDir: string | null = null
const written = new Set<string>()
afterAll(() => {
  if (sliceDir !== null) rmSync(sliceDir, { recursive: true, force: true })
  sliceDir = null
  written.clear()
})

/** The first `lines` lines of recordings/NAME, written once per test file to a temporary file. */
export function recordingSlice(name: string, lines: number): string {
  sliceDir ??= mkdtempSync(join(tmpdir(), 'riffle-slice-'))
  const path = join(sliceDir, `first-${lines}-${name}`)
  if (!written.has(path)) writeFileSync(path, readFileSync(join(root, 'recordings', name), 'utf8').split('\n').slice(0, lines).join('\n') + '\n')
  written.add(path)
  return path
}

/**
 * The recording job (an examples/ file name, .ts or .py) runs over in the comparing tests: its own recording for a
 * TypeScript example, and for a Python one the same but clicks.jsonl cut to its first PYTHON_CLICKS_LINES lines.
 */
export function comparedRecording(job: string): string {
  const own = OWN_RECORDING[job.replace(/\.(ts|py)$/, '')]
  if (own === undefined) throw new Error(`no recording is listed for ${job} in example-recordings.ts`)
  return job.endsWith('.py') && own === 'clicks.jsonl' ? recordingSlice(own, PYTHON_CLICKS_LINES) : join(root, 'recordings', own)
}
