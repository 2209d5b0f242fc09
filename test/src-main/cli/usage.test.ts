// `riffle CMD --help` and `riffle help CMD` print that command's usage, options and an example (stdout, exit 0),
// `riffle --help` the overview; each option's description is the same text wherever it is shown; every example
// printed runs as printed.
import { spawnSync } from 'node:child_process'
import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

/** Options only the command named uses (each is absent from the others' help). */
const OWN: Record<string, string[]> = {
  run: ['--savepoint-out DIR', '--stop-after N', '--parallelism N'],
  test: ['--expect FILE', '--max-diffs N'],
  trace: ['--step N', '--to M', '--json'],
  export: ['--source kafka|file', '--path P'],
}

describe('riffle CMD --help', () => {
  for (const cmd of ['run', 'test', 'trace', 'export']) {
    it(`riffle ${cmd} --help prints ${cmd}'s usage, options and an example, not the other commands'`, () => {
      const r = riffle(cmd, '--help')
      expect(r.code).toBe(0)
      expect(r.stderr).toBe('')
      expect(r.stdout).toMatch(new RegExp(`^Usage:\\n  npx riffle ${cmd} `))
      expect(r.stdout).toMatch(new RegExp(`\\nExamples?:\\n  npx riffle ${cmd} `))
      for (const own of OWN[cmd]) expect(r.stdout, own).toContain(own)
      for (const [other, opts] of Object.entries(OWN)) {
        if (other === cmd || (cmd === 'test' && other === 'run')) continue
        for (const opt of opts) expect(r.stdout, `${cmd} --help shows ${opt}`).not.toContain(opt)
        expect(r.stdout).not.toContain(`npx riffle ${other} JOB`)
      }
      // The same text, however the help was asked for.
      for (const asked of [['help', cmd], [cmd, '-h'], [cmd, 'job.ts', 'rec.jsonl', '--help']]) {
        const same = riffle(...asked)
        expect(same.code, asked.join(' ')).toBe(0)
        expect(same.stdout, asked.join(' ')).toBe(r.stdout)
      }
    })
  }

  it('riffle --help, -h and riffle help still print the overview of every command', () => {
    const r = riffle('--help')
    expect(r.code).toBe(0)
    for (const cmd of ['run', 'test', 'trace', 'export']) expect(r.stdout).toContain(`npx riffle ${cmd} JOB`)
    expect(riffle('help').stdout).toBe(r.stdout)
    expect(riffle('-h').stdout).toBe(r.stdout)
  })

  it("each option line of a command's help is the overview's line, word for word (one description of each)", () => {
    const overview = riffle('--help').stdout.split('\n')
    for (const cmd of ['run', 'test', 'trace', 'export']) {
      const optionLines = riffle(cmd, '--help').stdout.split('\n').filter((l) => /^ {2}-/.test(l))
      expect(optionLines.length, cmd).toBeGreaterThan(3)
      for (const l of optionLines) expect(overview, `${cmd}: ${l}`).toContain(l)
    }
  })

  it('riffle help of an unknown command exits 2 naming the commands there are', () => {
    const r = riffle('help', 'frobnicate')
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('riffle: unknown command "frobnicate" (expected "run", "test", "trace" or "export") (see npx riffle --help)\n')
  })

  // `riffle Run ...`, `riffle trce ...` said only which commands there are; `riffle --out x run ...` called the option
  // an unknown command, as if --out were not an option of riffle at all.
  it.each([
    [['Run', 'job.ts', 'rec.jsonl'], 'riffle: unknown command "Run" (did you mean "run"?) (see npx riffle --help)\n'],
    [['trce', 'job.ts'], 'riffle: unknown command "trce" (did you mean "trace"?) (see npx riffle --help)\n'],
    [['--out', 'o.jsonl', 'run', 'job.ts', 'rec.jsonl'],
      'riffle: --out before the command: the command comes first ("run", "test", "trace" or "export"), then its arguments and options (see npx riffle --help)\n'],
  ])('riffle %j: exit 2, the command it most likely meant', (args, message) => {
    const r = riffle(...args)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(message)
  })

  it('every example a command help prints runs as printed, from a folder holding examples/ and recordings/', () => {
    const dir = tempDir()
    for (const d of ['examples', 'recordings']) symlinkSync(join(ROOT, d), join(dir, d))
    for (const cmd of ['run', 'test', 'trace', 'export']) {
      const lines = riffle(cmd, '--help').stdout.split('\n')
      const examples = lines.slice(lines.findIndex((l) => /^Examples?:$/.test(l)) + 1).filter((l) => l.startsWith('  npx riffle '))
      expect(examples.length, cmd).toBeGreaterThan(0)
      for (const example of examples) {
        const args = example.trim().split(/ +/).slice(2)
        const r = spawnSync(process.execPath, [join(ROOT, 'bin/riffle.mjs'), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 })
        expect(r.status, `${example}\n${r.stderr}`).toBe(0)
      }
    }
  })
})
