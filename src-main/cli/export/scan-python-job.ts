// `riffle export`'s static look at a Python job (docs/command-line.md, "riffle export"): finds its `job(events)`
// function and everything in it that Riffle accepts but a Flink cluster will not run, or will run differently:
// the seed article's `out.collect` form, Riffle's event-time TTL, PyFlink 1.x's `Time`, a function as the timestamp
// assigner, Riffle-only imports, wall-clock and random sources, processing time, TTL, side outputs and state and values between
// operators kept as JSON (state-type-notes.ts, operator-type-notes.ts). Works on
// tokens (python-tokens.ts), so words inside strings and comments never count.
import { logicalLines, type PyToken, tokenizePython } from './python-tokens'
import { operatorTypeNote } from './operator-type-notes'
import { stateTypeNote } from './state-type-notes'
import type { PortabilityNote } from './portability-note'

export type { NoteSeverity, PortabilityNote } from './portability-note'

export interface JobScan {
  /** The module-level `def job(...)`, or null when the module has none. */
  job: { line: number; params: string[] } | null
  notes: PortabilityNote[]
}

/** Modules whose use makes a replay differ from a cluster run: Riffle hands the job simulated time and a seeded random source. */
const NONDETERMINISTIC_MODULES: Record<string, string> = {
  time: 'reads the clock through Python `time`: Riffle hands the job its simulated processing time; on Flink it is the wall clock',
  random: 'uses Python `random`: Riffle seeds it per run so replays repeat; on Flink it is unseeded and differs on every run',
}

export function scanPythonJob(source: string): JobScan {
  const tokens = tokenizePython(source)
  const lines = logicalLines(tokens)
  const notes: PortabilityNote[] = []
  const firstUse = new Map<string, number>()
  let job: JobScan['job'] = null
  // Functions the module defines (at any depth): one passed as a timestamp assigner fails on Flink.
  const defined = new Set(lines.map(parseDef).filter((d) => d !== null).map((d) => d.name))
  for (const lt of lines) {
    const head = lt[0]
    if (head.text === 'import' || head.text === 'from') { scanImport(lt, notes); continue }
    const def = parseDef(lt)
    if (def !== null) {
      if (def.name === 'job' && head.indent === 0 && job === null) job = { line: head.line, params: def.params }
      const hooks: Record<string, string> = { process_element: 'process_element(value, ctx)', on_timer: 'on_timer(timestamp, ctx)' }
      if (head.indent > 0 && hooks[def.name] !== undefined && def.params.length >= 4) {
        notes.push({
          severity: 'fails', kind: 'out-collect', line: head.line,
          message: `${def.name}(${def.params.join(', ')}) takes \`${def.params[3]}\` (the seed article's out.collect form): PyFlink calls ${hooks[def.name]}, so the job fails there with a TypeError; yield the outputs instead (\`yield x\`, side outputs \`yield tag, x\`)`,
        })
      }
    }
    for (let i = 0; i < lt.length; i++) {
      const t = lt[i]
      if (t.kind !== 'name') continue
      const next = lt[i + 1]
      const after = lt[i + 2]
      if (t.text === 'TtlTimeCharacteristic' && next?.text === '.' && after?.text === 'EventTime') {
        notes.push({
          severity: 'fails', kind: 'event-time-ttl', line: t.line,
          message: "TtlTimeCharacteristic.EventTime is Riffle's extension (Flink has processing-time TTL only, FLINK-12005): PyFlink has no such member, so open() fails there; on Flink use processing-time TTL or clear state with event-time timers",
        })
      }
      if (t.text === 'with_timestamp_assigner' && next?.text === '(' && lt[i - 1]?.text === '.' && after !== undefined &&
        (after.text === 'lambda' || (after.kind === 'name' && defined.has(after.text) && lt[i + 3]?.text === ')'))) {
        notes.push({
          severity: 'fails', kind: 'assigner-function', line: after.line,
          message: `with_timestamp_assigner(${after.text === 'lambda' ? 'lambda ...' : after.text}) takes a function, which Riffle accepts: PyFlink's assign_timestamps_and_watermarks calls the assigner's extract_timestamp(value, record_timestamp), so the job fails there; pass an instance of a TimestampAssigner subclass`,
        })
      }
      if ((t.text === 'datetime' || t.text === 'date') && next?.text === '.' && (after?.text === 'now' || after?.text === 'utcnow' || after?.text === 'today')) {
        notes.push({ severity: 'differs', kind: 'wall-clock', line: t.line, message: `${t.text}.${after.text}() reads the wall clock on Flink, while Riffle's replay hands the job simulated time` })
      }
      if (t.text === 'OutputTag' && next?.text === '(' && t.indent > 0 && lt[i - 1]?.text !== '.') {
        notes.push({ severity: 'differs', kind: 'side-output-tag', line: t.line, message: "an OutputTag made inside a function or class: the exported main prints the side outputs of module-level OutputTag objects only, so this one's records go nowhere unless the job routes them itself (stream.get_side_output(tag))" })
      }
      const stateNote = stateTypeNote(lt, i)
      if (stateNote !== null) notes.push(stateNote)
      const operatorNote = operatorTypeNote(lt, i)
      if (operatorNote !== null) notes.push(operatorNote)
      if (!firstUse.has(t.text)) firstUse.set(t.text, t.line)
    }
  }
  const procTime = Math.min(firstUse.get('register_processing_time_timer') ?? Infinity, firstUse.get('current_processing_time') ?? Infinity)
  if (procTime !== Infinity) {
    notes.push({ severity: 'differs', kind: 'processing-time', line: procTime, message: "processing time is the wall clock on Flink: processing-time timers fire by real time, not as Riffle's replay moves them (following the record timestamps, or $processingTime lines)" })
  }
  const ttl = firstUse.get('enable_time_to_live')
  if (ttl !== undefined) {
    notes.push({ severity: 'differs', kind: 'ttl-wall-clock', line: ttl, message: "state TTL counts wall-clock processing time on Flink, while Riffle's replay counts simulated processing time: entries expire at other moments (and not at all during a short replay of old data)" })
  }
  if (!firstUse.has('assign_timestamps_and_watermarks')) {
    notes.push({ severity: 'differs', kind: 'no-timestamps', line: null, message: "the job assigns no timestamps (no assign_timestamps_and_watermarks): in Riffle its records have none, but records from Kafka carry the Kafka record timestamp, so ctx.timestamp() and event-time timers behave differently" })
  }
  notes.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity))
  return { job, notes }
}

