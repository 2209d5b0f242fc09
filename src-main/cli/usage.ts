// The help text of `npx riffle`: the overview (`riffle --help`) and each command's own (`riffle run --help`,
// `riffle help run`), both put together from one description of each option, so an option is described once.

/** The commands a user can ask help for. */
export const COMMANDS = ['run', 'test', 'trace', 'export'] as const
export type CommandName = (typeof COMMANDS)[number]

/** One option as the help lists it: the flag column and its description, one string per printed line. */
interface OptionHelp { flag: string; text: string[]; notInTrace?: true }

const RUN_OPTIONS: OptionHelp[] = [
  { flag: '--backend heap|leveldb', text: ['where keyed state lives (default heap)'] },
  { flag: '--state-dir DIR', text: ['LevelDB folder (default: a fresh temporary folder)'] },
  { flag: '--out FILE', text: ["write the job's output as JSON lines to FILE ('-' = standard output)"], notInTrace: true },
  { flag: '--processing-time follow|manual', text: ['follow: processing time follows record timestamps (default);', 'manual: starts at 0, only {"$processingTime": n} lines move it'] },
  { flag: '--drain-processing-timers', text: ['at end of input, fire the pending processing-time timers too'] },
  { flag: '--skip-bad-lines', text: ['count and list bad recording lines instead of stopping'] },
  { flag: '--watchdog-ms N', text: ['stop the run when one call into the job takes longer (default 5000)'] },
  { flag: '--savepoint-out DIR', text: ['write a savepoint (state, timers, watermarks, reader position) at the', 'end, or after --stop-after N records; written atomically'], notInTrace: true },
  { flag: '--stop-after N', text: ['stop after N input records, N >= 1 (to continue later with --from-savepoint;', '0 with --savepoint-out: a savepoint before the first record)'], notInTrace: true },
  { flag: '--from-savepoint DIR', text: ['continue a run from a savepoint, on either backend, at any --parallelism'], notInTrace: true },
  {
    flag: '--parallelism N',
    text: ['split the keyed work by key group over N subtasks (default 1);', 'the output is the same records as with 1, each key\'s in the same', 'order, subtask after subtask (riffle test compares it as a multiset)'],
    notInTrace: true,
  },
  { flag: '--findings=error', text: ['exit 1 when the run raised a warning finding (for CI); the default,', '--findings=warn, reports them and exits 0'] },
  { flag: '--no-findings', text: ['do not watch for findings (the findings: block is left out)'] },
]

const COMMON_OPTIONS: OptionHelp[] = [
  { flag: '-h, --help', text: ['show this help'] },
  { flag: '-V, --version', text: ["print Riffle's version"] },
]

const TEST_OPTIONS: OptionHelp[] = [
  { flag: '--expect FILE', text: ['the golden file (JSON lines; compared as JSON, key order ignored)'] },
  { flag: '--update', text: ['write the output to the golden file instead of comparing'] },
  { flag: '--max-diffs N', text: ['differences to print (default 20)'] },
]

const TRACE_OPTIONS: OptionHelp[] = [
  { flag: '--step N', text: ['the first step to trace (1-based)'] },
  { flag: '--to M', text: ['the last step to trace (default N)'] },
  { flag: '--json', text: ['one JSON object per step (JSON lines) on standard output'] },
]

const EXPORT_OPTIONS: OptionHelp[] = [
  { flag: '--source kafka|file', text: ['where the cluster reads the records from'] },
  { flag: '--topic T --bootstrap-servers B --group-id G', text: ['the Kafka topic, servers and consumer group (--source kafka)'] },
  { flag: '--path P', text: ['the file (any path the cluster can read; --source file)'] },
  { flag: '--out FILE', text: ['where to write the program (default: standard output); never the job'] },
]

/** The width of the flag column (the description starts after it and two spaces of indent). */
const FLAG_WIDTH = 33

function optionLines(options: OptionHelp[]): string[] {
  return options.flatMap((o) => {
    const first = o.flag.length < FLAG_WIDTH ? `  ${o.flag.padEnd(FLAG_WIDTH)}${o.text[0]}` : `  ${o.flag}   ${o.text[0]}`
    return [first, ...o.text.slice(1).map((t) => `${' '.repeat(FLAG_WIDTH + 2)}${t}`)]
  })
}

