// A step's trace as text (riffle trace without --json): a header saying what the step was, the job file's
// lines the step ran, then one line per call the job made, with its line and the result, then the findings
// raised in the step.
import type { StepTrace, TraceEntry } from '../common/trace-api'
import { notListedText } from '../common/trace-not-listed'
import { lineRangesText } from '../common/line-ranges'
import { findingLine } from './findings-block'
import { shownPath } from '../common/shown-path'
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from '../engine/api/time'
import { timeText } from '../debugger/trace/trace-values'
import { inputText } from '../common/input-text'

export function formatTrace(t: StepTrace, recordingName: string): string {
  const lines = [header(t, recordingName)]
  if (t.input !== undefined) lines.push(`  input: ${inputText(t.input)}`)
  if (t.timerOrigin?.registered) {
    const r = t.timerOrigin.registered
    lines.push(`  registered at step ${r.step}${r.where ? ` (${shownPath(r.where.file)}:${r.where.line})` : ''}`)
  }
  for (const d of t.timerOrigin?.missedDeletes ?? []) {
    lines.push(`  a delete at step ${d.step}${d.where ? ` (${shownPath(d.where.file)}:${d.where.line})` : ''} named ${timeText(d.timestamp)} and missed it`)
  }
  if (t.lines.length > 0) lines.push(`  lines run: ${lineRangesText(t.lines)}`)
  const width = Math.max(0, ...t.entries.map((e) => place(e).length))
  for (const e of t.entries) lines.push(`  ${place(e).padEnd(width)}  ${e.call}  ${e.result}`)
  const left = notListedText(t.notListed)
  if (left !== null) lines.push(`  ${left}`)
  if (t.entries.length === 0) lines.push('  (the job made no calls)')
  for (const f of t.findings) lines.push(`  ${findingLine(f)}`)
  if (t.error !== undefined) {
    const w = t.error.where
    lines.push(`  threw: ${t.error.message}${w && !t.error.message.includes(`:${w.line}`) ? ` (${shownPath(w.file)}:${w.line})` : ''}`)
  }
  return lines.join('\n')
}

function header(t: StepTrace, recordingName: string): string {
  const parts = [`step ${t.step}`, t.kind]
  if (t.timer !== undefined) parts.push(`${t.timer.domain} timer at ${timeText(t.timer.timestamp)}`)
  if (t.keyStr !== null) parts.push(`key ${t.keyStr}`)
  if (t.input !== undefined) parts.push(`${recordingName}:${t.input.line}`)
  // Before → after: a record's code read the first (its own watermark comes after its processElement). One value
  // when the step did not move it.
  const watermark = t.watermarkBefore === t.watermark ? watermarkText(t.watermark) : `${watermarkText(t.watermarkBefore)} → ${watermarkText(t.watermark)}`
  parts.push(`watermark ${watermark}`, `processing time ${timeText(t.processingTime)}`)
  return parts.join('  ')
}

/** The sentinels as what they mean: -2^63 printed as a number reads -9223372036854776000, which says nothing. */
function watermarkText(w: number): string {
  if (w <= MIN_TIMESTAMP) return 'none yet (Long.MIN_VALUE)'
  if (w >= MAX_TIMESTAMP) return 'end of input (Long.MAX_VALUE)'
  return String(w)
}

function place(e: TraceEntry): string {
  return e.where === null ? '?' : `${shownPath(e.where.file)}:${e.where.line}`
}

