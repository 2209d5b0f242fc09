// A --skip-bad-lines run that later fails (the job throws) says which bad lines it skipped before the failure, as
// the summary of a run that ended does: it said nothing of them. Lines the reader read ahead past the failing record
// were never reached, and are not named.
import { describe, expect, it } from 'vitest'
import { buildRiffleOnce, riffle } from '../helpers/riffle-cli'
import { RIFFLE, writeCase } from '../helpers/run-inline'

buildRiffleOnce()

const job = `${RIFFLE}class F extends KeyedProcessFunction<string, any, any> {
  processElement(e: any, ctx: any, out: any) {
    if (e.n === 5) throw new Error('boom at 5')
    out.collect(e.n)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new F())
`
const lines = [{ k: 'a', n: 1 }, 'not json', { k: 'a', n: 2 }, '{bad', { k: 'a', n: 5 }, { k: 'a', n: 6 }, 'bad after']

describe('a --skip-bad-lines run that fails', () => {
  it.each([['1'], ['2']])('names the bad lines it skipped before the failure, after the error (--parallelism %s)', (parallelism) => {
    const c = writeCase(job, lines)
    const r = riffle('run', c.jobPath, c.recordingPath, '--skip-bad-lines', '--parallelism', parallelism)
    expect(r.code).toBe(1)
    const err = r.stderr.split('\n')
    const at = err.findIndex((l) => l.startsWith('riffle: JOB_THREW: processElement threw Error: boom at 5'))
    expect(at).toBeGreaterThanOrEqual(0)
    expect(err.slice(at + 1)).toEqual(expect.arrayContaining([
      '  bad lines skipped before it: 2',
      `    ${c.recordingPath}:2: not JSON (Unexpected token 'o', "not json" is not valid JSON)`,
      expect.stringMatching(new RegExp(`^    ${c.recordingPath}:4: not JSON`)),
    ]))
    // Line 7 comes after the record that failed: read ahead, never reached.
    expect(r.stderr).not.toContain(`${c.recordingPath}:7`)
  })

  it('says nothing of bad lines when none was skipped', () => {
    const c = writeCase(job, lines.filter((l) => typeof l !== 'string'))
    const r = riffle('run', c.jobPath, c.recordingPath, '--skip-bad-lines')
    expect(r.code).toBe(1)
    expect(r.stderr).not.toContain('bad lines')
  })
})
