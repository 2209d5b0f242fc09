// `npx riffle export`: reads the Python job, looks at it statically, writes the PyFlink program (to --out
// atomically, like `riffle run`'s --out, never over the job) and lists on standard error what will not run or
// will behave differently on a Flink cluster. Exit 0 written, 2 bad arguments or job (one Python cannot compile
// among them), 3 the write failed.
import { readFileSync, statSync } from 'node:fs'
import { basename, dirname, relative, resolve, sep } from 'node:path'
import { exitStatus } from '../exit-status'
import { openOutput } from '../output-file'
import { didYouMeanPath } from '../did-you-mean'
import { errnoReason } from '../../common/errno-reason'
import { jobFileNotUtf8 } from '../../sandbox/job-file-check'
import { pythonSyntaxProblem } from '../../sandbox/python/python-syntax'
import { outputPathProblem } from '../output-paths'
import { commandUsage, usageErrorLine } from '../usage'
import { type ExportOptions, ExportUsageError, parseExportArgs } from './export-args'
import { generateMain, sourceNotes } from './generate-main'
import { type PortabilityNote, scanPythonJob } from './scan-python-job'

export async function runExport(args: string[]): Promise<number> {
  let cmd
  try {
    cmd = parseExportArgs(args)
  } catch (e) {
    if (e instanceof ExportUsageError) return fail(2, usageErrorLine(e.message, 'export'))
    throw e
  }
  if (cmd.kind === 'help') {
    process.stdout.write(`${commandUsage('export')}\n`)
    return 0
  }
  return exportJob(cmd.options)
}

async function exportJob(o: ExportOptions): Promise<number> {
  let bytes: Buffer
  try {
    if (statSync(o.jobPath).isDirectory()) return fail(2, `JOB: ${o.jobPath} is a folder, not a Python job file`)
    bytes = readFileSync(o.jobPath)
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    return fail(2, err.code === 'ENOENT' ? `JOB: job file not found: ${o.jobPath}${didYouMeanPath(o.jobPath)}` : `JOB: cannot read ${o.jobPath}: ${errnoReason(err)}`)
  }
  // Not read with U+FFFD in place of bytes that are not UTF-8: CPython refuses such a file.
  const notUtf8 = jobFileNotUtf8(o.jobPath, bytes)
  if (notUtf8 !== null) return fail(2, `JOB: ${notUtf8.message}`)
  const source = bytes.toString('utf8')
  // The cluster's runpy would fail at it, as `riffle run` refuses it: Python's own compile(), not the static look.
  const syntax = await pythonSyntaxProblem(source, o.jobPath)
  if (syntax !== null) {
    const at = syntax.line < 1 ? o.jobPath : `${o.jobPath}:${syntax.line}:${Math.max(1, syntax.column)}`
    return fail(2, `JOB: the job does not compile: ${at}: ${syntax.type}: ${syntax.message}`)
  }
  const scan = scanPythonJob(source)
  if (scan.job === null) return fail(2, `JOB: ${o.jobPath} defines no module-level job(events) function, which the program calls with the source's stream`)
  if (scan.job.params.filter((p) => !p.startsWith('*')).length === 0) {
    return fail(2, `JOB: ${o.jobPath}:${scan.job.line}: job(${scan.job.params.join(', ')}) takes no events parameter; the program calls job(events)`)
  }
  const refused = outputPathProblem('--out', o.out, [{ path: o.jobPath, what: 'the job' }], [])
  if (refused !== null) return fail(2, refused)

  const jobDir = resolve(dirname(o.jobPath))
  const mainDir = o.out === '-' ? jobDir : resolve(dirname(o.out))
  const jobPathFromMain = relative(mainDir, resolve(o.jobPath)).split(sep).join('/')
  // A job without a timestamp assigner differs only on Kafka, whose records carry the Kafka record timestamp: a
  // file's records carry none, as in Riffle's replay.
  const jobNotes = o.source.kind === 'kafka' ? scan.notes : scan.notes.filter((n) => n.kind !== 'no-timestamps')
  const notes = [...jobNotes, ...sourceNotes(o.source)]
  const program = generateMain({
    jobPathFromMain, jobDisplay: basename(o.jobPath), mainName: o.out === '-' ? 'main.py' : basename(o.out), source: o.source, notes,
  })

  const opened = openOutput(o.out)
  if (!opened.ok) return fail(exitStatus(opened.error.code), `${opened.error.code}: ${opened.error.message}`)
  const file = opened.file
  try {
    file.write(Buffer.from(program, 'utf8'))
    file.commit()
  } catch (e) {
    const partial = file.abandon()
    return fail(3, `OUTPUT_WRITE_FAILED: ${(e as Error).message}${partial !== null ? ` (${o.out} was not changed)` : ''}`)
  }
  process.stderr.write(report(o, notes))
  return 0
}

/** The summary on standard error: where the program went and every note, the ones that stop the job first. */
function report(o: ExportOptions, notes: PortabilityNote[]): string {
  const where = o.out === '-' ? 'standard output' : o.out
  const from = o.source.kind === 'kafka' ? `Kafka topic ${o.source.topic}` : `file ${o.source.path}`
  const fmt = (n: PortabilityNote): string => `  ${n.line !== null ? `${o.jobPath}:${n.line}: ` : ''}${n.message}`
  const fails = notes.filter((n) => n.severity === 'fails')
  const differs = notes.filter((n) => n.severity === 'differs')
  const lines = [`riffle export: wrote a PyFlink 2.x program for ${o.jobPath} reading the ${from} to ${where}`]
  if (o.out === '-') lines.push(`  (save it beside ${basename(o.jobPath)}: it loads the job from its own folder)`)
  if (fails.length > 0) lines.push(`will not run on Flink until changed (${fails.length}):`, ...fails.map(fmt))
  lines.push(`behaves differently on Flink (${differs.length}):`, ...differs.map(fmt))
  return `${lines.join('\n')}\n`
}

function fail(code: number, message: string): number {
  process.stderr.write(`riffle export: ${message}\n`)
  return code
}