/** `def NAME(params)`: the name and each parameter's name (`*args` and `**kw` keep their stars; `/` and a bare `*` are skipped). */
function parseDef(lt: PyToken[]): { name: string; params: string[] } | null {
  let i = lt[0].text === 'async' ? 1 : 0
  if (lt[i]?.text !== 'def' || lt[i + 1]?.kind !== 'name' || lt[i + 2]?.text !== '(') return null
  const name = lt[i + 1].text
  const params: string[] = []
  let depth = 0
  let current: string | null = null
  let star = ''
  let expectName = true
  for (i = i + 3; i < lt.length; i++) {
    const t = lt[i]
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++
    else if (t.text === ')' || t.text === ']' || t.text === '}') {
      if (depth === 0) break
      depth--
    } else if (depth === 0 && t.text === ',') {
      if (current !== null) params.push(current)
      current = null; star = ''; expectName = true
    } else if (depth === 0 && expectName && (t.text === '*' || t.text === '**')) {
      star = t.text
    } else if (depth === 0 && expectName && t.kind === 'name') {
      current = star + t.text
      expectName = false
    }
  }
  if (current !== null) params.push(current)
  return { name, params }
}

/** Notes for one `import ...` or `from M import ...` line. */
function scanImport(lt: PyToken[], notes: PortabilityNote[]): void {
  const line = lt[0].line
  if (lt[0].text === 'import') {
    // import a.b as c, d
    const modules: string[] = []
    let cur = ''
    let skip = false
    for (const t of lt.slice(1)) {
      if (t.text === ',') { modules.push(cur); cur = ''; skip = false } else if (t.text === 'as') skip = true
      else if (!skip) cur += t.text
    }
    modules.push(cur)
    for (const m of modules) moduleNote(m, line, notes)
    return
  }
  // from M import a, b as c   /   from M import (a, b)
  const importAt = lt.findIndex((t) => t.text === 'import')
  if (importAt < 0) return
  const module = lt.slice(1, importAt).map((t) => t.text).join('')
  moduleNote(module, line, notes)
  const names = lt.slice(importAt + 1).filter((t, k, all) => t.kind === 'name' && all[k - 1]?.text !== 'as' && t.text !== 'as').map((t) => t.text)
  if ((module === 'pyflink.common' || module === 'pyflink.common.time') && names.includes('Time')) {
    notes.push({
      severity: 'fails', kind: 'time-removed', line,
      message: `imports Time from ${module}: PyFlink 2.x removed Time (the seed article's 1.x form), so the job fails at this import on a 2.x cluster; use Duration (Duration.of_hours(24) for Time.hours(24))`,
    })
  }
}

function moduleNote(module: string, line: number, notes: PortabilityNote[]): void {
  const top = module.split('.')[0]
  if (top === 'riffle') {
    notes.push({ severity: 'fails', kind: 'riffle-only', line, message: `imports ${module}, which exists only inside Riffle: a Flink cluster has no such module` })
  }
  const why = NONDETERMINISTIC_MODULES[top]
  if (why !== undefined) notes.push({ severity: 'differs', kind: top === 'time' ? 'wall-clock' : 'random', line, message: why })
}
