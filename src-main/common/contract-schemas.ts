// zod schemas for every request's arguments in contract.ts. The IPC wrapper and the browser server validate
// each call with these before a handler runs; the `satisfies` below makes a schema that drifts from the
// contract's types a compile error.
import { z } from 'zod'
import type { RequestArgs, RequestName } from './contract'
import { MAX_WATCH_LENGTH, MAX_WATCHES } from './debug-api'

const path = z.string().min(1).max(4096)
const sessionId = z.string().min(1).max(64)
const count = z.number().int().min(0).max(1_000_000_000)
const limit = z.number().int().min(0).max(10_000)

const stepTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('step') }),
  z.object({ kind: z.literal('record') }),
  z.object({ kind: z.literal('output') }),
  z.object({ kind: z.literal('timer') }),
  z.object({ kind: z.literal('end') }),
  z.object({ kind: z.literal('continue') }),
])

// Breakpoints (debug-api.ts BreakpointSpec), expressions bounded like job sources' small cousins.
const expr = z.string().min(1).max(10_000)
const bpBase = {
  id: z.string().min(1).max(128),
  enabled: z.boolean().optional(),
  log: z.string().max(10_000).optional(),
  operatorId: z.string().max(256).optional(),
}
const breakpoint = z.discriminatedUnion('kind', [
  z.object({ ...bpBase, kind: z.literal('key'), keyStr: z.string().max(100_000) }).strict(),
  z.object({ ...bpBase, kind: z.literal('event'), expression: expr }).strict(),
  z.object({ ...bpBase, kind: z.literal('timer'), domain: z.enum(['EVENT_TIME', 'PROCESSING_TIME']).optional(), keyStr: z.string().max(100_000).optional() }).strict(),
  z.object({ ...bpBase, kind: z.literal('output'), tag: z.string().max(256).nullable().optional() }).strict(),
  z.object({ ...bpBase, kind: z.literal('late') }).strict(),
  z.object({ ...bpBase, kind: z.literal('ttlExpiry'), stateName: z.string().max(256).optional() }).strict(),
  z.object({ ...bpBase, kind: z.literal('state'), expression: expr }).strict(),
  z.object({
    ...bpBase, kind: z.literal('line'), line: z.number().int().min(1).max(10_000_000), file: z.string().max(4096).optional(),
    condition: z.string().max(10_000).optional(),
  }).strict(),
])

const startArgs = z.object({
  jobPath: path,
  jobSource: z.string().max(5_000_000).optional(),
  recordingPath: path,
  backend: z.enum(['heap', 'leveldb']),
  processingTime: z.enum(['follow', 'manual']),
  drainProcessingTimers: z.boolean().optional(),
  skipBadLines: z.boolean().optional(),
  watchdogMs: z.number().int().min(100).max(600_000).optional(),
  findings: z.boolean().optional(),
}).strict()

const keyQuery = z.object({
  operatorId: z.string().max(256).optional(),
  search: z.string().max(1000).optional(),
  sort: z.enum(['lastTouched', 'key', 'records', 'stateEntries', 'timers']).optional(),
  descending: z.boolean().optional(),
  offset: count,
  limit,
}).strict()

const outputFilter = z.object({
  keyStr: z.string().max(100_000).optional(),
  tag: z.string().max(256).nullable().optional(),
}).strict()

export const REQUEST_SCHEMAS = {
  'app.info': z.tuple([]),
  'examples.list': z.tuple([]),
  'recordings.list': z.tuple([]),
  'recordings.scan': z.tuple([path]),
  'files.list': z.tuple([]),
  'files.read': z.tuple([path]),
  'files.save': z.tuple([path, z.string().max(5_000_000)]),
  'job.checkSyntax': z.tuple([path, z.string().max(5_000_000)]),
  'dialog.openJob': z.tuple([]),
  'dialog.saveJob': z.tuple([path, z.string().max(5_000_000)]),
  'dialog.openRecording': z.tuple([]),
  'session.start': z.tuple([startArgs]),
  'session.attach': z.tuple([sessionId, z.string().min(1).max(128)]),
  'session.step': z.tuple([sessionId, stepTarget, z.number().int().min(1).max(100_000_000).optional()]),
  'session.status': z.tuple([sessionId]),
  'session.operators': z.tuple([sessionId]),
  'session.keys': z.tuple([sessionId, keyQuery]),
  'session.keyState': z.tuple([sessionId, z.string().max(256), z.string().max(100_000)]),
  'session.timers': z.tuple([sessionId, count, limit]),
  'session.outputs': z.tuple([sessionId, count, limit, outputFilter.optional()]),
  'session.outputTail': z.tuple([sessionId, limit, outputFilter.optional()]),
  'session.stop': z.tuple([sessionId]),
  'session.close': z.tuple([sessionId, z.object({ keepOutputs: z.boolean().optional() }).strict().optional()]),
  'session.seek': z.tuple([sessionId, count]),
  'session.stepBack': z.tuple([sessionId]),
  'session.setBreakpoints': z.tuple([sessionId, z.array(breakpoint).max(1000)]),
  'session.logpointHits': z.tuple([sessionId, z.string().min(1).max(128)]),
  'session.keyHistory': z.tuple([sessionId, z.string().max(256), z.string().max(100_000)]),
  'session.lineage': z.tuple([sessionId, count]),
  'session.keyTimeline': z.tuple([sessionId, z.string().max(256), z.string().max(100_000)]),
  'session.watch': z.tuple([sessionId, z.string().max(256), z.string().max(100_000), z.array(z.string().min(1).max(MAX_WATCH_LENGTH)).max(MAX_WATCHES)]),
  'session.compareOutputs': z.tuple([sessionId, sessionId]),
  'session.backendCheck': z.tuple([sessionId]),
  'session.trace': z.tuple([sessionId, z.number().int().min(1).max(1_000_000_000)]),
  'session.findings': z.tuple([sessionId]),
  'session.failure': z.tuple([sessionId]),
  'session.console': z.tuple([sessionId, count, limit]),
  'session.series': z.tuple([sessionId]),
  'session.saveSavepoint': z.tuple([sessionId, path]),
  'session.loadSavepoint': z.tuple([sessionId, path]),
} satisfies { [K in RequestName]: z.ZodType<RequestArgs<K>> }

/** Validates one call's arguments; returns them parsed, or a readable reason. */
export function validateArgs<K extends RequestName>(
  name: K, args: unknown,
): { ok: true; args: RequestArgs<K> } | { ok: false; reason: string } {
  const schema = REQUEST_SCHEMAS[name] as unknown as z.ZodType<RequestArgs<K>>
  // Trailing optional arguments may be sent as undefined (JSON turns them into null); drop them.
  const list = Array.isArray(args) ? trimTrailingEmpty(args) : args
  const parsed = schema.safeParse(list)
  if (parsed.success) return { ok: true, args: parsed.data }
  const issue = parsed.error.issues[0]
  return { ok: false, reason: `${name}: argument ${issue?.path.join('.') || ''} ${issue?.message ?? 'is invalid'}`.trim() }
}

function trimTrailingEmpty(args: unknown[]): unknown[] {
  let end = args.length
  while (end > 0 && (args[end - 1] === undefined || args[end - 1] === null)) end--
  return args.slice(0, end)
}
