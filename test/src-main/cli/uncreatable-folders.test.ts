// Folders the command line must create but cannot (a --savepoint-out or --state-dir under /proc, where
// mkdir says ENOENT though the parent exists, or under /sys, where it says EPERM): the run is refused
// before it starts, with exit 2 and one line naming the folder and why, instead of Node's recursive
// mkdir looping forever (it climbs to /proc, finds it there, and tries the child again) or the run
// failing only at its end; nothing is written.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildCliBeforeAll, example, recording, RIFFLE_BIN, ROOT } from './backend-cli-harness'

buildCliBeforeAll()

/** `riffle run` killed after 30 s, so a hang fails the test instead of stalling it. */
function riffleRun(args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [RIFFLE_BIN, 'run', example('running-count.ts'), recording('clicks-small.jsonl'), ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' })
  return { code: r.status, stderr: r.stderr }
}

describe('a folder that cannot be created', () => {
  it.each([
    ['--savepoint-out under /proc, two levels down', ['--savepoint-out', '/proc/riffle-x/sp'], /^riffle: BAD_ARGUMENT: --savepoint-out: cannot write a savepoint to \/proc\/riffle-x\/sp: cannot create a folder in \/proc: /],
    ['--savepoint-out under /proc, one level down', ['--savepoint-out', '/proc/riffle-x'], /^riffle: BAD_ARGUMENT: --savepoint-out: cannot write a savepoint to \/proc\/riffle-x: cannot create a folder in \/proc: /],
    ['--savepoint-out under /sys', ['--savepoint-out', '/sys/riffle-x/sp'], /^riffle: BAD_ARGUMENT: --savepoint-out: cannot write a savepoint to \/sys\/riffle-x\/sp: cannot create a folder in \/sys: /],
    // Its folder /proc/riffle-x is missing, and Riffle makes only the folder named (missing-parent-folders.test.ts).
    ['--state-dir under /proc', ['--backend', 'leveldb', '--state-dir', '/proc/riffle-x/state'], /^riffle: BAD_ARGUMENT: cannot use state directory \/proc\/riffle-x\/state: its folder \/proc\/riffle-x does not exist$/m],
    ['--state-dir directly in /proc', ['--backend', 'leveldb', '--state-dir', '/proc/riffle-x'], /^riffle: BAD_ARGUMENT: cannot use state directory \/proc\/riffle-x: cannot create a folder in \/proc: /],
  ])('%s: exit 2 at once, naming the folder, nothing written', (_what, args, message) => {
    const r = riffleRun(args as string[])
    expect(r.stderr).toMatch(message as RegExp)
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(existsSync('/proc/riffle-x')).toBe(false)
    expect(existsSync('/sys/riffle-x')).toBe(false)
  })
})
