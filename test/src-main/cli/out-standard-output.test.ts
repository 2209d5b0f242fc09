// An --out that is standard output (`-`, /dev/stdout, or the very file standard output was redirected to). riffle
// test: the output lines are the data on standard output and the verdict goes to standard error, as run's summary
// does (before, --out - was refused and --out /dev/stdout mixed the lines into the verdict, or, with standard output a
// pipe, hung for ever reading its own pipe back). riffle run: written straight to standard output, not replaced by
// a renamed file (before, `--out /dev/stdout >> log.jsonl` replaced log.jsonl, losing what it held).
import { spawnSync } from 'node:child_process'
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const JOB = 'examples/running-count.ts'
const REC = 'recordings/clicks-small.jsonl'

/** The recording's output and a golden file holding it. */
function golden(): { dir: string; golden: string; lines: string } {
  const dir = tempDir()
  const lines = riffle('run', JOB, REC, '--out', '-').stdout
  expect(lines.split('\n').length).toBeGreaterThan(10)
  writeFileSync(join(dir, 'golden.jsonl'), lines)
  return { dir, golden: join(dir, 'golden.jsonl'), lines }
}

/** riffle ARGS with standard output appended to `file` (as a shell's >> does). */
function appendingTo(file: string, ...args: string[]): { code: number | null; stderr: string } {
  const fd = openSync(file, 'a')
  try {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', fd, 'pipe'] })
    return { code: r.status, stderr: r.stderr }
  } finally {
    closeSync(fd)
  }
}

describe('riffle test --out standard output', () => {
  it.each(['-', '/dev/stdout'])('--out %s: the output lines alone on standard output, the verdict on standard error', (out) => {
    const g = golden()
    const r = riffle('test', JOB, REC, '--expect', g.golden, '--out', out)
    expect(r.stdout).toBe(g.lines)
    expect(r.stderr).toMatch(/^riffle test: ok: \d+ output lines match /m)
    expect(r.code).toBe(0)
  })

  it('a difference: exit 1, the lines on standard output, the diff on standard error', () => {
    const g = golden()
    writeFileSync(g.golden, g.lines.split('\n').slice(1).join('\n'))
    const r = riffle('test', JOB, REC, '--expect', g.golden, '--out', '-')
    expect(r.stdout).toBe(g.lines)
    expect(r.stderr).toMatch(/^riffle test: /m)
    expect(r.stderr).not.toMatch(/ok:/)
    expect(r.code).toBe(1)
  })

  it('--update --out -: the golden file written, the lines printed, the report on standard error', () => {
    const g = golden()
    const fresh = join(g.dir, 'fresh.jsonl')
    const r = riffle('test', JOB, REC, '--expect', fresh, '--update', '--out', '-')
    expect(r.stdout).toBe(g.lines)
    expect(r.stderr).toContain(`riffle test: wrote ${g.lines.split('\n').length - 1} output lines to ${fresh}`)
    expect(readFileSync(fresh, 'utf8')).toBe(g.lines)
    expect(r.code).toBe(0)
  })

  it('--out /dev/stdout with standard output appended to a file: the lines follow what the file held', () => {
    const g = golden()
    const log = join(g.dir, 'log.jsonl')
    writeFileSync(log, 'kept\n')
    const r = appendingTo(log, 'test', JOB, REC, '--expect', g.golden, '--out', '/dev/stdout')
    expect(r.stderr).toMatch(/riffle test: ok:/)
    expect(r.code).toBe(0)
    expect(readFileSync(log, 'utf8')).toBe(`kept\n${g.lines}`)
  })
})

describe('riffle test --expect standard output', () => {
  // Compared, it read its own standard output back (a pipe: blocked for ever, deaf to SIGTERM); updated, the golden
  // lines and "riffle test: wrote ..." shared standard output. Refused as --expect - is.
  it.each(['compared', 'with --update'])('--expect /dev/stdout, %s: refused before the run, exit 2', (how) => {
    const extra = how === 'compared' ? [] : ['--update']
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), 'test', JOB, REC, '--expect', '/dev/stdout', ...extra], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 })
    expect(r.stderr).toBe('riffle: BAD_ARGUMENT: --expect /dev/stdout is standard output, not a golden file: give a file, or a pipe as a file (--expect <(git show main:golden.jsonl)); to print the output, --out -\n')
    expect(r.stdout).toBe('')
    expect(r.status).toBe(2)
  })
})

