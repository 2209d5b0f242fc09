// Parses `riffle run JOB RECORDING [options]` (docs/command-line.md) and `riffle test ... --expect GOLDEN`
// into options, or a usage error.
import { parseArgs } from 'node:util'
import { nearest } from './did-you-mean'
import { wholeNumberOption } from './number-option'
import { parseArgsMessage } from './parse-args-message'
import { repeatedOption } from './repeated-option'
import type { RunJobOptions } from './run-job'
import { type CommandName, COMMANDS } from './usage'
import { UsageError } from './usage-error'

/** off: --no-findings; report: the default; error: --findings=error (a warning exits 1). */
export type FindingsMode = 'off' | 'report' | 'error'

/**
 * help: asked for (`--help`, stdout, exit 0) or owed because nothing was asked (no arguments: stderr, exit 2);
 * topic: the command whose help was asked for (`riffle run --help`, `riffle help run`), or null for the overview.
 */
export type Command = { kind: 'help'; asked: boolean; topic: CommandName | null } | { kind: 'version' } | { kind: 'export'; args: string[] } | { kind: 'run'; options: RunJobOptions; watchdogMs: number; parallelism: number; findings: FindingsMode }
  // `riffle test` — a run whose output is compared with (or written to) a golden file
  | { kind: 'test'; options: RunJobOptions; watchdogMs: number; parallelism: number; expect: string; update: boolean; maxDiffs: number; findings: FindingsMode }
  // `riffle trace` — steps N..M with every call the job made
  | { kind: 'trace'; options: RunJobOptions; watchdogMs: number; step: number; to: number; json: boolean; findings: FindingsMode }

/** Subtasks at most: Flink's default max parallelism, the number of key groups (K4). */
export const MAX_PARALLELISM = 128

/**
 * Whether argv asks for the usage or the version (-h/--help, -V/--version) before its first `--`, and which
 * of them first, or null: checked before the rest is parsed, so a bad or missing argument beside them does
 * not stand between a user and the help (riffle run --help, riffle export JOB.py -V).
 */
export function helpOrVersion(argv: string[]): 'help' | 'version' | null {
  for (const a of argv) {
    if (a === '--') return null
    if (a === '-h' || a === '--help') return 'help'
    if (a === '-V' || a === '--version') return 'version'
  }
  return null
}

/** The options of run, test and trace (each command refuses the others' below, by name). */
const RUN_OPTIONS = {
  backend: { type: 'string' },
  'state-dir': { type: 'string' },
  out: { type: 'string' },
  'processing-time': { type: 'string' },
  'drain-processing-timers': { type: 'boolean' },
  'skip-bad-lines': { type: 'boolean' },
  'watchdog-ms': { type: 'string' },
  'savepoint-out': { type: 'string' },
  'stop-after': { type: 'string' },
  'from-savepoint': { type: 'string' },
  parallelism: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  // riffle test
  expect: { type: 'string' },
  update: { type: 'boolean' },
  'max-diffs': { type: 'string' },
  findings: { type: 'string' },
  'no-findings': { type: 'boolean' },
  // riffle trace
  step: { type: 'string' },
  to: { type: 'string' },
  json: { type: 'boolean' },
} as const

const isCommand = (word: string | undefined): word is CommandName => COMMANDS.some((c) => c === word)

const EXPECTED = `${COMMANDS.slice(0, -1).map((c) => `"${c}"`).join(', ')} or "${COMMANDS[COMMANDS.length - 1]}"`
function unknownCommand(word: string): UsageError {
  // An option typed before the command (`riffle --out o.jsonl run ...`) is no command at all.
  if (word.startsWith('-')) return new UsageError(`${word} before the command: the command comes first (${EXPECTED}), then its arguments and options`)
  const near = nearest(word.toLowerCase(), [...COMMANDS])
  return new UsageError(`unknown command "${word}" (${near === null ? `expected ${EXPECTED}` : `did you mean "${near}"?`})`)
}

