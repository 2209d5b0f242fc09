// TMPDIR naming a folder that is not there (or a file): every command that needs a temporary folder (the run's worker,
// a copy of standard input, --parallelism's subtask files, riffle test's output) ended with "riffle: INTERNAL: Error:
// ENOENT ... mkdtemp" and Riffle's stack, exit 2, as if Riffle had a bug. Now one line that names TMPDIR and what to do,
// exit 3 (a reason outside the job and its input), and no file left beside --out.
import { spawnSync } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildRiffleOnce, ROOT } from '../helpers/riffle-cli'
import { tempDir } from '../helpers/run-inline'

buildRiffleOnce()

const JOB = join(ROOT, 'examples/running-count.ts')
const REC = join(ROOT, 'recordings/clicks-small.jsonl')

function withTmpdir(tmp: string, args: string[], input?: string): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, input, env: { ...process.env, TMPDIR: tmp } })
  return { status: r.status, stderr: r.stderr }
}

describe('a TMPDIR that cannot hold a temporary folder', () => {
  const dir = tempDir()
  const missing = join(dir, 'no-such-folder')
  const file = join(dir, 'a-file')
  writeFileSync(file, 'not a folder\n')
  const golden = join(tempDir(), 'golden.jsonl')
  writeFileSync(golden, '{"value":["u1",1],"timestamp":null}\n')
  const out = join(dir, 'out.jsonl')
  const cases: Array<[string, string, string[], string?]> = [
    ['riffle run', missing, ['run', JOB, REC, '--out', out]],
    ['riffle run --backend leveldb', file, ['run', JOB, REC, '--backend', 'leveldb']],
    ['riffle run - (standard input)', missing, ['run', JOB, '-'], '{"ts":1,"user_id":"u1"}\n'],
    ['riffle run --parallelism 2', missing, ['run', JOB, REC, '--parallelism', '2', '--out', out]],
    ['riffle test', missing, ['test', JOB, REC, '--expect', golden]],
    ['riffle trace', missing, ['trace', JOB, REC, '--step', '1']],
  ]
  for (const [name, tmp, args, input] of cases) {
    it(`${name}: one line naming TMPDIR, exit 3, no stack, nothing left beside --out`, () => {
      const r = withTmpdir(tmp, args, input)
      expect(r.stderr).not.toContain('INTERNAL')
      expect(r.stderr).not.toMatch(/^\s+at /m)
      expect(r.stderr).toContain(`riffle: TEMP_FOLDER_FAILED: cannot make a temporary folder in ${tmp} (TMPDIR): `)
      expect(r.stderr).toContain('set TMPDIR to a folder you can write')
      expect(r.status, r.stderr).toBe(3)
      expect(readdirSync(dir).sort()).toEqual(['a-file'])
    }, 120_000)
  }
})
