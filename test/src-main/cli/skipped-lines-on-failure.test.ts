// A --skip-bad-lines run that later fails (the job throws, the watchdog stops it, it calls process.exit) says which
// bad lines it skipped before the failure, as the summary of a run that ended does: it said nothing of them. Lines
// the reader read ahead past the failing record were never reached, and are not named.
import { describe, expect, it } from 'vitest'
import { buildRiffleOnce, riffle } from '../helpers/riffle-cli'
import { RIFFLE, writeCase } from '../helpers/run-inline'

buildRiffleOnce()

/** A job that fails at the record with n 5: by throwing, looping for ever, or calling process.exit. */
const jobFailingBy = (failure: string): string => `${RIFFLE}class F extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) {
    if (e.n === 5) ${failure}
    out.collect(e.n)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`
const job = jobFailingBy(`throw new Error('boom at 5')`)
const lines = [{ k: 'a', n: 1 }, 'not json', { k: 'a', n: 2 }, '{bad', { k: 'a', n: 5 }, { k: 'a', n: 6 }, 'bad after']

/** The run's standard error names lines 2 and 4 after the error line that starts with `error`, and not line 7. */
function expectSkippedAfter(stderr: string, error: string, recordingPath: string): void {
  const err = stderr.split('\n')
  const at = err.findIndex((l) => l.startsWith(error))
  expect(at, stderr).toBeGreaterThanOrEqual(0)
  expect(err.slice(at + 1)).toEqual(expect.arrayContaining([
    '  bad lines skipped before it: 2',
    `    ${recordingPath}:2: not JSON (Unexpected token 'o', "not json" is not valid JSON)`,
    expect.stringMatching(new RegExp(`^    ${recordingPath}:4: not JSON`)),
  ]))
  // Line 7 comes after the record that failed: read ahead, never reached.
  expect(stderr).not.toContain(`${recordingPath}:7`)
}

describe('a --skip-bad-lines run that fails', () => {
  it.each([['1'], ['2']])('names the bad lines it skipped before the failure, after the error (--parallelism %s)', (parallelism) => {
    const c = writeCase(job, lines)
    const r = riffle('run', c.jobPath, c.recordingPath, '--skip-bad-lines', '--parallelism', parallelism)
    expect(r.code).toBe(1)
    expectSkippedAfter(r.stderr, 'riffle: JOB_THREW: processElement threw Error: boom at 5', c.recordingPath)
  })

  // The watchdog stops the worker from outside: the worker cannot say then what it skipped, so it says it as it reads.
  it.each([['1'], ['2']])('stopped by the watchdog, names them the same way (--parallelism %s)', (parallelism) => {
    const c = writeCase(jobFailingBy('for (;;) { /* stuck */ }'), lines)
    const r = riffle('run', c.jobPath, c.recordingPath, '--skip-bad-lines', '--watchdog-ms', '1000', '--parallelism', parallelism)
    expect(r.code).toBe(1)
    expectSkippedAfter(r.stderr, `riffle: JOB_TIMEOUT: the job's code did not return within 1,000 ms while processing ${c.recordingPath}:5`, c.recordingPath)
  })

  it('whose worker exited (process.exit in the job), names them the same way', () => {
    const c = writeCase(jobFailingBy('process.exit(7)'), lines)
    const r = riffle('run', c.jobPath, c.recordingPath, '--skip-bad-lines')
    expect(r.code).toBe(3)
    expectSkippedAfter(r.stderr, `riffle: WORKER_DIED: The session's worker exited with code 7 while processing ${c.recordingPath}:5`, c.recordingPath)
  })

  it('says nothing of bad lines when none was skipped', () => {
    const c = writeCase(job, lines.filter((l) => typeof l !== 'string'))
    const r = riffle('run', c.jobPath, c.recordingPath, '--skip-bad-lines')
    expect(r.code).toBe(1)
    expect(r.stderr).not.toContain('bad lines')
  })
})
