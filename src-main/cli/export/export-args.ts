// Parses `riffle export JOB.py --source kafka|file [source options] [--out FILE]` (docs/command-line.md). Each
// problem is one line naming the argument at fault (exit 2).
import { parseArgs } from 'node:util'
import { parseArgsMessage } from '../parse-args-message'
import type { ExportSource } from './generate-main'
import { repeatedOption } from '../repeated-option'

export interface ExportOptions {
  jobPath: string
  source: ExportSource
  /** Where the program goes; '-' (the default) is standard output. */
  out: string
}

export type ExportCommand = { kind: 'help' } | { kind: 'export'; options: ExportOptions }

/** A bad `riffle export` command line: its message names the argument. */
export class ExportUsageError extends Error {}

const KAFKA_OPTIONS = ['topic', 'bootstrap-servers', 'group-id'] as const

const EXPORT_OPTIONS = {
  source: { type: 'string' },
  topic: { type: 'string' },
  'bootstrap-servers': { type: 'string' },
  'group-id': { type: 'string' },
  path: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export function parseExportArgs(args: string[]): ExportCommand {
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: EXPORT_OPTIONS,
    })
  } catch (e) {
    throw new ExportUsageError(parseArgsMessage(e, args, Object.keys(EXPORT_OPTIONS)))
  }
  const v = parsed.values
  if (v.help) return { kind: 'help' }
  const twice = repeatedOption(parsed.tokens)
  if (twice !== null) throw new ExportUsageError(twice)
  const pos = parsed.positionals
  if (pos.length === 0) throw new ExportUsageError('JOB: export needs the Python job file (riffle export JOB.py --source kafka|file ...)')
  if (pos.length > 1) throw new ExportUsageError(`JOB: export takes one job file, got ${pos.length}: ${pos.join(' ')}`)
  const jobPath = pos[0]
  // Case ignored, as riffle run ignores it (COUNT.PY runs there).
  if (!jobPath.toLowerCase().endsWith('.py')) throw new ExportUsageError(`JOB: export writes a PyFlink program for a Python job (.py), got "${jobPath}"`)
  for (const [name, value] of Object.entries(v)) {
    if (typeof value === 'string' && value.trim() === '') throw new ExportUsageError(`--${name} must not be empty`)
  }
  if (v.source === undefined) throw new ExportUsageError('--source is required: kafka (with --topic, --bootstrap-servers, --group-id) or file (with --path)')
  let source: ExportSource
  if (v.source === 'kafka') {
    if (v.path !== undefined) throw new ExportUsageError('--path belongs to --source file, not --source kafka')
    // All the missing ones in one message: one at a time took a run per option to learn them.
    const missing = KAFKA_OPTIONS.filter((o) => v[o] === undefined).map((o) => `--${o}`)
    if (missing.length === 1) throw new ExportUsageError(`${missing[0]} is required with --source kafka`)
    if (missing.length > 1) throw new ExportUsageError(`${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]} are required with --source kafka`)
    source = { kind: 'kafka', topic: v.topic!, bootstrapServers: v['bootstrap-servers']!, groupId: v['group-id']! }
  } else if (v.source === 'file') {
    for (const o of KAFKA_OPTIONS) if (v[o] !== undefined) throw new ExportUsageError(`--${o} belongs to --source kafka, not --source file`)
    if (v.path === undefined) throw new ExportUsageError('--path is required with --source file (the file the cluster reads, one JSON record per line)')
    source = { kind: 'file', path: v.path }
  } else {
    throw new ExportUsageError(`--source must be kafka or file, got "${v.source}"`)
  }
  return { kind: 'export', options: { jobPath, source, out: v.out ?? '-' } }
}
