// Standard output or error on a full device (/dev/full; a full disk under `> file`): writing --help, --version or
// riffle test's verdict there threw from Riffle's own EPIPE handler (a Node stack trace, exit 1, which says the job
// threw), and a run that succeeded with standard error full exited 1 as well. Now a full standard output is said in one
// line on standard error (exit 3, the output is incomplete), and a full standard error leaves the status as it is.
import { spawnSync } from 'node:child_process'
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildRiffleOnce, ROOT } from '../helpers/riffle-cli'
import { tempDir } from '../helpers/run-inline'

buildRiffleOnce()

const JOB = join(ROOT, 'examples/running-count.ts')
const REC = join(ROOT, 'recordings/clicks-small.jsonl')

/** riffle with standard output (fd 1) or standard error (fd 2) on /dev/full; the other one captured. */
function ontoFull(fd: 1 | 2, args: string[]): { status: number | null; other: string } {
  const full = openSync('/dev/full', 'w')
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', fd === 1 ? full : 'pipe', fd === 2 ? full : 'pipe'],
  })
  return { status: r.status, other: (fd === 1 ? r.stderr : r.stdout) ?? '' }
}

const FULL_LINE = 'riffle: OUTPUT_WRITE_FAILED: writing standard output failed: no space left on device (ENOSPC)\n'

describe.skipIf(!existsSync('/dev/full'))('a full standard stream', () => {
  for (const args of [['--help'], ['--version'], ['run', '--help']]) {
    it(`riffle ${args.join(' ')} > /dev/full: one line on standard error, exit 3, no stack`, () => {
      const r = ontoFull(1, args)
      expect(r.other).toBe(FULL_LINE)
      expect(r.status).toBe(3)
    })
  }

  it('riffle test whose verdict (ok) cannot be written: the summary, the line, exit 3', () => {
    const golden = join(tempDir(), 'golden.jsonl')
    expect(spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), 'test', JOB, REC, '--expect', golden, '--update'], { cwd: ROOT }).status).toBe(0)
    const r = ontoFull(1, ['test', JOB, REC, '--expect', golden])
    expect(r.other).toContain(FULL_LINE)
    expect(r.other).not.toMatch(/^\s+at /m)
    expect(r.status).toBe(3)
  }, 120_000)

  it('riffle run with standard error full: the run\'s own status (0), its --out written', () => {
    const out = join(tempDir(), 'out.jsonl')
    writeFileSync(out, '')
    const r = ontoFull(2, ['run', JOB, REC, '--out', out])
    expect(r.status).toBe(0)
    expect(readFileSync(out, 'utf8').split('\n').filter(Boolean)).toHaveLength(40)
  }, 120_000)

  // The advice was 'write --out to another disk': riffle trace refuses --out, and `--out -` already is standard output.
  for (const args of [['trace', JOB, REC, '--step', '1'], ['run', JOB, REC, '--out', '-']]) {
    it(`riffle ${args[0]} ${args.slice(3).join(' ')} > /dev/full: the advice is about standard output, not --out`, () => {
      const r = ontoFull(1, args)
      expect(r.status).toBe(3)
      expect(r.other).toContain('riffle: OUTPUT_WRITE_FAILED: no space left on the device of standard output (ENOSPC) after 0 output lines; free some space or redirect standard output to another disk, then run again\n')
    }, 120_000)
  }
})
