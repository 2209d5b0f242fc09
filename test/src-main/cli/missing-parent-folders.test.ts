// One rule for every path the command line writes (--out, the golden file of --update, --savepoint-out, --state-dir):
// Riffle makes the file or folder named, never the folders above it, as mkdir and a shell's `>` do, so a mistyped
// folder is refused before the run (exit 2, one line naming the missing folder) instead of receiving the output. Before,
// --savepoint-out and --state-dir made any missing folders while --out refused them.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const JOB = join(ROOT, 'examples/running-count.ts')
const REC = join(ROOT, 'recordings/clicks-small.jsonl')

/** Each writing option with a path under `folder`, and how its refusal starts. */
function targets(folder: string): [string, string[], string][] {
  return [
    ['--out', ['run', JOB, REC, '--out', join(folder, 'o.jsonl')], `cannot write --out ${join(folder, 'o.jsonl')}: `],
    ['--expect with --update', ['test', JOB, REC, '--expect', join(folder, 'g.jsonl'), '--update'], `--expect ${join(folder, 'g.jsonl')}: `],
    ['--savepoint-out', ['run', JOB, REC, '--savepoint-out', join(folder, 'sp')], `--savepoint-out: cannot write a savepoint to ${join(folder, 'sp')}: `],
    ['--state-dir', ['run', JOB, REC, '--backend', 'leveldb', '--state-dir', join(folder, 'state')], `cannot use state directory ${join(folder, 'state')}: `],
  ]
}

describe('a path whose folder does not exist', () => {
  it.each(targets('PLACEHOLDER').map(([flag]) => flag))('%s: exit 2 before the run, naming the missing folder; nothing is created', (flag) => {
    const d = tempDir()
    const missing = join(d, 'typo', 'deeper')
    const [, args, start] = targets(missing).find(([f]) => f === flag)!
    const r = riffle(...args)
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: ${start}its folder ${missing} does not exist\n`)
    expect(existsSync(join(d, 'typo'))).toBe(false)
  })

  it.each(targets('PLACEHOLDER').map(([flag]) => flag))('%s: a file on the way is named as not a folder', (flag) => {
    const d = tempDir()
    const file = join(d, 'notes.txt')
    writeFileSync(file, 'mine')
    const [, args, start] = targets(join(file, 'a'))!.find(([f]) => f === flag)!
    const r = riffle(...args)
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: ${start}${file} is not a folder\n`)
  })

  it.each(targets('PLACEHOLDER').map(([flag]) => flag))('%s: in a folder that exists, the file or folder named is made', (flag) => {
    const d = tempDir()
    mkdirSync(join(d, 'there'))
    const [, args] = targets(join(d, 'there')).find(([f]) => f === flag)!
    const r = riffle(...args)
    expect(r.code, r.stderr).toBe(0)
    const made = { '--out': 'o.jsonl', '--expect with --update': 'g.jsonl', '--savepoint-out': 'sp', '--state-dir': 'state' }[flag]!
    expect(existsSync(join(d, 'there', made))).toBe(true)
  })
})
