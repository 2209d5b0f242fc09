// How a step's trace reads on screen: each call's one-line label and flag for the Trace view, and the inline
// values the editor shows at the end of each line the step ran (VS Code's inline values). Pure, unit-tested.
import type { FindingView, NotListed, StepTrace, TraceEntry } from '@common/trace-api'
import { json, timestamp, type TimeZoneChoice } from './format'
import { timesIn } from './values'

/** A flag worth a colour: a delete that deleted nothing, a registration of a timer already pending. */
export function entryFlag(e: TraceEntry): { text: string; level: 'warn' | 'info' } | null {
  if (e.kind === 'timerDelete' && !e.deleted) return { text: 'nothing deleted', level: 'warn' }
  if (e.kind === 'timerRegister' && e.alreadyPending) return { text: 'already pending', level: 'info' }
  return null
}

/** What the call returned or changed, when the engine's `result` is empty. */
function fallbackResult(e: TraceEntry): string {
  switch (e.kind) {
    case 'stateRead': return '→ ' + json(e.value, 60)
    case 'stateWrite': return `${json(e.before, 40)} → ${json(e.after, 40)}`
    case 'timerRegister': return e.alreadyPending ? 'already pending' : 'registered'
    case 'timerDelete': return e.deleted ? 'deleted' : 'nothing deleted'
    case 'timeRead': case 'clockRead': return '→ ' + json(e.value, 60)
    case 'output': return json(e.value, 80)
    case 'console': return JSON.stringify(e.text)
  }
}

export function entryResult(e: TraceEntry): string {
  return e.result.trim() !== '' ? e.result : fallbackResult(e)
}

/** The values a call read or wrote that the state view would show as times (a key is none, whatever its number). */
function timeValues(e: TraceEntry): number[] {
  switch (e.kind) {
    case 'stateRead': return timesIn(e.value, true)
    case 'stateWrite': return [...timesIn(e.before, true), ...timesIn(e.after, true)]
    case 'timeRead': return e.read === 'currentKey' ? [] : timesIn(e.value, true)
    case 'clockRead': return timesIn(e.value, true)
    default: return []
  }
}

/**
 * The call's result with each epoch-millisecond time in it followed by its readable time, as the state view shows
 * it ("→ 1708848120000 (2024-02-25T08:02:00.000Z)"): the engine's text is the job language's, so the times are put
 * in after their numbers rather than the value written anew.
 */
function resultWithTimes(e: TraceEntry, zone: TimeZoneChoice): string {
  let text = entryResult(e)
  for (const ms of new Set(timeValues(e))) text = text.replace(new RegExp(`(?<![\\d.])${ms}(?![\\d.])`, 'g'), timestamp(ms, zone))
  return text
}

/** The short name of a call for a hint line holding several: `event_count.update(2)` → `update`. */
function shortCall(e: TraceEntry): string {
  const m = /([A-Za-z_$][\w$]*)\s*\(/.exec(e.call.replace(/^.*\.(?=[A-Za-z_$][\w$]*\s*\()/, ''))
  return m?.[1] ?? e.kind
}

/**
 * One hint per line the step ran: the result of its call, or of each call (`value() → 1 · update: 1 → 2`) when
 * the line made several, a time with its readable time in `zone`; a line run many times (a loop) shows its last few results and how many there were. A trace
 * cut at its first calls (`notListed`) says so on the line of the last listed call: its count and last results are
 * then the listed ones, not the step's (the calls past the cut have no line).
 */
export function inlineHints(entries: readonly TraceEntry[], notListed?: NotListed, zone: TimeZoneChoice = 'utc'): Array<{ line: number; text: string }> {
  const byLine = new Map<number, TraceEntry[]>()
  for (const e of entries) {
    const line = e.where?.line
    if (line === undefined) continue
    const list = byLine.get(line) ?? []
    list.push(e)
    byLine.set(line, list)
  }
  const MAX_PARTS = 3
  const cutAt = notListed !== undefined && notListed.entries > 0 ? entries.findLast((e) => e.where)?.where?.line : undefined
  return [...byLine].map(([line, list]) => {
    const cut = line === cutAt
    const parts = list.map((e) => (list.length === 1 ? resultWithTimes(e, zone) : `${shortCall(e)}: ${resultWithTimes(e, zone)}`))
    const shown = parts.length > MAX_PARTS ? [`…${parts.length} calls${cut ? ' listed' : ''}`, ...parts.slice(-MAX_PARTS + 1)] : parts
    if (cut) shown.push(`… and ${notListed!.entries.toLocaleString('en-US')} more calls in the step, not listed`)
    return { line, text: shown.join(' · ') }
  })
}

/** The lines a step ran: the engine's list, else those of its calls in first-run order. */
export function ranLines(t: StepTrace): number[] {
  if (t.lines.length > 0) return t.lines
  return [...new Set(t.entries.map((e) => e.where?.line).filter((l): l is number => l !== undefined))]
}

/** `sessionizer-seed.ts:35` */
export function findingPlace(f: Pick<FindingView, 'file' | 'line'>): string {
  return `${f.file.replace(/^.*[\\/]/, '')}:${f.line}`
}

/**
 * A finding's count and first step as Problems and the editor's hover say them. A state that grows forever is no
 * event that happened N times: its count is the keys holding the state, and its step the one at which more than
 * 10,000 keys came to hold it (the run's step, the same on the command line).
 */
export function findingTally(f: FindingView): { count: string; countTitle: string; first: string } {
  const n = f.count.toLocaleString('en-US')
  const step = f.firstStep.toLocaleString('en-US')
  if (f.kind === 'stateGrowsForever') return { count: `${n} keys`, countTitle: `held by ${n} keys`, first: `first at step ${step}` }
  return { count: `${n}×`, countTitle: `happened ${n} times`, first: `first at step ${step}` }
}
