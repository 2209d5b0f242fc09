// `npx riffle export` as a user runs it (docs/command-line.md): spawned as `node bin/riffle.mjs export`, the program
// it writes compiled by CPython (py_compile) and then run as __main__ under CPython with stub modules holding
// PyFlink 2.x's module paths, names and signatures (pyflink-stubs/), so every import must resolve and every
// pipeline-building call must match; no stream runs. Also: the notes on standard error, bad arguments, --out.
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../../../src-main/cli/main'
import { tempDir } from '../../helpers/run-inline'

const root = join(__dirname, '../../../..')
const fixtures = join(__dirname, 'fixtures')
const KAFKA = ['--source', 'kafka', '--topic', 'clicks', '--bootstrap-servers', 'kafka:9092', '--group-id', 'riffle']
beforeAll(() => { execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')], { cwd: root, stdio: 'pipe' }) })

function riffle(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function python(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('python3', ['-B', ...args], { encoding: 'utf8', timeout: 30_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** The fixture job copied into a fresh folder, as a user's job file. */
function jobIn(fixture: string, dir = tempDir()): string {
  const p = join(dir, fixture)
  copyFileSync(join(fixtures, fixture), p)
  return p
}

/** The command line's main() in this process, with what it writes captured. */
async function inProcess(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out.push(String(s)); return true })
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err.push(String(s)); return true })
  const cwd = process.cwd()
  try {
    process.chdir(root)
    return { code: await main(argv), stdout: out.join(''), stderr: err.join('') }
  } finally {
    process.chdir(cwd)
    o.mockRestore()
    e.mockRestore()
  }
}

type Call = [string, unknown]

/** Compiles the program, runs it under the stubs and returns the pipeline calls it made. */
function buildUnderStubs(main: string): Call[] {
  const compiled = python('-m', 'py_compile', main)
  expect(compiled.stderr).toBe('')
  expect(compiled.code).toBe(0)
  const r = python(join(__dirname, 'run-main-under-stubs.py'), main)
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as Call[]
}

const names = (calls: Call[]): string[] => calls.map((c) => c[0])
const detail = (calls: Call[], name: string): unknown[] => calls.filter((c) => c[0] === name).map((c) => c[1])

describe('riffle export: the program runs the job unchanged on PyFlink 2.x', () => {
  it('seed sessionizer from Kafka: compiles, imports only PyFlink 2.x names, builds source -> job(events) with its watermark strategy -> print, and runs', () => {
    const job = jobIn('sessionizer-seed.py')
    const main = join(job, '../main.py')
    const r = riffle('export', job, ...KAFKA, '--out', main)
    expect(r.code).toBe(0)
    const calls = buildUnderStubs(main)
    expect(detail(calls, 'KafkaSourceBuilder.build')).toEqual([{
      bootstrap_servers: 'kafka:9092', topics: ['clicks'], group_id: 'riffle', starting_offsets: 'earliest', value_only_deserializer: 'SimpleStringSchema',
    }])
    expect(names(calls)).toEqual([
      'StreamExecutionEnvironment.get_execution_environment', 'KafkaSourceBuilder.build', 'WatermarkStrategy.no_watermarks',
      'StreamExecutionEnvironment.from_source', 'DataStream.map', 'DataStream.filter',
      // job(events), from the job file: its own watermark strategy (5 s bounded out of orderness, its assigner)
      'WatermarkStrategy.for_bounded_out_of_orderness', 'WatermarkStrategy.with_timestamp_assigner',
      'DataStream.assign_timestamps_and_watermarks', 'DataStream.key_by', 'KeyedStream.process', 'DataStream.name',
      // the outputs as `riffle run --out` lines
      'DataStream.process', 'DataStream.print', 'StreamExecutionEnvironment.execute',
    ])
    expect(detail(calls, 'StreamExecutionEnvironment.from_source')).toEqual([['KafkaSource', 'none', 'kafka: clicks']])
    expect(detail(calls, 'WatermarkStrategy.for_bounded_out_of_orderness')).toEqual([5000])
    expect(detail(calls, 'WatermarkStrategy.with_timestamp_assigner')).toEqual(['EventTime'])
    expect(detail(calls, 'KeyedStream.process')).toEqual(['Sessionizer'])
    // The job file itself is untouched.
    expect(readFileSync(job, 'utf8')).toBe(readFileSync(join(fixtures, 'sessionizer-seed.py'), 'utf8'))
  })

  it('seed sessionizer: the out.collect form is listed, at its lines, on standard error and in the program, as what will not run on Flink', () => {
    const job = jobIn('sessionizer-seed.py')
    const main = join(job, '../main.py')
    const r = riffle('export', job, ...KAFKA, '--out', main)
    expect(r.code).toBe(0)
    const stderr = r.stderr.split('\n')
    const notRun = stderr.indexOf('will not run on Flink until changed (2):')
    expect(notRun).toBeGreaterThan(0)
    expect(stderr[notRun + 1]).toMatch(new RegExp(`^  ${job}:21: process_element\\(self, event, ctx, out\\) takes \`out\``))
    expect(stderr[notRun + 2]).toMatch(new RegExp(`^  ${job}:35: on_timer\\(self, timestamp, ctx, out\\) takes \`out\``))
    expect(r.stderr).toContain('a Kafka topic never ends')
    const program = readFileSync(main, 'utf8')
    expect(program).toContain('# WILL NOT RUN ON FLINK until changed (found by riffle export):\n#   - sessionizer-seed.py:21: process_element(self, event, ctx, out)')
    expect(program).toContain('#   - sessionizer-seed.py:35: on_timer(self, timestamp, ctx, out)')
  })

  it('a portable job from a file: module-level side outputs are printed too, and nothing is listed as failing', () => {
    const job = jobIn('portable-late-events.py')
    const main = join(job, '../flink-main.py')
    const r = riffle('export', job, '--source', 'file', '--path', 'hdfs:///data/clicks.jsonl', '--out', main)
    expect(r.code).toBe(0)
    expect(r.stderr).not.toContain('will not run')
    expect(r.stderr).toContain("Riffle's CSV and kcat -J recordings are not parsed here")
    const calls = buildUnderStubs(main)
    expect(detail(calls, 'FileSourceBuilder.build')).toEqual([{ format: 'text_line', paths: ['hdfs:///data/clicks.jsonl'] }])
    expect(detail(calls, 'StreamExecutionEnvironment.from_source')).toEqual([['FileSource', 'none', 'file: hdfs:///data/clicks.jsonl']])
    expect(detail(calls, 'KeyedStream.process')).toEqual(['CountPerUser'])
    expect(detail(calls, 'DataStream.get_side_output')).toEqual(['late'])
    expect(detail(calls, 'DataStream.process')).toEqual(['ToJsonLine', 'ToJsonLine'])
    expect(detail(calls, 'DataStream.print')).toHaveLength(2)
    expect(readFileSync(main, 'utf8')).not.toContain('WILL NOT RUN')
  })

  it('a job using what only Riffle has: every note on standard error, and PyFlink 2.x really fails at the first one (Time)', () => {
    const job = jobIn('riffle-only-dedup.py')
    const main = join(job, '../main.py')
    const r = riffle('export', job, '--source', 'file', '--path', '/data/in.jsonl', '--out', main)
    expect(r.code).toBe(0)
    const at = (line: number): string => `  ${job}:${line}: `
    expect(r.stderr).toContain('will not run on Flink until changed (2):\n' +
      `${at(9)}imports Time from pyflink.common: PyFlink 2.x removed Time`)
    expect(r.stderr).toContain(`${at(22)}TtlTimeCharacteristic.EventTime is Riffle's extension`)
    for (const [line, text] of [[5, 'uses Python `random`'], [6, 'reads the clock through Python `time`'], [25, 'state TTL counts wall-clock'],
      [27, 'an OutputTag made inside a function or class'], [34, 'processing time is the wall clock'], [35, 'datetime.now() reads the wall clock']] as const) {
      expect(r.stderr).toContain(`${at(line)}${text}`)
    }
    expect(python('-m', 'py_compile', main).code).toBe(0)
    const run = python(join(__dirname, 'run-main-under-stubs.py'), main)
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain("ImportError: cannot import name 'Time' from 'pyflink.common'")
  })

  it('finds the job from another folder, and source values with quotes, backslashes, newlines and non-ASCII reach PyFlink exactly', () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'jobs'))
    mkdirSync(join(dir, 'deploy'))
    const job = jobIn('portable-late-events.py', join(dir, 'jobs'))
    const main = join(dir, 'deploy', 'main.py')
    const topic = 'clicks "eu"\\\n# not a comment\u00e9\u{1F600}'
    const r = riffle('export', job, '--source', 'kafka', '--topic', topic, '--bootstrap-servers', 'b:1', '--group-id', "g'1", '--out', main)
    expect(r.code).toBe(0)
    expect(readFileSync(main, 'utf8')).toContain('"../jobs/portable-late-events.py"')
    const calls = buildUnderStubs(main)
    expect(detail(calls, 'KafkaSourceBuilder.build')).toEqual([expect.objectContaining({ topics: [topic], group_id: "g'1" })])
    expect(detail(calls, 'StreamExecutionEnvironment.from_source')).toEqual([['KafkaSource', 'none', `kafka: ${topic}`]])
  })
  it("a job that yields Rows and whole floats: the program's output lines are riffle run --out's (PyFlink's Row is no tuple for json)", () => {
    const dir = tempDir()
    const job = join(dir, 'rows.py')
    writeFileSync(job, `from pyflink.common import Row
from pyflink.datastream.functions import KeyedProcessFunction


class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        yield Row(user=value["user"], n=value["n"])
        yield {"row": Row(value["user"], Row(b=2, a=1)), "t": (1, 2)}
        yield [value["n"] / 1, value["n"] / 2, -0.0, 1e300, 2.0 ** 60]


def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`)
    const recording = join(dir, 'rec.jsonl')
    writeFileSync(recording, '{"user": "u1", "n": 3}\n')
    const ran = riffle('run', job, recording, '--out', '-')
    expect(ran.code, ran.stderr).toBe(0)
    const main = join(dir, 'main.py')
    expect(riffle('export', job, '--source', 'file', '--path', '/data/in.jsonl', '--out', main).code).toBe(0)
    buildUnderStubs(main)
    // The program's sink, fed what the job yields on Flink (PyFlink's Row: the stub's, an object as PyFlink's is).
    const sink = python('-c', `import runpy, sys
sys.path.insert(0, ${JSON.stringify(join(__dirname, 'pyflink-stubs'))})
program = runpy.run_path(${JSON.stringify(main)}, run_name="exported")
job = runpy.run_path(${JSON.stringify(job)}, run_name="riffle_job")

class Ctx:
    def timestamp(self):
        return None

for value in job["F"]().process_element({"user": "u1", "n": 3}, Ctx()):
    print(next(program["ToJsonLine"]().process_element(value, Ctx())))
`)
    expect(sink.stderr).toBe('')
    expect(sink.stdout).toBe(ran.stdout)
    // Python's json wrote 3.0 and -0.0 where riffle run writes 3 and 0 (JavaScript's numbers).
    expect(sink.stdout).toBe('{"value":[3,"u1"],"timestamp":null}\n{"value":{"row":["u1",[1,2]],"t":[1,2]},"timestamp":null}\n' +
      '{"value":[3,1.5,0,1e+300,1152921504606847000],"timestamp":null}\n')
  })


  it('every examples/*.py: the program compiles, and builds under PyFlink 2.x exactly when export lists no import that 2.x lacks', async () => {
    const examples = readdirSync(join(root, 'examples')).filter((n) => n.endsWith('.py'))
    expect(examples.length).toBeGreaterThan(0)
    const dir = tempDir()
    for (const name of examples) {
      const job = join(dir, name)
      copyFileSync(join(root, 'examples', name), job)
      const main = join(dir, `${name}-main.py`)
      const r = await inProcess('export', job, '--source', 'file', '--path', '/data/in.jsonl', '--out', main)
      expect(r.code, name).toBe(0)
      expect(python('-m', 'py_compile', main).code, name).toBe(0)
      const importFails = /imports Time from|exists only inside Riffle/.test(r.stderr)
      const built = python(join(__dirname, 'run-main-under-stubs.py'), main)
      expect(built.code === 0, `${name}: ${built.stderr}`).toBe(!importFails)
      if (built.code === 0) expect(names(JSON.parse(built.stdout) as Call[]), name).toContain('KeyedStream.process')
    }
  })

  it("a job that assigns no timestamps: the Kafka record timestamp is a note for a Kafka source only (a file's records carry none, as in Riffle)", () => {
    const job = join(tempDir(), 'no-ts.py')
    writeFileSync(job, 'def job(events):\n    return events.key_by(lambda e: e["user"])\n')
    const kafka = riffle('export', job, ...KAFKA, '--out', '-')
    expect(kafka.code).toBe(0)
    expect(kafka.stderr).toContain('the job assigns no timestamps')
    expect(kafka.stdout).toContain('Kafka record timestamp')
    const file = riffle('export', job, '--source', 'file', '--path', '/data/clicks.jsonl', '--out', '-')
    expect(file.code).toBe(0)
    expect(file.stderr).not.toMatch(/assigns no timestamps|Kafka record/)
    expect(file.stdout).not.toMatch(/assigns no timestamps|Kafka record/)
  })

  it('without --out the program goes to standard output and the report to standard error', () => {
    const job = jobIn('portable-late-events.py')
    const r = riffle('export', job, ...KAFKA)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^# Generated by `npx riffle export portable-late-events.py`/)
    expect(r.stdout).toContain('def main():')
    expect(r.stderr).toContain('to standard output\n  (save it beside portable-late-events.py')
    const main = join(job, '../main.py')
    writeFileSync(main, r.stdout)
    expect(names(buildUnderStubs(main))).toContain('KeyedStream.process')
  })
})

