// A recording with no records (0 bytes, only blank lines, a standard input that closed at once) is a valid, empty
// stream: run and test still exit 0 on it, but one line on standard error says it had no records, so a mistyped or
// truncated capture is noticed; `riffle test` against a non-empty golden file fails saying why, and `riffle trace`
// says the recording is empty rather than "only 0 steps".
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const JOB = join(ROOT, 'examples/running-count.ts')
const CLICKS = join(ROOT, 'recordings/clicks-small.jsonl')

function recording(name: string, text: string): string {
  const p = join(tempDir(), name)
  writeFileSync(p, text)
  return p
}

const noteLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('riffle: note:'))

describe('a recording with no records', () => {
  it('0 bytes: riffle run exits 0, prints no output line, and says on standard error that the recording is empty', () => {
    const rec = recording('empty.jsonl', '')
    const r = riffle('run', JOB, rec, '--out', '-')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('')
    expect(noteLines(r.stderr)).toEqual([`riffle: note: the recording ${rec} has no records (it is empty: 0 bytes), so the job ran on nothing`])
  })

  it('only blank lines: the same, saying it has no record lines', () => {
    const rec = recording('blank.jsonl', '\n\n   \n')
    const r = riffle('run', JOB, rec)
    expect(r.code, r.stderr).toBe(0)
    expect(noteLines(r.stderr)).toEqual([`riffle: note: the recording ${rec} has no records (only blank lines, control lines or a header), so the job ran on nothing`])
  })

  it('standard input that closes at once is named as standard input', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), 'run', JOB, '-'], { cwd: ROOT, encoding: 'utf8', input: '', timeout: 60_000 })
    expect(r.status, r.stderr).toBe(0)
    expect(noteLines(r.stderr)).toEqual(['riffle: note: the recording standard input has no records (it is empty: 0 bytes), so the job ran on nothing'])
  })

  it('a recording with records prints no note', () => {
    const r = riffle('run', JOB, CLICKS)
    expect(r.code, r.stderr).toBe(0)
    expect(noteLines(r.stderr)).toEqual([])
  })

  it('riffle test against a non-empty golden file fails (exit 1) and the note says why the output is empty', () => {
    const golden = join(tempDir(), 'g.jsonl')
    expect(riffle('test', JOB, CLICKS, '--expect', golden, '--update').code).toBe(0)
    const rec = recording('empty.jsonl', '')
    const r = riffle('test', JOB, rec, '--expect', golden)
    expect(r.code, r.stdout + r.stderr).toBe(1)
    expect(r.stdout).toMatch(/^riffle test: FAILED: the output differs from .*g\.jsonl\n {2}expected 40 lines, got 0/)
    expect(noteLines(r.stderr)).toHaveLength(1)
  })

  it('riffle test against an empty golden file passes (exit 0), with the note', () => {
    const golden = recording('g.jsonl', '')
    const r = riffle('test', JOB, recording('empty.jsonl', ''), '--expect', golden)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(noteLines(r.stderr)).toHaveLength(1)
  })

  it('riffle trace says the recording has no records (exit 2), not "only 0 steps"', () => {
    const rec = recording('empty.jsonl', '')
    const r = riffle('trace', JOB, rec, '--step', '1')
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: --step 1: the recording ${rec} has no records (it is empty: 0 bytes), so the run has no steps\n`)
  })

  it('every line bad and skipped: the note says so, in run and in trace (which counts the lines it lists, up to 1000)', () => {
    const rec = recording('bad.jsonl', 'nope\n'.repeat(1500))
    const r = riffle('run', JOB, rec, '--skip-bad-lines')
    expect(r.code, r.stderr).toBe(0)
    expect(noteLines(r.stderr)).toEqual([`riffle: note: the recording ${rec} has no records (its 1500 bad lines were skipped), so the job ran on nothing`])
    const t = riffle('trace', JOB, rec, '--skip-bad-lines', '--step', '1')
    expect(t.code).toBe(2)
    expect(t.stderr).toBe(`riffle: BAD_ARGUMENT: --step 1: the recording ${rec} has no records (its 1000 or more bad lines were skipped), so the run has no steps\n`)
  })
})
