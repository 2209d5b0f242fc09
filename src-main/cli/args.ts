// Parses `riffle run JOB RECORDING [options]` (docs/command-line.md) and `riffle test ... --expect GOLDEN`
// into options, or a usage error.
import { parseArgs } from 'node:util'
import { RiffleError } from '../common/errors'
import type { RunJobOptions } from './run-job'

export const USAGE = `Usage:
  npx riffle run JOB RECORDING [--backend heap|leveldb] [--state-dir DIR] [--out FILE]
                               [--processing-time follow|manual] [--drain-processing-timers]
                               [--skip-bad-lines] [--watchdog-ms N]
                               [--savepoint-out DIR] [--stop-after N] [--from-savepoint DIR]
  npx riffle test JOB RECORDING --expect GOLDEN.jsonl [--update] [--max-diffs N] [run options]

Replays RECORDING (.jsonl/.ndjson/.csv, optionally .gz, or kcat -J output) through JOB (a .ts or .js
module that default-exports (env) => stream, importing its API from 'riffle').

Options:
  --backend heap|leveldb           where keyed state lives (default heap)
  --state-dir DIR                  LevelDB folder (default: a fresh temporary folder)
  --out FILE                       write the job's output as JSON lines to FILE ('-' = standard output)
  --processing-time follow|manual  follow: processing time follows record timestamps (default);
                                   manual: starts at 0, only {"$processingTime": n} lines move it
  --drain-processing-timers        at end of input, fire the pending processing-time timers too
  --skip-bad-lines                 count and list bad recording lines instead of stopping
  --watchdog-ms N                  stop the run when one call into the job takes longer (default 5000)
  --savepoint-out DIR              write a savepoint (state, timers, watermarks, reader position) at the
                                   end, or after --stop-after N records; written atomically
  --stop-after N                   stop after N input records (to continue later with --from-savepoint)
  --from-savepoint DIR             continue a run from a savepoint, on either backend
  -h, --help                       show this help

riffle test runs like riffle run and compares the output lines (as --out writes them) with GOLDEN:
  --expect FILE                    the golden file (JSON lines; compared as JSON, key order ignored)
  --update                         write the output to the golden file instead of comparing
  --max-diffs N                    differences to print (default 20)
  Exit status: 0 equal (or updated); 1 different (a diff with line numbers is printed) or the job threw;
  2 bad arguments or a missing golden file (without --update).

Environment: RIFFLE_LEVELDB_CACHE_ENTRIES=N caps the LevelDB write-back cache at N records (default 100000).
RIFFLE_PROGRESS_AFTER_MS=N: when standard error is a terminal, a run longer than N ms (default 1000) shows
its progress (records, rate, share of the file, time left) on one line; never when it is a file or a pipe.

--out FILE (or the golden file of --update) is written to a temporary file beside it and renamed over it
only when the run succeeds; when it fails, FILE is untouched and what was written is in FILE.partial.
'-', pipes and devices are written directly. An --out that is the recording, the job, or inside the
state directory or a savepoint folder is refused.

A summary goes to standard error (without --out it says how to see the records). Exit status: 0 done; 1 the job's code threw (or never returned), or
stored or emitted a value that is not JSON data; 2 bad arguments, an unreadable job or a bad recording
line; 3 Riffle could not finish for a reason outside the job and its input: OUTPUT_WRITE_FAILED,
STATE_WRITE_FAILED, SAVEPOINT_WRITE_FAILED (a full disk, a closed pipe), WORKER_OUT_OF_MEMORY, WORKER_DIED.`

/** A command line that cannot be run as given (exit 2 with the usage text). */
export class UsageError extends RiffleError {
  constructor(message: string) { super('BAD_ARGUMENT', message) }
}

export type Command = { kind: 'help' } | { kind: 'run'; options: RunJobOptions; watchdogMs: number }
  // `riffle test` — a run whose output is compared with (or written to) a golden file
  | { kind: 'test'; options: RunJobOptions; watchdogMs: number; expect: string; update: boolean; maxDiffs: number }

export function parseCommand(argv: string[]): Command {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') return { kind: 'help' }
  const [cmd, ...rest] = argv
  if (cmd !== 'run' && cmd !== 'test') throw new UsageError(`unknown command "${cmd}" (expected "run" or "test")`)
  let parsed
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
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
        help: { type: 'boolean', short: 'h' },
        // riffle test
        expect: { type: 'string' },
        update: { type: 'boolean' },
        'max-diffs': { type: 'string' },
      },
    })
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const v = parsed.values
  if (v.help) return { kind: 'help' }
  if (parsed.positionals.length !== 2) {
    throw new UsageError(`${cmd} needs JOB and RECORDING, got ${parsed.positionals.length} argument(s)${parsed.positionals.length ? `: ${parsed.positionals.join(' ')}` : ''}`)
  }
  const backend = v.backend ?? 'heap'
  if (backend !== 'heap' && backend !== 'leveldb') throw new UsageError(`--backend must be heap or leveldb, got "${backend}"`)
  const pt = v['processing-time'] ?? 'follow'
  if (pt !== 'follow' && pt !== 'manual') throw new UsageError(`--processing-time must be follow or manual, got "${pt}"`)
  if (v['state-dir'] !== undefined && backend !== 'leveldb') throw new UsageError('--state-dir only applies to --backend leveldb')
  const watchdogMs = v['watchdog-ms'] === undefined ? 5000 : Number(v['watchdog-ms'])
  if (!Number.isFinite(watchdogMs) || watchdogMs <= 0) throw new UsageError(`--watchdog-ms must be a positive number, got "${v['watchdog-ms']}"`)
  let stopAfter: number | undefined
  if (v['stop-after'] !== undefined) {
    stopAfter = Number(v['stop-after'])
    if (!Number.isInteger(stopAfter) || stopAfter < 0) throw new UsageError(`--stop-after must be a whole number of records, got "${v['stop-after']}"`)
  }
  if (cmd === 'run' && (v.expect !== undefined || v.update !== undefined || v['max-diffs'] !== undefined)) {
    throw new UsageError('--expect, --update and --max-diffs belong to "riffle test"')
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
  }
  if (cmd === 'run') return { kind: 'run', watchdogMs, options }
  if (v.expect === undefined) throw new UsageError('test needs --expect GOLDEN.jsonl (the expected output lines)')
  const maxDiffs = v['max-diffs'] === undefined ? 20 : Number(v['max-diffs'])
  if (!Number.isInteger(maxDiffs) || maxDiffs < 1) throw new UsageError(`--max-diffs must be a whole number >= 1, got "${v['max-diffs']}"`)
  return { kind: 'test', watchdogMs, options, expect: v.expect, update: v.update ?? false, maxDiffs }
}