describe('riffle export: arguments and --out', () => {
  const job = jobIn('sessionizer-seed.py')
  const noJobFn = join(tempDir(), 'nojob.py')
  writeFileSync(noJobFn, 'def jobs(events):\n    return events\n\nclass X:\n    def job(self, events):\n        return events\n')
  const noParam = join(tempDir(), 'noparam.py')
  writeFileSync(noParam, 'def job():\n    return None\n')
  const latin1 = join(tempDir(), 'latin1.py')
  writeFileSync(latin1, Buffer.concat([Buffer.from('# a job\n# caf'), Buffer.from([0xe9]), Buffer.from('\ndef job(events):\n    return events\n')]))
  // It still has a module-level job(events) for the static look; the cluster's runpy fails at it, as `riffle run` does.
  const broken = join(tempDir(), 'broken.py')
  writeFileSync(broken, 'def job(events):\n    return events.map(lambda e: e\n')
  const cases: [string, string[], RegExp][] = [
    ['no job file', ['--source', 'file', '--path', 'p'], /^riffle export: JOB: export needs the Python job file/],
    ['a TypeScript job', ['examples/sessionizer-seed.ts', '--source', 'file', '--path', 'p'], /^riffle export: JOB: export writes a PyFlink program for a Python job \(\.py\), got "examples\/sessionizer-seed\.ts"$/],
    ['two job files', [job, job, '--source', 'file', '--path', 'p'], /^riffle export: JOB: export takes one job file, got 2/],
    ['a missing job file', ['nowhere/job.py', '--source', 'file', '--path', 'p'], /^riffle export: JOB: job file not found: nowhere\/job\.py$/],
    ['a module without job(events)', [noJobFn, '--source', 'file', '--path', 'p'], /^riffle export: JOB: .*nojob\.py defines no module-level job\(events\) function/],
    ['a job file that is not UTF-8', [latin1, '--source', 'file', '--path', 'p'], /^riffle export: JOB: .*latin1\.py:2: not UTF-8: byte 0xE9 at column 6: a job file is read as UTF-8 text/],
    ['a job that does not compile', [broken, '--source', 'file', '--path', 'p'], /^riffle export: JOB: the job does not compile: .*broken\.py:2:22: SyntaxError: '\(' was never closed$/],
    ['job() without a parameter', [noParam, '--source', 'file', '--path', 'p'], /^riffle export: JOB: .*noparam\.py:1: job\(\) takes no events parameter/],
    ['no --source', [job], /^riffle export: --source is required: kafka .* or file/],
    ['an unknown --source', [job, '--source', 's3'], /^riffle export: --source must be kafka or file, got "s3"$/],
    ['kafka without --topic', [job, '--source', 'kafka', '--bootstrap-servers', 'b', '--group-id', 'g'], /^riffle export: --topic is required with --source kafka$/],
    ['kafka without --bootstrap-servers', [job, '--source', 'kafka', '--topic', 't', '--group-id', 'g'], /^riffle export: --bootstrap-servers is required with --source kafka$/],
    ['kafka without --group-id', [job, '--source', 'kafka', '--topic', 't', '--bootstrap-servers', 'b'], /^riffle export: --group-id is required with --source kafka$/],
    // All the missing ones at once: a user fixing one at a time ran export three times to learn the three.
    ['kafka with none of its options', [job, '--source', 'kafka'], /^riffle export: --topic, --bootstrap-servers and --group-id are required with --source kafka$/],
    ['kafka with only --bootstrap-servers', [job, '--source', 'kafka', '--bootstrap-servers', 'b'], /^riffle export: --topic and --group-id are required with --source kafka$/],
    ['kafka with --path', [job, ...KAFKA, '--path', 'p'], /^riffle export: --path belongs to --source file, not --source kafka$/],
    ['file without --path', [job, '--source', 'file'], /^riffle export: --path is required with --source file/],
    ['file with --topic', [job, '--source', 'file', '--path', 'p', '--topic', 't'], /^riffle export: --topic belongs to --source kafka, not --source file$/],
    ['an empty --topic', [job, '--source', 'kafka', '--topic', ' ', '--bootstrap-servers', 'b', '--group-id', 'g'], /^riffle export: --topic must not be empty$/],
    ['--topic given twice', [job, ...KAFKA, '--topic', 'other'], /^riffle export: --topic is given twice \("[^"]+", then "other"\): give it once$/],
    ['a run option', [job, '--source', 'file', '--path', 'p', '--backend', 'heap'], /^riffle export: unknown option --backend$/],
    ['a misspelt option', [job, '--sourc', 'file', '--path', 'p'], /^riffle export: unknown option --sourc \(did you mean --source\?\)$/],
    ['a value that starts with a dash', [job, '--source', 'file', '--path', '-x'], /^riffle export: --path needs a value, and "-x" reads as an option: write --path=-x if it is the value$/],
    ['--out that is the job', [job, '--source', 'file', '--path', 'p', '--out', job], /^riffle export: --out .* is the job .*writing it would destroy it/],
  ]
  // What is wrong with the job file itself (found by reading it) is not a mistake of the command line: no pointer at the help.
  const notUsage = ['a missing job file', 'a job file that is not UTF-8', 'a job that does not compile', 'a module without job(events)', 'job() without a parameter', '--out that is the job']
  const tail = ' (see npx riffle export --help)'
  for (const [what, args, message] of cases) {
    it(`${what}: exit 2 with one line naming the argument${notUsage.includes(what) ? '' : ' and pointing at export\'s help'}`, async () => {
      // In-process (the command line's own main), to keep the suite quick; the spawned CLI is checked above and below.
      const r = await inProcess('export', ...args)
      expect(r.code).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1)
      // As every other command's usage error ends (the run options' ones with `npx riffle run --help`).
      if (notUsage.includes(what)) expect(r.stderr).not.toContain('--help')
      else expect(r.stderr.endsWith(`${tail}\n`), r.stderr).toBe(true)
      expect(r.stderr.trim().replace(tail, '')).toMatch(message)
    })
  }

  it('never overwrites the job, also through a symbolic link, and leaves it untouched', () => {
    const dir = tempDir()
    const j = jobIn('sessionizer-seed.py', dir)
    symlinkSync(j, join(dir, 'link.py'))
    const r = riffle('export', j, '--source', 'file', '--path', 'p', '--out', join(dir, 'link.py'))
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/is the job/)
    expect(readFileSync(j, 'utf8')).toBe(readFileSync(join(fixtures, 'sessionizer-seed.py'), 'utf8'))
  })

  it('replaces an existing --out whole (written beside it and renamed), leaving no temporary file', () => {
    const dir = tempDir()
    const j = jobIn('portable-late-events.py', dir)
    const main = join(dir, 'main.py')
    writeFileSync(main, 'old program\n')
    expect(riffle('export', j, '--source', 'file', '--path', 'p', '--out', main).code).toBe(0)
    expect(readFileSync(main, 'utf8')).toMatch(/^# Generated by `npx riffle export/)
    expect(readdirSync(dir).sort()).toEqual(['main.py', 'portable-late-events.py'])
  })

  it('an --out in a folder that does not exist: exit 2 with the message `riffle run --out` gives, nothing written', () => {
    const dir = tempDir()
    const j = jobIn('portable-late-events.py', dir)
    const out = join(dir, 'missing', 'main.py')
    const r = riffle('export', j, '--source', 'file', '--path', 'p', '--out', out)
    expect(r.code).toBe(2)
    // It said "--out: cannot write --out ...", naming the option twice.
    expect(r.stderr).toBe(`riffle export: BAD_ARGUMENT: cannot write --out ${out}: its folder ${join(dir, 'missing')} does not exist\n`)
    const run = riffle('run', 'examples/running-count.ts', 'recordings/clicks-small.jsonl', '--out', out)
    expect(run.stderr.replace(/^riffle: /, 'riffle export: ')).toBe(r.stderr)
    expect(existsSync(join(dir, 'missing'))).toBe(false)
  })

  it('--help and `riffle --help` describe export', () => {
    for (const args of [['export', '--help'], ['--help']]) {
      const r = riffle(...args)
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('npx riffle export JOB.py --source kafka --topic T --bootstrap-servers B --group-id G [--out FILE]')
      expect(r.stdout).toContain('--path P')
    }
  })
})

describe('riffle export: a job file named in capitals', () => {
  // riffle run takes COUNT.PY (the extension check ignores case); export refused it as not a Python job.
  it('JOB.PY is exported as job.py is', async () => {
    const dir = tempDir()
    copyFileSync(join(root, 'examples/running-count.py'), join(dir, 'COUNT.PY'))
    const out = join(dir, 'main.py')
    const r = await inProcess('export', join(dir, 'COUNT.PY'), '--source', 'file', '--path', 'p', '--out', out)
    expect(r.code, r.stderr).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain('"COUNT.PY"')
  })
})
