// parseCommand (cli/args.ts): a command line that cannot mean what it says is refused before anything runs,
// with one message naming the argument at fault (exit 2), rather than run with a guess.
import { describe, expect, it } from 'vitest'
import { parseCommand } from '../../../src-main/cli/args'
import { UsageError } from '../../../src-main/cli/usage-error'

const JOB = 'job.ts'
const REC = 'rec.jsonl'

function refusal(argv: string[]): string {
  try {
    parseCommand(argv)
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError)
    return (e as Error).message
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`)
}

describe('parseCommand: empty values', () => {
  // `--out "$OUT"` with OUT unset ran the whole job, then failed with OUTPUT_WRITE_FAILED (exit 3) and wrote
  // its lines to `.partial` in the parent folder ('' resolved to the working directory itself).
  it('refuses an empty path or value, naming the option', () => {
    expect(refusal(['run', JOB, REC, '--out', ''])).toBe('--out must not be empty')
    expect(refusal(['run', JOB, REC, '--out='])).toBe('--out must not be empty')
    expect(refusal(['run', JOB, REC, '--backend', 'leveldb', '--state-dir', ' '])).toBe('--state-dir must not be empty')
    expect(refusal(['run', JOB, REC, '--savepoint-out', ''])).toBe('--savepoint-out must not be empty')
    expect(refusal(['run', JOB, REC, '--from-savepoint', ''])).toBe('--from-savepoint must not be empty')
    expect(refusal(['run', JOB, REC, '--stop-after', ''])).toBe('--stop-after must not be empty')
    expect(refusal(['run', JOB, REC, '--watchdog-ms', ''])).toBe('--watchdog-ms must not be empty')
    expect(refusal(['test', JOB, REC, '--expect', ''])).toBe('--expect must not be empty')
    expect(refusal(['trace', JOB, REC, '--step', ''])).toBe('--step must not be empty')
  })

  // --stop-after 0 ran no record and exited 0, as if the job had run.
  it('refuses --stop-after 0 (it would run nothing) unless --savepoint-out asks for a savepoint before the first record', () => {
    expect(refusal(['run', JOB, REC, '--stop-after', '0'])).toBe('--stop-after 0 would run no record: give 1 or more (0 only with --savepoint-out, for a savepoint before the first record)')
    expect(refusal(['test', JOB, REC, '--expect', 'g.jsonl', '--stop-after', '0'])).toContain('--stop-after 0 would run no record')
    expect(refusal(['run', JOB, REC, '--stop-after=-1'])).toBe('--stop-after must be a whole number of records from 1 to 9007199254740991, got "-1"')
    const c = parseCommand(['run', JOB, REC, '--stop-after', '0', '--savepoint-out', 'sp'])
    expect(c.kind === 'run' && c.options.stopAfter).toBe(0)
    const one = parseCommand(['run', JOB, REC, '--stop-after', '1'])
    expect(one.kind === 'run' && one.options.stopAfter).toBe(1)
  })

  // --stop-after 99999999999999999999999 ran to the end and said "--stop-after 1e+23 was not reached"; a trace's
  // --step 99999999999999999999 said "--step 100000000000000000000: the run has only 41 steps".
  it('refuses a count past 2^53 in the digits typed, before it is read as another number', () => {
    expect(refusal(['run', JOB, REC, '--stop-after', '99999999999999999999999'])).toBe('--stop-after 99999999999999999999999 is too large (at most 9007199254740991)')
    expect(refusal(['trace', JOB, REC, '--step', '99999999999999999999'])).toBe('--step 99999999999999999999 is too large (at most 9007199254740991)')
    expect(refusal(['trace', JOB, REC, '--step', '1', '--to', '9007199254740992'])).toBe('--to 9007199254740992 is too large (at most 9007199254740991)')
    expect(refusal(['run', JOB, REC, '--watchdog-ms', '99999999999999999999.5'])).toContain('--watchdog-ms 99999999999999999999.5 is too large')
    const c = parseCommand(['trace', JOB, REC, '--step', '9007199254740991'])
    expect(c.kind === 'trace' && c.step).toBe(9007199254740991)
  })

  it('refuses an empty JOB or RECORDING', () => {
    expect(refusal(['run', '', REC])).toBe('JOB must not be empty')
    expect(refusal(['run', JOB, ''])).toBe('RECORDING must not be empty')
  })
})

describe('parseCommand: an option given twice', () => {
  // `--out a.jsonl --out b.jsonl` wrote only b.jsonl, silently: which one a script meant is not knowable.
  it('refuses it, naming the option and both values', () => {
    expect(refusal(['run', JOB, REC, '--out', 'a.jsonl', '--out', 'b.jsonl'])).toBe('--out is given twice ("a.jsonl", then "b.jsonl"): give it once')
    expect(refusal(['run', JOB, REC, '--backend', 'heap', '--backend=leveldb'])).toBe('--backend is given twice ("heap", then "leveldb"): give it once')
    expect(refusal(['test', JOB, REC, '--expect', 'g.jsonl', '--update', '--update'])).toBe('--update is given twice: give it once')
    expect(refusal(['trace', JOB, REC, '--step', '1', '--step', '2'])).toBe('--step is given twice ("1", then "2"): give it once')
  })

  it('still takes a value that follows -- as a positional', () => {
    expect(refusal(['run', JOB, REC, '--out', 'a', '--', '--out'])).toMatch(/^run needs JOB and RECORDING, got 3/)
  })
})

describe('parseCommand: riffle trace', () => {
  // A trace runs in a debug session, which writes no --out, takes no savepoint and does not stop early: these
  // options were accepted and silently did nothing (no output file, no savepoint folder).
  it('refuses the run options a trace does not honour, naming them', () => {
    for (const [flag, value] of [['--out', 'o.jsonl'], ['--savepoint-out', 'sp'], ['--from-savepoint', 'sp'], ['--stop-after', '5']]) {
      expect(refusal(['trace', JOB, REC, '--step', '1', flag, value])).toBe(`${flag} belongs to "riffle run" and "riffle test": riffle trace does not use it`)
    }
  })

  it('takes the run options it honours', () => {
    const c = parseCommand(['trace', JOB, REC, '--step', '2', '--backend', 'leveldb', '--state-dir', 'sd', '--skip-bad-lines', '--processing-time', 'manual', '--watchdog-ms', '900'])
    expect(c).toMatchObject({ kind: 'trace', step: 2, to: 2, watchdogMs: 900, options: { backend: 'leveldb', stateDir: 'sd', skipBadLines: true, processingTime: 'manual' } })
  })
})

describe('parseCommand: node:util parseArgs refusals, said in one line of our own', () => {
  // `--watchdog-ms -5` printed three lines of Node's ("... is ambiguous.\nDid you forget ...\nTo specify ..."),
  // though a bad argument is one line (docs/command-line.md), and `--foo` an unbalanced quote: `as in '-- "--foo"`.
  it('a value that starts with a dash: one line naming the option and the value, and how to give it', () => {
    expect(refusal(['run', JOB, REC, '--watchdog-ms', '-5'])).toBe('--watchdog-ms needs a value, and "-5" reads as an option: write --watchdog-ms=-5 if it is the value')
    expect(refusal(['trace', JOB, REC, '--step', '-1'])).toBe('--step needs a value, and "-1" reads as an option: write --step=-1 if it is the value')
  })

  it('an unknown option, a missing value and a value given to a flag', () => {
    expect(refusal(['run', JOB, REC, '--foo'])).toBe('unknown option --foo')
    expect(refusal(['run', JOB, REC, '--skip-bad-line'])).toBe('unknown option --skip-bad-line (did you mean --skip-bad-lines?)')
    expect(refusal(['run', JOB, REC, '-x'])).toBe('unknown option -x')
    expect(refusal(['run', JOB, REC, '--out'])).toBe('--out needs a value')
    expect(refusal(['run', JOB, REC, '--skip-bad-lines=yes'])).toBe('--skip-bad-lines takes no value, got "yes"')
  })

  // `--watchdog 2` said only "unknown option --watchdog": an option cut short is three or more edits from its name.
  it('an option cut short is named when one option alone starts so', () => {
    expect(refusal(['run', JOB, REC, '--watchdog', '2'])).toBe('unknown option --watchdog (did you mean --watchdog-ms?)')
    expect(refusal(['run', JOB, REC, '--drain'])).toBe('unknown option --drain (did you mean --drain-processing-timers?)')
    expect(refusal(['run', JOB, REC, '--savepoint', 'sp'])).toBe('unknown option --savepoint (did you mean --savepoint-out?)')
    // Two start so (--findings, --from-savepoint): no guess.
    expect(refusal(['run', JOB, REC, '--f'])).toBe('unknown option --f')
  })
})

