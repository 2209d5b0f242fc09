// A run killed with kill -9 before it emitted anything (during a long first step, or `riffle test --update` killed
// while the job runs: the golden file's temporary sibling is made before the run) leaves an empty temporary file.
// The next run kept it as OUT.partial, an empty file that said a run had lost output, and that replaced an earlier
// failed run's real partial. An empty one is now removed, as a run that fails before emitting writes no OUT.partial.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const JOB = join(ROOT, 'examples/running-count.ts')
const REC = join(ROOT, 'recordings/clicks-small.jsonl')

describe('an empty temporary file left by a killed run', () => {
  it.each([
    ['--out', (d: string) => ['run', JOB, REC, '--out', join(d, 'g.jsonl')]],
    ['--expect with --update', (d: string) => ['test', JOB, REC, '--expect', join(d, 'g.jsonl'), '--update']],
  ])('%s: removed by the next run, no empty .partial; an earlier real .partial stays', (_what, args) => {
    const d = tempDir()
    writeFileSync(join(d, 'g.jsonl.partial'), '{"value":1,"timestamp":null}\n')
    writeFileSync(join(d, '.g.jsonl.tmp-999999999-abcd'), '')
    const r = riffle(...args(d))
    expect(r.code, r.stderr).toBe(0)
    expect(readFileSync(join(d, 'g.jsonl.partial'), 'utf8')).toBe('{"value":1,"timestamp":null}\n')
    expect(existsSync(join(d, '.g.jsonl.tmp-999999999-abcd'))).toBe(false)
    expect(readdirSync(d).sort()).toEqual(['g.jsonl', 'g.jsonl.partial'])
  })
})