describe('riffle run --out standard output', () => {
  it('--out /dev/stdout >> log.jsonl: appended to what log.jsonl held, not written over it', () => {
    const g = golden()
    const log = join(g.dir, 'log.jsonl')
    writeFileSync(log, 'kept\n')
    const r = appendingTo(log, 'run', JOB, REC, '--out', '/dev/stdout')
    expect(r.code).toBe(0)
    expect(readFileSync(log, 'utf8')).toBe(`kept\n${g.lines}`)
  })
})

describe('--out - with standard output redirected to what the run reads', () => {
  // `riffle run JOB rec.jsonl --out - >> rec.jsonl` read its own output back as records (and failed on the first, or,
  // with a job that passes records through, would have grown the file for ever), as `cat f >> f` would.
  it.each([
    ['run: the recording', (rec: string, job: string) => ['run', job, rec, '--out', '-'], 'the recording'],
    ['test: the recording', (rec: string, job: string) => ['test', job, rec, '--expect', join(ROOT, 'recordings/clicks-small.jsonl'), '--out', '-'], 'the recording'],
    ['run: the job', (rec: string, job: string) => ['run', job, rec, '--out', '-'], 'the job'],
  ] as const)('%s: refused before the run, exit 2, the file unchanged', (_what, args, guarded) => {
    const d = tempDir()
    const rec = join(d, 'rec.jsonl')
    const job = join(d, 'job.ts')
    writeFileSync(rec, readFileSync(join(ROOT, REC)))
    writeFileSync(job, readFileSync(join(ROOT, JOB)))
    const target = guarded === 'the job' ? job : rec
    const before = readFileSync(target, 'utf8')
    const r = appendingTo(target, ...args(rec, job))
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: --out - is standard output, which is redirected to ${guarded} (${target}): writing it would destroy it, as cat FILE >> FILE would: redirect it to another file\n`)
    expect(r.code).toBe(2)
    expect(readFileSync(target, 'utf8')).toBe(before)
  })
})

describe('a verdict or a trace on standard output redirected to what the run reads', () => {
  // `riffle test JOB rec.jsonl --expect g.jsonl >> rec.jsonl` (no --out) appended its verdict line to the recording
  // after the run, and `riffle trace ... >> rec.jsonl` its trace: the next run of that recording failed on a bad line.
  const testArgs = (rec: string, job: string, g: string): string[] => ['test', job, rec, '--expect', g]
  const traceArgs = (rec: string, job: string): string[] => ['trace', job, rec, '--step', '1']
  it.each([
    ['test >> the recording', testArgs, 'the recording', 'riffle test writes its verdict to standard output'],
    ['test >> the golden file', testArgs, 'the golden file of --expect', 'riffle test writes its verdict to standard output'],
    ['trace >> the recording', traceArgs, 'the recording', 'riffle trace writes the trace to standard output'],
  ] as const)('%s: refused before the run, exit 2, the file unchanged', (_what, args, guarded, writer) => {
    const d = tempDir()
    const rec = join(d, 'rec.jsonl')
    const job = join(d, 'job.ts')
    const g = join(d, 'golden.jsonl')
    writeFileSync(rec, readFileSync(join(ROOT, REC)))
    writeFileSync(job, readFileSync(join(ROOT, JOB)))
    writeFileSync(g, '')
    const target = guarded === 'the recording' ? rec : g
    const before = readFileSync(target, 'utf8')
    const r = appendingTo(target, ...args(rec, job, g))
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: ${writer}, which is redirected to ${guarded} (${target}): writing it would destroy it, as cat FILE >> FILE would: redirect it to another file\n`)
    expect(r.code).toBe(2)
    expect(readFileSync(target, 'utf8')).toBe(before)
  })

  it('test with --out - sends the verdict to standard error: standard output appended to a log of its own is fine', () => {
    const d = tempDir()
    const log = join(d, 'log.jsonl')
    writeFileSync(log, '')
    const r = appendingTo(log, 'test', JOB, REC, '--expect', join(d, 'missing-golden.jsonl'), '--out', '-')
    expect(r.stderr).not.toContain('redirected to')
  })
})