const SYNOPSIS: Record<CommandName, string[]> = {
  run: [
    'npx riffle run JOB RECORDING [--backend heap|leveldb] [--state-dir DIR] [--out FILE]',
    '                             [--processing-time follow|manual] [--drain-processing-timers]',
    '                             [--skip-bad-lines] [--watchdog-ms N]',
    '                             [--savepoint-out DIR] [--stop-after N] [--from-savepoint DIR]',
    '                             [--parallelism N] [--findings=error] [--no-findings]',
  ],
  test: ['npx riffle test JOB RECORDING --expect GOLDEN.jsonl [--update] [--max-diffs N] [run options]'],
  trace: ['npx riffle trace JOB RECORDING --step N [--to M] [--json] [run options]'],
  export: [
    'npx riffle export JOB.py --source kafka --topic T --bootstrap-servers B --group-id G [--out FILE]',
    'npx riffle export JOB.py --source file --path P [--out FILE]',
  ],
}

const REPLAYS = `Replays RECORDING (.jsonl/.ndjson/.csv, optionally .gz, or kcat -J output; - reads standard input, which
is copied to a temporary file first, as a named pipe is) through JOB (a .ts or .js
module that default-exports (env) => stream, importing its API from 'riffle'; or a .py module written
against PyFlink's names that defines job(events) returning the output stream).`

const TEST_INTRO = 'riffle test runs like riffle run and compares the output lines (as --out writes them) with GOLDEN:'
const TEST_EXIT = ['Exit status: 0 equal (or updated); 1 different (a diff with line numbers is printed) or the job threw;', '2 bad arguments or a missing golden file (without --update); 3 as for riffle run.']

const EXPORT_INTRO = `riffle export writes a PyFlink 2.x program that runs a Python job's own job(events) on a Flink cluster, from a
Kafka topic or a file of JSON lines, and lists (on standard error and as comments in the program) what will not
run or will behave differently there:`
const EXPORT_EXIT = ['Exit status: 0 written; 2 a bad argument (one line naming it) or a job without job(events); 3 the write failed.']

const TRACE_INTRO = `riffle trace re-runs the job to step N and prints, for each step from N to M (default N), what the step
was and every call the job made in it, in order, with the job file's line and the result:`
const TRACE_RUN_OPTIONS = '(run options apply, except --out, --stop-after, the savepoint options and --parallelism)'
const TRACE_EXIT = ['Exit status: 0 traced; 1 the job threw in a traced step (traced up to the throwing call) or the watchdog', 'stopped one (the steps before it are traced), or with --findings=error a traced step raised a warning;', '2 bad arguments or a step past the end; 3 as for riffle run.']

const FINDINGS = `Findings: after the summary a findings: block lists what is legal but almost always a bug (a timer delete
that deleted nothing, a timer registered at or behind the watermark, more than 100 pending timers on a key,
wall-clock or random reads in job code) as warnings, and risks (state that grows forever, late records) as
hints, one line per kind and job line with a count and the first step and key.`

const ENVIRONMENT = `Environment: RIFFLE_LEVELDB_CACHE_ENTRIES=N caps the LevelDB write-back cache at N records (default 100000).
RIFFLE_PROGRESS_AFTER_MS=N: when standard error is a terminal, a run longer than N ms (default 1000) shows
its progress (records, rate, share of the file, time left) on one line; never when it is a file or a pipe,
nor while --out - prints the records on the same terminal.`

const OUT_FILE = `--out FILE (or the golden file of --update) is written to a temporary file beside it and renamed over it
only when the run succeeds; when it fails, FILE is untouched and what was written is in FILE.partial.
'-', pipes and devices are written directly. An --out that is the recording (also standard input
redirected from it), the job, or inside the state directory or a savepoint folder is refused.
Riffle makes the file or folder named (--out, --expect, --savepoint-out, --state-dir), not the folders above it.`

