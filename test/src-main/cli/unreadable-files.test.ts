// Files the command line reads that exist but may not be read (chmod 000, another user's): each is refused in one
// line that names the file and says why, with the errno code, never an INTERNAL error with a stack trace or a
// reason that is not the one (a savepoint "never completed", a job that "does not compile"). As root a chmod
// does not stop a read, so there the command runs as the user nobody. Last, the same for a file it would write.
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildRiffleOnce, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const REC = join(ROOT, 'recordings/clicks-small.jsonl')
const asRoot = process.getuid?.() === 0
// A folder nobody may enter and read; its files are made unreadable one by one.
const dir = mkdtempSync(join(tmpdir(), 'riffle-unreadable-'))
chmodSync(dir, 0o755)
afterAll(() => {
  const left = join(dir, 'shared-tmp', 'riffle-worker-999999-abcdef')
  if (existsSync(left)) chmodSync(left, 0o755)
  rmSync(dir, { recursive: true, force: true })
})

/** `riffle ARGS...` from the folder, as a user who cannot read what is chmod'ed 000. */
function riffleAsUser(...args: string[]): { code: number | null; stderr: string } {
  return riffleIn({}, ...args)
}

/** The same, with env added to the environment. */
function riffleIn(env: Record<string, string>, ...args: string[]): { code: number | null; stderr: string } {
  const user = asRoot ? { uid: 65534, gid: 65534 } : {}
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), ...args],
    { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env }, ...user })
  return { code: r.status, stderr: r.stderr }
}

/** A copy of an example or recording in the folder, unreadable. */
function unreadableCopy(from: string, name: string): string {
  copyFileSync(from, join(dir, name))
  chmodSync(join(dir, name), 0o000)
  return name
}

describe('a file that exists but cannot be read', () => {
  it.each(['running-count.ts', 'running-count.py'])('the job %s: exit 2, "cannot read the job file", no stack', (example) => {
    const job = unreadableCopy(join(ROOT, 'examples', example), `unreadable-${example}`)
    const r = riffleAsUser('run', job, REC)
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: cannot read the job file ${job}: permission denied (EACCES)\n`)
  })

  it('the job of riffle export: exit 2, the reason in words', () => {
    const job = unreadableCopy(join(ROOT, 'examples/running-count.py'), 'unreadable-export.py')
    const r = riffleAsUser('export', job, '--source', 'file', '--path', 'p')
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toBe(`riffle export: JOB: cannot read ${job}: permission denied (EACCES)\n`)
  })

  it('the golden file of riffle test: exit 2, "cannot read the golden file", no stack', () => {
    const golden = unreadableCopy(join(ROOT, 'recordings/clicks-small.jsonl'), 'unreadable-golden.jsonl')
    const r = riffleAsUser('test', join(ROOT, 'examples/running-count.ts'), REC, '--expect', golden)
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: cannot read the golden file ${golden}: permission denied (EACCES)\n`)
  })

  it.each([
    ['manifest.json', 'sp-manifest', 'manifest.json'],
    ['the savepoint folder itself', 'sp-folder', '.'],
    ['a file the manifest lists', 'sp-engine', 'engine.json'],
  ])('a --from-savepoint where %s cannot be read: exit 2, "cannot be read", not "never completed"', (_, name, part) => {
    const made = spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), 'run', join(ROOT, 'examples/running-count.ts'), REC,
      '--stop-after', '10', '--savepoint-out', join(dir, `${name}-made`)], { encoding: 'utf8' })
    expect(made.status, made.stderr).toBe(0)
    cpSync(join(dir, `${name}-made`), join(dir, name), { recursive: true })
    chmodSync(join(dir, name, part), 0o000)
    const r = riffleAsUser('run', join(ROOT, 'examples/running-count.ts'), REC, '--from-savepoint', name)
    expect(r.code, r.stderr).toBe(2)
    const file = part === '.' ? 'manifest.json' : part
    expect(r.stderr).toBe(`riffle: SAVEPOINT_INVALID: savepoint ${name} is invalid: ${file}: cannot be read: permission denied (EACCES)\n`)
  })

  it.each(['run', 'trace'])('the recording of riffle %s: exit 2, the reason once', (cmd) => {
    const rec = unreadableCopy(REC, `unreadable-${cmd}.jsonl`)
    const r = riffleAsUser(cmd, join(ROOT, 'examples/running-count.ts'), rec, ...(cmd === 'trace' ? ['--step', '1'] : []))
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toBe(`riffle: RECORDING_UNREADABLE: ${rec}: cannot read recording: permission denied (EACCES)\n`)
  })

  // Another user's run killed with kill -9 left its worker folder (mode 700) in the shared temp folder; the sweep
  // of folders whose owner is gone could not remove it, and every run of this user failed with INTERNAL.
  it("a dead run's temporary folder that may not be removed: the run goes on, the folder is left", () => {
    const tmp = join(dir, 'shared-tmp')
    mkdirSync(tmp)
    chmodSync(tmp, 0o1777)
    const left = join(tmp, 'riffle-worker-999999-abcdef')
    mkdirSync(join(left, 'state'), { recursive: true })
    writeFileSync(join(left, 'owner.pid'), '999999\n')
    chmodSync(left, 0o000)
    const r = riffleIn({ TMPDIR: tmp }, 'run', join(ROOT, 'examples/running-count.ts'), REC)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/^riffle: done in/)
    expect(existsSync(left)).toBe(true)
  })

  // Not read but written: a read-only --out (or golden file of --update) was replaced all the same, since Riffle
  // writes beside it and renames over it, which the folder allows; a shell's > is refused there.
  it.each([
    ['run', '--out'],
    ['test', '--expect'],
  ])('riffle %s with a read-only %s: exit 2 before the run, the file untouched', (cmd, flag) => {
    const folder = join(dir, `writable-${cmd}`)
    mkdirSync(folder)
    chmodSync(folder, 0o777)
    const keep = join(folder, 'keep.jsonl')
    writeFileSync(keep, '{"value":"precious","timestamp":null}\n')
    chmodSync(keep, 0o444)
    const r = riffleAsUser(cmd, join(ROOT, 'examples/running-count.ts'), REC, flag, keep, ...(cmd === 'test' ? ['--update'] : []))
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: cannot write ${flag} ${keep}: the file is read-only (permission denied (EACCES)); make it writable first (chmod u+w), or choose another file\n`)
    expect(readFileSync(keep, 'utf8')).toBe('{"value":"precious","timestamp":null}\n')
  })
})
