// Paths the command line writes on a read-only file system (a read-only tmpfs; the cases skip, saying so, where
// mounting is refused, and as root a chmod'ed folder would not stop a write): each is refused before the run, exit
// 2, in one line that names the folder and says why in words, as a --state-dir there said only Node's
// "EROFS: read-only file system, open 'DIR/riffle-state.json'".
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const JOB = join(ROOT, 'examples/running-count.ts')
const REC = join(ROOT, 'recordings/clicks-small.jsonl')

let ro: string | null = null
let refused = ''
beforeAll(() => {
  const at = join(tempDir(), 'read-only')
  mkdirSync(at)
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', at], { encoding: 'utf8' })
  if (r.status === 0) ro = at
  else refused = `mounting a read-only tmpfs was refused (${(r.stderr || r.error?.message || '').trim()})`
})
afterAll(() => { if (ro !== null) spawnSync('umount', [ro]) })

describe('a read-only folder', () => {
  it.for([
    ['--state-dir that is the read-only folder itself (empty)', (d: string) => ['--backend', 'leveldb', '--state-dir', d],
      (d: string) => `riffle: BAD_ARGUMENT: cannot use state directory ${d}: a file cannot be created in it: the file system is read-only (EROFS)\n`],
    ['--state-dir inside it', (d: string) => ['--backend', 'leveldb', '--state-dir', join(d, 'state')],
      (d: string) => `riffle: BAD_ARGUMENT: cannot use state directory ${join(d, 'state')}: cannot create a folder in ${d}: the file system is read-only (EROFS)\n`],
    ['--savepoint-out inside it', (d: string) => ['--savepoint-out', join(d, 'sp')],
      (d: string) => `riffle: BAD_ARGUMENT: --savepoint-out: cannot write a savepoint to ${join(d, 'sp')}: cannot create a folder in ${d}: the file system is read-only (EROFS)\n`],
  ] as const)('%s: exit 2 before the run, in words', ([, args, message], ctx) => {
    if (ro === null) return ctx.skip(refused)
    const r = riffle('run', JOB, REC, ...args(ro))
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toBe(message(ro))
    expect(readdirSync(ro)).toEqual([])
  })
})