const RUN_EXIT = `A summary goes to standard error (without --out it says how to see the records). Exit status: 0 done; 1 the job's code threw (or never returned), or
stored or emitted a value that is not JSON data; 2 bad arguments, an unreadable job or a bad recording
line; 3 Riffle could not finish for a reason outside the job and its input: OUTPUT_WRITE_FAILED,
STATE_WRITE_FAILED, SAVEPOINT_WRITE_FAILED (a full disk, a closed pipe), WORKER_OUT_OF_MEMORY, WORKER_DIED,
TEMP_FOLDER_FAILED (TMPDIR missing, not writable or full); 130 / 143 stopped by Ctrl-C (SIGINT) / SIGTERM, as a failure stops it (FILE.partial kept, temporary folders
removed; a second signal quits at once); a terminal that closes (SIGHUP) stops it the same way, then it dies
of SIGHUP (129).`

/** Each command's examples: real files of this repository, so each runs as printed from its root. */
const EXAMPLES: Record<CommandName, string[]> = {
  run: ['npx riffle run examples/running-count.ts recordings/clicks-small.jsonl --out -'],
  test: [
    'npx riffle test examples/running-count.ts recordings/clicks-small.jsonl --expect running-count.golden.jsonl --update',
    'npx riffle test examples/running-count.ts recordings/clicks-small.jsonl --expect running-count.golden.jsonl',
  ],
  trace: ['npx riffle trace examples/sessionizer-seed.ts recordings/clicks-small.jsonl --step 3 --to 4'],
  export: ['npx riffle export examples/running-count.py --source file --path /data/clicks.jsonl --out main.py'],
}

const indented = (lines: string[]): string[] => lines.map((l) => `  ${l}`)

/** `riffle --help`: every command and option. */
export const USAGE = [
  'Usage:', ...indented(COMMANDS.flatMap((c) => SYNOPSIS[c])), '',
  REPLAYS, '',
  'Options:', ...optionLines([...RUN_OPTIONS, ...COMMON_OPTIONS]), '',
  TEST_INTRO, ...optionLines(TEST_OPTIONS), ...indented(TEST_EXIT), '',
  EXPORT_INTRO, ...optionLines(EXPORT_OPTIONS), ...indented(EXPORT_EXIT), '',
  TRACE_INTRO, ...optionLines(TRACE_OPTIONS), `  ${TRACE_RUN_OPTIONS}`, ...indented(TRACE_EXIT), '',
  FINDINGS, '',
  ENVIRONMENT, '',
  OUT_FILE, '',
  RUN_EXIT,
].join('\n')

/** `riffle CMD --help` / `riffle help CMD`: that command's usage, options, exit status and an example. */
export function commandUsage(cmd: CommandName): string {
  const runOptions = cmd === 'trace' ? RUN_OPTIONS.filter((o) => o.notInTrace !== true) : RUN_OPTIONS
  const body: Record<CommandName, string[]> = {
    run: [REPLAYS, '', 'Options:', ...optionLines([...RUN_OPTIONS, ...COMMON_OPTIONS]), '', FINDINGS, '', ENVIRONMENT, '', OUT_FILE, '', RUN_EXIT],
    test: [TEST_INTRO, ...optionLines(TEST_OPTIONS), '', 'Run options (as for riffle run):', ...optionLines([...runOptions, ...COMMON_OPTIONS]), '', OUT_FILE, '', ...TEST_EXIT],
    trace: [TRACE_INTRO, ...optionLines(TRACE_OPTIONS), '', 'Run options that apply (as for riffle run):', ...optionLines([...runOptions, ...COMMON_OPTIONS]),
      '', ...TRACE_EXIT],
    export: [EXPORT_INTRO, ...optionLines([...EXPORT_OPTIONS, ...COMMON_OPTIONS]), '', ...EXPORT_EXIT],
  }
  const examples = EXAMPLES[cmd]
  return [
    'Usage:', ...indented(SYNOPSIS[cmd]), '', ...body[cmd], '',
    examples.length > 1 ? 'Examples:' : 'Example:', ...indented(examples), '',
    'All commands: npx riffle --help',
  ].join('\n')
}

/** A usage error as every command prints it: what is wrong, then the help that says how (the command's own, when known). */
export function usageErrorLine(message: string, cmd: CommandName | null): string {
  return `${message} (see npx riffle${cmd === null ? '' : ` ${cmd}`} --help)`
}
