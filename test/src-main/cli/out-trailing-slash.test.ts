// An --out (or --update's golden file, or export's --out) written with a trailing slash names a folder: `--out
// results/` wrote a file named "results" (exit 0), and `--expect golden/ --update` one named "golden". It is now
// refused before the run, exit 2, and nothing is written.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const JOB = join(ROOT, 'examples/running-count.ts')
const REC = join(ROOT, 'recordings/clicks-small.jsonl')

describe('an output path that ends in /', () => {
  it.each([
    ['run --out', (p: string) => ['run', JOB, REC, '--out', p], '--out'],
    ['test --expect --update', (p: string) => ['test', JOB, REC, '--expect', p, '--update'], '--expect'],
    ['export --out', (p: string) => ['export', join(ROOT, 'examples/running-count.py'), '--source', 'file', '--path', 'x', '--out', p], '--out'],
  ])('%s: exit 2, saying a name ending in / is a folder; nothing written', (_what, args, flag) => {
    const d = tempDir()
    const p = `${join(d, 'results')}/`
    const r = riffle(...args(p))
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr.endsWith(`cannot write ${flag} ${p}: it ends in /, which names a folder, and ${flag} is a file: add the file's name\n`), r.stderr).toBe(true)
    expect(existsSync(join(d, 'results'))).toBe(false)
    expect(readdirSync(d)).toEqual([])
  })
})
