// `npx riffle run` over a recording with bad lines (docs/command-line.md): exit 2 with file:line: reason, or
// counted and listed with --skip-bad-lines; JSON nested too deep and a timestamp past MAX_TIMESTAMP are bad lines.
import { describe, expect, it } from 'vitest'
import { writeCase } from '../helpers/run-inline'
import { scriptJob } from '../helpers/script-job'
import { buildRiffleOnce, riffle, SCRIPT_LINES } from '../helpers/riffle-cli'

const lines = SCRIPT_LINES
buildRiffleOnce()

describe('riffle run: exit codes', () => {
  it('a bad recording line exits 2 with file:line: reason', () => {
    const c = writeCase(scriptJob(), [lines[0], '{"k": "b", ts: oops}', lines[2]])
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('BAD_LINE')
    expect(r.stderr).toContain(`${c.recordingPath}:2`)
  })

  it('--skip-bad-lines counts and lists the bad lines and finishes with exit 0', () => {
    const c = writeCase(scriptJob(), [lines[0], '{"k": "b", ts: oops}', lines[1], 'not json at all', lines[2]])
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-', '--skip-bad-lines')
    expect(r.code).toBe(0)
    expect(r.stdout.trim().split('\n')).toHaveLength(5)
    expect(r.stderr).toMatch(/bad lines skipped: 2/)
    expect(r.stderr).toContain(`${c.recordingPath}:2: `)
    expect(r.stderr).toContain(`${c.recordingPath}:4: `)
    expect(r.stderr).toMatch(/records in:\s+3\n/)
  })

  it('JSON nested 20 000 deep and a timestamp beyond MAX_TIMESTAMP are bad lines with file:line: reason, skippable', () => {
    const deep = '{"k":'.repeat(20_000) + '1' + '}'.repeat(20_000)
    const c = writeCase(scriptJob(), [lines[0], deep, { k: 'b', ts: 1e300 }, lines[2]])
    const stopped = riffle('run', c.jobPath, c.recordingPath)
    expect(stopped.code).toBe(2)
    expect(stopped.stderr).toContain(`riffle: BAD_LINE: ${c.recordingPath}:2: JSON nested more than 500 levels deep`)
    const r = riffle('run', c.jobPath, c.recordingPath, '--skip-bad-lines')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/bad lines skipped: 2/)
    expect(r.stderr).toContain(`${c.recordingPath}:2: JSON nested more than 500 levels deep`)
    expect(r.stderr).toContain(`${c.recordingPath}:3: the timestamp assigner returned 1e+300, above 2^53, beyond MAX_TIMESTAMP`)
    expect(r.stderr).toMatch(/records in:\s+2\n/)
  })
})
