// A golden file whose lines are JSON but not output lines (the recording given as --expect, arguments swapped, or a
// file of something else): riffle test ran the job and printed every recording line as "removed" and every output
// line as "added". It is now refused before the run, exit 2, naming the first such line.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const JOB = join(ROOT, 'examples/running-count.ts')
const CLICKS = join(ROOT, 'recordings/clicks-small.jsonl')

describe('riffle test: a golden file of JSON lines that are not output lines', () => {
  it('the recording as --expect: exit 2 before the run, naming line 1', () => {
    const r = riffle('test', JOB, CLICKS, '--expect', CLICKS)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: ${CLICKS}:1 is not an output line ("{\\"ts\\":1708848000000,\\"user_id\\":\\"u1\\",\\"type\\":\\"view\\",\\"page\\":\\"/p/…"): ` +
      'a golden file holds the lines riffle run --out writes, {"value": V, "timestamp": T} or {"tag": "ID", "value": V, "timestamp": T} ' +
      '(is it the golden file?); fix it, or rewrite it with --update\n')
  })

  it('a later line that is a bare value is named by its line', () => {
    const golden = join(tempDir(), 'g.jsonl')
    writeFileSync(golden, '{"value":["u1",1],"timestamp":null}\n["u2",1]\n')
    const r = riffle('test', JOB, CLICKS, '--expect', golden)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(new RegExp(`^riffle: BAD_ARGUMENT: ${golden.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2 is not an output line \\("\\[\\\\"u2\\\\",1\\]"\\)`))
  })

  it('output lines with a tag, or without a timestamp, are taken', () => {
    const golden = join(tempDir(), 'g.jsonl')
    writeFileSync(golden, '{"value":["u1",1]}\n{"tag":"late","value":1,"timestamp":5}\n')
    const r = riffle('test', JOB, CLICKS, '--expect', golden)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^riffle test: FAILED/)
  })
})
