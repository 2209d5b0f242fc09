// `async def job(events):` on the command line: it printed Python's "RuntimeWarning: coroutine 'job' was never awaited"
// from Riffle's own /riffle/python/_riffle.py, then "job(events) must return the DataStream ..., got coroutine",
// which did not say that the async was the problem.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildRiffleOnce, riffle } from '../helpers/riffle-cli'
import { tempDir } from '../helpers/run-inline'

buildRiffleOnce()

describe('an async def job(events)', () => {
  it('is refused (exit 2) at its def line, saying to make it a plain def, with no RuntimeWarning', () => {
    const dir = tempDir()
    const job = join(dir, 'job.py')
    const rec = join(dir, 'rec.jsonl')
    writeFileSync(job, 'import json\n\nasync def job(events):\n    return events\n')
    writeFileSync(rec, '{"user": "a"}\n')
    const r = riffle('run', job, rec)
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toContain(`${job}:3: job(events) must return the DataStream that is the job's output, got a coroutine (job is an async def: make it a plain def)`)
    expect(r.stderr).not.toContain('RuntimeWarning')
    expect(r.stderr).not.toContain('_riffle')
  }, 120_000)
})
