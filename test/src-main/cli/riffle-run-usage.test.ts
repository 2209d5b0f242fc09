// `npx riffle` given what it cannot run (docs/command-line.md): --help and --version, bad arguments, a job file of
// another kind, a folder, a missing job or recording, a job that does not compile: exit codes and the one line
// that names the problem, with paths as the user typed them.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RIFFLE, writeCase } from '../helpers/run-inline'
import { scriptJob } from '../helpers/script-job'
import { buildRiffleOnce, riffle, ROOT, SCRIPT_LINES } from '../helpers/riffle-cli'

const root = ROOT
const lines = SCRIPT_LINES
buildRiffleOnce()

describe('riffle run: exit codes', () => {
  it('--help prints the usage with every option and exits 0', () => {
    const r = riffle('--help')
    expect(r.code).toBe(0)
    for (const opt of ['run JOB RECORDING', '--backend', '--state-dir', '--out', '--processing-time', '--drain-processing-timers', '--skip-bad-lines']) {
      expect(r.stdout).toContain(opt)
    }
    expect(riffle('run', '--help').code).toBe(0)
    // As docs/command-line.md says them: the help's exit statuses left out Ctrl-C / SIGTERM (130 / 143), riffle test's
    // its exit 3, and the --out guard standard input redirected from the recording.
    const flat = r.stdout.replace(/\s+/g, ' ')
    expect(flat).toContain('130 / 143 stopped by Ctrl-C (SIGINT) / SIGTERM')
    expect(flat).toContain('1 different (a diff with line numbers is printed) or the job threw; 2 bad arguments or a missing golden file (without --update); 3 as for riffle run')
    expect(flat).toContain('An --out that is the recording (also standard input redirected from it), the job')
  })

  it('--version (and -V) prints the package version on standard output and exits 0', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
    for (const flag of ['--version', '-V']) {
      const r = riffle(flag)
      expect(r.code).toBe(0)
      expect(r.stdout).toBe(`riffle ${version}\n`)
    }
  })

  it('--version and -V print the version wherever a Unix user puts them, as --help prints the usage', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
    const c = writeCase(scriptJob(), lines)
    const at = [['version'], ['--version', 'run'], ['run', '--version'], ['run', '-V'], ['test', '--version'], ['trace', '-V'],
      ['export', '--version'], ['export', 'job.py', '-V'], ['run', c.jobPath, c.recordingPath, '--version'],
      ['test', c.jobPath, c.recordingPath, '--expect', 'missing.jsonl', '--version'], ['run', '--version', '--help']]
    for (const args of at) {
      const r = riffle(...args)
      expect(r.code, args.join(' ')).toBe(0)
      expect(r.stdout, args.join(' ')).toBe(`riffle ${version}\n`)
      expect(r.stderr, args.join(' ')).toBe('')
    }
    // The first of the two asked for wins, as GNU tools do.
    for (const args of [['run', '--help', '--version'], ['export', '-h', '-V'], ['--help', '--version']]) {
      const r = riffle(...args)
      expect(r.code, args.join(' ')).toBe(0)
      expect(r.stdout, args.join(' ')).toMatch(/^Usage:/)
    }
  })

  it('no arguments at all print the usage on standard error and exit 2', () => {
    const r = riffle()
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('run JOB RECORDING')
  })

  it('bad arguments exit 2 with one line naming the argument and how to get help, not the whole help', () => {
    const c = writeCase(scriptJob(), lines)
    for (const args of [['run', c.jobPath], ['frobnicate'], ['run', c.jobPath, c.recordingPath, '--bogus'], ['run', c.jobPath, c.recordingPath, '--backend', 'rocksdb'], ['run', c.jobPath, c.recordingPath, '--processing-time', 'later']]) {
      const r = riffle(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).not.toContain('Usage:')
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
      // The help of the command at fault; the overview for a command that does not exist.
      expect(r.stderr).toMatch(args[0] === 'run' ? /^riffle: .+ \(see npx riffle run --help\)\n$/ : /^riffle: .+ \(see npx riffle --help\)\n$/)
    }
    for (const cmd of ['test', 'trace']) {
      const r = riffle(cmd, c.jobPath, c.recordingPath, '--bogus')
      expect(r.code, cmd).toBe(2)
      expect(r.stderr).toBe(`riffle: unknown option --bogus (see npx riffle ${cmd} --help)\n`)
    }
    // export's as well (it had no pointer at all).
    const exp = riffle('export', 'job.py', '--bogus')
    expect(exp.code).toBe(2)
    expect(exp.stderr).toBe('riffle export: unknown option --bogus (see npx riffle export --help)\n')
    expect(riffle('run', c.jobPath, c.recordingPath, '--bogus').stderr).toContain('--bogus')
    expect(riffle('run', c.jobPath).stderr).toContain('run needs JOB and RECORDING')
    expect(riffle('run', c.jobPath, c.recordingPath, '--backend', 'rocksdb').stderr).toContain('--backend must be heap or leveldb')
  })

  it('a job file of another kind than .ts, .js or .py exits 2 saying what a job is, not that it exports no function', () => {
    const c = writeCase(scriptJob(), lines)
    for (const name of ['job.txt', 'job', 'job.json']) {
      const path = join(c.dir, name)
      writeFileSync(path, readFileSync(c.jobPath))
      const r = riffle('run', path, c.recordingPath)
      expect(r.code, name).toBe(2)
      expect(r.stderr, name).toMatch(new RegExp(`^riffle: BAD_ARGUMENT: ${path.replace(/[.]/g, '\\.')}: a job is a TypeScript \\(\\.ts\\), JavaScript \\(\\.js\\) or Python \\(\\.py\\) module, not `))
    }
  })

  it('a job path that is a folder exits 2 saying so, whatever its name ends with, for run and trace', () => {
    // A folder named jobs.py ended as INTERNAL with a stack (EISDIR), jobs.ts as "Could not resolve", and jobs as
    // "not a file without an extension".
    const c = writeCase(scriptJob(), lines)
    for (const name of ['jobs.py', 'jobs.ts', 'jobs']) {
      const path = join(c.dir, name)
      mkdirSync(path)
      for (const args of [['run', path, c.recordingPath], ['trace', path, c.recordingPath, '--step', '1']]) {
        const r = riffle(...args)
        expect(r.code, `${args[0]} ${name}`).toBe(2)
        expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: ${path} is a folder, not a job file (a .ts, .js or .py module)\n`)
      }
    }
  })

  it('a missing job file or recording exits 2 naming it', () => {
    const c = writeCase(scriptJob(), lines)
    const noJob = riffle('run', join(c.dir, 'nope.ts'), c.recordingPath)
    expect(noJob.code).toBe(2)
    expect(noJob.stderr).toContain(`job file not found: ${join(c.dir, 'nope.ts')}`)
    const noRec = riffle('run', c.jobPath, join(c.dir, 'nope.jsonl'))
    expect(noRec.code).toBe(2)
    expect(noRec.stderr).toContain(`recording not found: ${join(c.dir, 'nope.jsonl')}`)
  })

  it('a job that does not compile exits 2 with the job file and line', () => {
    const c = writeCase(`${RIFFLE}export default (env: any) => env.fromRecording(\n`, lines)
    const r = riffle('run', c.jobPath, c.recordingPath)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('JOB_COMPILE')
    expect(r.stderr).toMatch(new RegExp(`job\\.ts:7:`))
  })

  it('a Python job Python cannot place a syntax error in (a NUL byte) names the file, not a line 0', () => {
    // It read "job.py:0:1: SyntaxError: source code string cannot contain null bytes".
    const c = writeCase('', lines)
    const py = join(c.dir, 'job.py')
    writeFileSync(py, 'def job(events):\n    return events\x00\n')
    const r = riffle('run', py, c.recordingPath)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`riffle: JOB_COMPILE: the job does not compile:\n${py}: SyntaxError: source code string cannot contain null bytes\n`)
  })

  it('with paths relative to another working directory, errors name the job file by its real absolute path', () => {
    const c = writeCase(`${RIFFLE}export default (env: any) => env.fromRecording(\n`, lines)
    mkdirSync(join(c.dir, 'sub', 'deeper'), { recursive: true })
    const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', '../../job.ts', '../../rec.jsonl'], { cwd: join(c.dir, 'sub', 'deeper'), encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(`${c.jobPath}:7:1: Unexpected end of file`)
    expect(r.stderr.split(`${c.jobPath}:7`).length - 1).toBe(1) // named once, not again in a suffix
  })

  it('a compile error names a job inside the working directory as the user typed it, once', () => {
    const c = writeCase(`${RIFFLE}export default (env: any) => env.fromRecording(\n`, lines)
    const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', 'job.ts', 'rec.jsonl'], { cwd: c.dir, encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toBe('riffle: JOB_COMPILE: the job does not compile:\njob.ts:7:1: Unexpected end of file\n')
  })
})