/**
 * The command whose help `argv` (which asks for help) wants, as git takes it: `riffle run ... --help`, `riffle help
 * run`, `riffle --help run`; null for the overview (`riffle --help`, `riffle help`, `riffle frobnicate --help`).
 */
function helpTopic(argv: string[]): CommandName | null {
  const named = argv[0] === 'help' || argv[0] === '-h' || argv[0] === '--help' ? argv[1] : argv[0]
  if (isCommand(named)) return named
  // `riffle help frobnicate` asked for a command that is not there: saying so beats the overview.
  if (argv[0] === 'help' && named !== undefined && !named.startsWith('-')) throw unknownCommand(named)
  return null
}

/** The command a usage error of `argv` is about (its help is the one to point at), or null. */
export const commandOf = (argv: string[]): CommandName | null => isCommand(argv[0]) ? argv[0] : null

export function parseCommand(argv: string[]): Command {
  if (argv.length === 0) return { kind: 'help', asked: false, topic: null }
  // As the usage's own options, anywhere a Unix user types them: the first of the two asked for wins.
  const asked = helpOrVersion(argv[0] === 'help' ? ['--help'] : argv[0] === 'version' ? ['--version'] : argv)
  if (asked === 'help') return { kind: 'help', asked: true, topic: helpTopic(argv) }
  if (asked === 'version') return { kind: 'version' }
  if (argv[0] === 'export') return { kind: 'export', args: argv.slice(1) }
  const [cmd, ...rest] = argv
  if (cmd !== 'run' && cmd !== 'test' && cmd !== 'trace') throw unknownCommand(cmd)
  let parsed
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: RUN_OPTIONS,
    })
  } catch (e) {
    throw new UsageError(parseArgsMessage(e, rest, Object.keys(RUN_OPTIONS)))
  }
  const v = parsed.values
  const twice = repeatedOption(parsed.tokens)
  if (twice !== null) throw new UsageError(twice)
  if (parsed.positionals.length !== 2) {
    throw new UsageError(`${cmd} needs JOB and RECORDING, got ${parsed.positionals.length} argument(s)${parsed.positionals.length ? `: ${parsed.positionals.join(' ')}` : ''}`)
  }
  // An empty value ('--out "$OUT"' with OUT unset) is a mistake, not a path: '' would resolve to the working
  // directory, and the run would fail only at its end (as riffle export refuses it too).
  for (const [name, value] of Object.entries(v)) {
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(`--${name} must not be empty`)
  }
  for (const [i, what] of ['JOB', 'RECORDING'].entries()) {
    if (parsed.positionals[i].trim() === '') throw new UsageError(`${what} must not be empty`)
  }
  if (parsed.positionals[0] === '-') throw new UsageError('JOB cannot be - (standard input): a job is read from its file (.ts, .js or .py); RECORDING may be -')
  const backend = v.backend ?? 'heap'
  if (backend !== 'heap' && backend !== 'leveldb') throw new UsageError(`--backend must be heap or leveldb, got "${backend}"`)
  const pt = v['processing-time'] ?? 'follow'
  if (pt !== 'follow' && pt !== 'manual') throw new UsageError(`--processing-time must be follow or manual, got "${pt}"`)
  if (v['state-dir'] !== undefined && backend !== 'leveldb') throw new UsageError('--state-dir only applies to --backend leveldb')
  const watchdogMs = v['watchdog-ms'] === undefined ? 5000 : wholeNumberOption('watchdog-ms', v['watchdog-ms'], { min: 1, unit: 'of milliseconds' })
  let stopAfter: number | undefined
  if (v['stop-after'] !== undefined) {
    // 0 is taken here and said apart below (only with --savepoint-out), so the range says 1.
    stopAfter = wholeNumberOption('stop-after', v['stop-after'], { min: 0, minText: '1', unit: 'of records' })
    // 0 ran nothing and exited 0, as if the job had run; with --savepoint-out it is a savepoint before the first record.
    if (stopAfter === 0 && v['savepoint-out'] === undefined) {
      throw new UsageError('--stop-after 0 would run no record: give 1 or more (0 only with --savepoint-out, for a savepoint before the first record)')
    }
  }
  const parallelism = v.parallelism === undefined ? 1 : wholeNumberOption('parallelism', v.parallelism, { min: 1, max: MAX_PARALLELISM, why: '(the key groups)' })
  if (parallelism > 1) {
    const unsupported = (['state-dir'] as const).filter((n) => v[n] !== undefined)
    if (unsupported.length > 0) throw new UsageError(`--parallelism above 1 does not support ${unsupported.map((n) => `--${n}`).join(', ')} yet`)
  }
  if (cmd === 'run' && (v.expect !== undefined || v.update !== undefined || v['max-diffs'] !== undefined)) {
    throw new UsageError('--expect, --update and --max-diffs belong to "riffle test"')
  }
  if (v.findings !== undefined && v.findings !== 'error' && v.findings !== 'warn') {
    // Off is another option: a value that means it says so.
    const off = /^(off|none|false|no|0)$/i.test(v.findings) ? '; to turn findings off, use --no-findings' : ''
    throw new UsageError(`--findings must be error (exit 1 on a warning) or warn (the default), got "${v.findings}"${off}`)
  }
  if (v.findings !== undefined && v['no-findings'] === true) throw new UsageError('--findings and --no-findings contradict each other')
  const findings: FindingsMode = v['no-findings'] === true ? 'off' : v.findings === 'error' ? 'error' : 'report'
  if (cmd !== 'trace' && (v.step !== undefined || v.to !== undefined || v.json !== undefined)) {
    throw new UsageError('--step, --to and --json belong to "riffle trace"')
  }
  const options: RunJobOptions = {
    jobPath: parsed.positionals[0],
    recordingPath: parsed.positionals[1],
    backend,
    stateDir: v['state-dir'],
    out: v.out ?? null,
    processingTime: pt,
    drainProcessingTimers: v['drain-processing-timers'] ?? false,
    skipBadLines: v['skip-bad-lines'] ?? false,
    savepointOut: v['savepoint-out'],
    fromSavepoint: v['from-savepoint'],
    stopAfter,
    findings: findings !== 'off',
  }
  if (cmd === 'run') return { kind: 'run', watchdogMs, options, parallelism, findings }
  if (cmd === 'trace') {
    if (v.expect !== undefined || v.update !== undefined || v['max-diffs'] !== undefined) throw new UsageError('--expect, --update and --max-diffs belong to "riffle test"')
    if (parallelism !== 1) throw new UsageError('--parallelism belongs to "riffle run" and "riffle test"; a trace follows one run')
    // The trace's debug session writes no --out, takes no savepoint and does not stop early: refused, not ignored.
    for (const n of ['out', 'savepoint-out', 'from-savepoint', 'stop-after'] as const) {
      if (v[n] !== undefined) throw new UsageError(`--${n} belongs to "riffle run" and "riffle test": riffle trace does not use it`)
    }
    if (v.step === undefined) throw new UsageError('trace needs --step N (the first step to trace, 1-based)')
    const step = wholeNumberOption('step', v.step, { min: 1 })
    const to = v.to === undefined ? step : wholeNumberOption('to', v.to, { min: step, minText: `--step (${step})` })
    return { kind: 'trace', watchdogMs, options, step, to, json: v.json === true, findings }
  }
  if (v.expect === undefined) throw new UsageError('test needs --expect GOLDEN.jsonl (the expected output lines)')
  // Not standard input (the recording may be that) nor standard output (--update's report goes there too).
  if (v.expect === '-') {
    throw new UsageError('--expect - is not a golden file: give a file, or a pipe as a file (--expect <(git show main:golden.jsonl)); to print the output, riffle run --out -')
  }
  const maxDiffs = v['max-diffs'] === undefined ? 20 : wholeNumberOption('max-diffs', v['max-diffs'], { min: 1 })
  return { kind: 'test', watchdogMs, options, parallelism, expect: v.expect, update: v.update ?? false, maxDiffs, findings }
}