describe('parseCommand: --expect -', () => {
  // `--expect -` looked for a golden file named "-" ("golden file not found: -"); with --update it printed the output
  // and "riffle test: wrote 40 output lines to -" together on standard output.
  it('is refused with what to give instead, with or without --update', () => {
    const why = '--expect - is not a golden file: give a file, or a pipe as a file (--expect <(git show main:golden.jsonl)); to print the output, riffle run --out -'
    expect(refusal(['test', JOB, REC, '--expect', '-'])).toBe(why)
    expect(refusal(['test', JOB, REC, '--expect', '-', '--update'])).toBe(why)
  })
})

describe('parseCommand: riffle test --out -', () => {
  // Refused once (the verdict shared standard output); now the lines go there and the verdict to standard error
  // (out-standard-output.test.ts).
  it('is taken, as any --out', () => {
    expect(parseCommand(['test', JOB, REC, '--expect', 'g.jsonl', '--out', '-'])).toMatchObject({ kind: 'test', options: { out: '-' } })
    expect(parseCommand(['test', JOB, REC, '--expect', 'g.jsonl', '--out', 'o.jsonl'])).toMatchObject({ kind: 'test', options: { out: 'o.jsonl' } })
  })
})

describe('parseCommand: numbers', () => {
  const MAX = '9007199254740991'
  // Number() read them: `--parallelism 0x2` ran 2 subtasks, `--watchdog-ms 0x10` gave each call 16 ms, `--step 0b11`
  // traced step 3: a typo or a shell variable gone wrong ran with a guess.
  it('refuses a count written in hex, binary, octal, with a sign or blanks, naming the option, the range and the text', () => {
    for (const text of ['0x2', '0b10', '0o2', ' 2', '2 ', '+2', 'Infinity', '1e', '.5', '2.', '1_000']) {
      expect(refusal(['run', JOB, REC, '--parallelism', text])).toBe(`--parallelism must be a whole number from 1 to 128 (the key groups), got "${text}"`)
      expect(refusal(['run', JOB, REC, '--stop-after', text])).toBe(`--stop-after must be a whole number of records from 1 to ${MAX}, got "${text}"`)
      expect(refusal(['trace', JOB, REC, '--step', text])).toBe(`--step must be a whole number from 1 to ${MAX}, got "${text}"`)
      expect(refusal(['trace', JOB, REC, '--step', '1', '--to', text])).toBe(`--to must be a whole number from --step (1) to ${MAX}, got "${text}"`)
      expect(refusal(['test', JOB, REC, '--expect', 'g.jsonl', '--max-diffs', text])).toBe(`--max-diffs must be a whole number from 1 to ${MAX}, got "${text}"`)
      expect(refusal(['run', JOB, REC, '--watchdog-ms', text])).toBe(`--watchdog-ms must be a whole number of milliseconds from 1 to ${MAX}, got "${text}"`)
    }
  })

  // `--watchdog-ms 1e12` was refused ("must be a positive number") while `--watchdog-ms 1000000000000` ran, and
  // `--watchdog-ms 1500.5` ran while `--stop-after 10.0` was refused: each option read numbers its own way.
  it('takes every option\'s number the same way: decimal, with a fraction or an exponent, when the value is whole', () => {
    const run = parseCommand(['run', JOB, REC, '--parallelism', '02', '--stop-after', '1e6', '--watchdog-ms', '1e12'])
    expect(run).toMatchObject({ kind: 'run', parallelism: 2, watchdogMs: 1e12, options: { stopAfter: 1_000_000 } })
    expect(parseCommand(['run', JOB, REC, '--parallelism', '1.6E1', '--watchdog-ms', '2500.0'])).toMatchObject({ parallelism: 16, watchdogMs: 2500 })
    expect(parseCommand(['trace', JOB, REC, '--step', '3', '--to', '4'])).toMatchObject({ step: 3, to: 4 })
    expect(parseCommand(['trace', JOB, REC, '--step', '2e0', '--to', '1e1'])).toMatchObject({ step: 2, to: 10 })
    expect(parseCommand(['test', JOB, REC, '--expect', 'g.jsonl', '--max-diffs', '5'])).toMatchObject({ maxDiffs: 5 })
  })

  it('refuses a value that is not whole or out of range with the same words, whichever way it is written', () => {
    expect(refusal(['run', JOB, REC, '--watchdog-ms', '1500.5'])).toBe(`--watchdog-ms must be a whole number of milliseconds from 1 to ${MAX}, got "1500.5"`)
    expect(refusal(['run', JOB, REC, '--watchdog-ms', '0'])).toBe(`--watchdog-ms must be a whole number of milliseconds from 1 to ${MAX}, got "0"`)
    expect(refusal(['run', JOB, REC, '--stop-after', '1.5'])).toBe(`--stop-after must be a whole number of records from 1 to ${MAX}, got "1.5"`)
    expect(refusal(['run', JOB, REC, '--parallelism', '2.55e1'])).toBe('--parallelism must be a whole number from 1 to 128 (the key groups), got "2.55e1"')
    expect(refusal(['run', JOB, REC, '--parallelism', '1e3'])).toBe('--parallelism must be a whole number from 1 to 128 (the key groups), got "1e3"')
    expect(refusal(['run', JOB, REC, '--watchdog-ms', '1e16'])).toBe(`--watchdog-ms 1e16 is too large (at most ${MAX})`)
    expect(refusal(['trace', JOB, REC, '--step', '5', '--to', '4'])).toBe(`--to must be a whole number from --step (5) to ${MAX}, got "4"`)
  })
})

describe('parseCommand: JOB given as -', () => {
  // `cat job.ts | riffle run - rec.jsonl` said "job file not found: -", as if a file named - were missing.
  it('refuses it, saying a job is read from its file and only RECORDING may be standard input', () => {
    for (const argv of [['run', '-', REC], ['test', '-', REC, '--expect', 'g.jsonl'], ['trace', '-', REC, '--step', '1']]) {
      expect(refusal(argv)).toBe('JOB cannot be - (standard input): a job is read from its file (.ts, .js or .py); RECORDING may be -')
    }
  })
})

describe('parseCommand: --findings=off', () => {
  // `--findings=off` (or none, false) was told only "must be error or warn": the option that turns them off is another.
  it('points at --no-findings for a value that means off', () => {
    for (const off of ['off', 'none', 'false', 'no']) {
      expect(refusal(['run', JOB, REC, `--findings=${off}`])).toBe(`--findings must be error (exit 1 on a warning) or warn (the default), got "${off}"; to turn findings off, use --no-findings`)
    }
    expect(refusal(['run', JOB, REC, '--findings=loud'])).toBe('--findings must be error (exit 1 on a warning) or warn (the default), got "loud"')
  })
})
