// --stop-after N beyond the end of the recording: the run went to the end (end-of-input timers fired, a savepoint of
// the finished run written) and the summary said nothing of the N that was never reached, so a user who meant to
// resume later from record N found nothing left to resume. The summary now says so, one line; the run is unchanged.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const JOB = join(ROOT, 'examples/running-count.ts')

describe('--stop-after past the end of the recording', () => {
  it('exit 0, the whole recording run, and one summary line saying N was not reached', () => {
    const d = tempDir()
    const rec = join(d, 'three.jsonl')
    writeFileSync(rec, ['{"ts":1,"user_id":"u1"}', '{"ts":2,"user_id":"u2"}', '{"ts":3,"user_id":"u1"}', ''].join('\n'))
    const r = riffle('run', JOB, rec, '--stop-after', '5', '--savepoint-out', join(d, 'sp'))
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/records in: {6}3\n/)
    expect(r.stderr).toContain('\n  --stop-after 5 was not reached: the recording has 3 records, and the run went to its end\n')
    expect(r.stderr).not.toContain('stopped after')
    const exact = riffle('run', JOB, rec, '--stop-after', '3')
    expect(exact.stderr).not.toContain('was not reached')
  })
})
