// What the status line says, item by item, each with its shorter forms and when it gives way to keep the line one
// row (status-fit.ts): the position (event n of total, step) and the watermark stay; the app's mode goes first.
import type { ProcessingTimeMode, RunStatusView } from '@common/views'
import { badLinesText } from '@common/bad-lines-text'
import { count, dateAndTime, shortTimestamp, timestamp, type TimeZoneChoice } from '../format'

export interface StatusItem {
  /** Its data-testid. */
  id: string
  /** Whole first, then shorter forms (status-fit.ts takes them in the order of GIVE_WAY). */
  forms: string[]
  give: number[]
  /** When it leaves the line for the "…"'s tooltip; undefined: never. */
  hide?: number
  /** Its whole text (first, so that the "…"'s tooltip says it) and what it means, for its tooltip and the "…"'s. */
  title: string
  cls?: string
}

/**
 * The order in which the line gives way when it does not fit the bar, least needed first. A time keeps its time of
 * day and zone ("watermark …08:01:24.999+01:00"), its date goes; the counts stay whole or leave the line, never cut to a
 * misleading "records out 1…". Never: event n of total, step, finished, bad lines skipped, the UTC/local button.
 */
const GIVE_WAY = {
  mode: 1, // "browser mode": known from the window itself
  expiredSweep: 2, // "(as of step n)" of the LevelDB count, in its tooltip
  processingDate: 3,
  watermarkDate: 4,
  ended: 5,
  expired: 6,
  processing: 7, // most jobs are event-time ones
  out: 8,
  keys: 9,
  timers: 10,
} as const

export interface StatusInput {
  status: RunStatusView | null
  /** The recording's event count, null when not known yet. */
  total: number | null
  zone: TimeZoneChoice
  /** With no run to show: what stands between the user and one. */
  idle: string
  endedReason: string | null
  mode: string
  modeTitle: string
  /** The processing-time mode the session was started with (null: none started), to say why the clock is at 0. */
  processingTimeMode?: ProcessingTimeMode | null
}

/** A time item: whole, then with its date left out ("…08:01:24.999Z"), the whole time with its milliseconds in its tooltip. */
function time(id: string, label: string, ms: number, zone: TimeZoneChoice, dateAt: number, hide?: number): StatusItem {
  const shown = shortTimestamp(ms, zone)
  // A sentinel (MAX_TIMESTAMP, whose "T" is no date's end) has no date to leave out.
  const [date, clock] = /^[+-]?\d+-\d\d-\d\dT/.test(shown) ? dateAndTime(shown) : [shown, '']
  const whole = `${label} ${date}${clock}`
  return { id, forms: clock ? [whole, `${label} …${clock}`] : [whole], give: clock ? [dateAt] : [], hide, title: `${label} ${timestamp(ms, zone)}` }
}

/**
 * Processing time that never left 0, where the simulated clock starts: "1970-01-01T00:00:00.000Z" read as a bug (a
 * job whose records get no timestamps, in follow mode). Says why it stands still instead; short form "processing time 0".
 */
function processingTime(v: RunStatusView, mode: ProcessingTimeMode | null | undefined, zone: TimeZoneChoice): StatusItem {
  if (v.processingTime !== 0 || !mode) return time('status-processing-time', 'processing time', v.processingTime, zone, GIVE_WAY.processingDate, GIVE_WAY.processing)
  const start = 'Riffle\'s simulated processing time starts at 0 (1970-01-01T00:00:00.000Z) and has not moved'
  const [why, how] = mode === 'manual'
    ? ['no $processingTime line yet', 'in manual mode only {"$processingTime": n} control lines in the recording move it']
    : v.recordsIn === 0
      ? ['no record yet', 'in follow mode each record moves it to the record\'s timestamp']
      : ['records have no timestamps', 'in follow mode each record moves it to the record\'s timestamp, and this job gives its records none (no assignTimestampsAndWatermarks with a timestamp assigner, and the recording\'s format carries none); its processing-time timers and TTL see 0']
  const text = `processing time 0 (${why})`
  return { id: 'status-processing-time', forms: [text, 'processing time 0'], give: [GIVE_WAY.processingDate], hide: GIVE_WAY.processing, title: `${text} — ${start}: ${how}.` }
}

/**
 * TTL entries expired but still stored. The heap counts them at every step; LevelDB only in its background sweep
 * (a live count would read the whole database), so its figure is as of the step that sweep finished, or none yet.
 */
function expired(v: RunStatusView): StatusItem | null {
  if (v.expiredNotRemoved === undefined) return null
  const what = 'TTL entries already expired but still stored (not yet cleaned up)'
  const item = { id: 'status-expired', give: [] as number[], hide: GIVE_WAY.expired }
  if (v.expiredCountedAtStep === undefined) {
    const text = `expired not cleaned ${count(v.expiredNotRemoved)}`
    return { ...item, forms: [text], title: `${text} — ${what}, counted at this step.` }
  }
  const how = 'LevelDB counts them in its background sweep, which runs when state is written to disk, not at every step'
  // At the end of the run no sweep is coming: "yet" promised a count, and a user took its absence for a bug. Counting
  // there would read the whole database (docs/leveldb-backend.md, TTL cleanup), so it says plainly there is none.
  if (v.expiredCountedAtStep === null && v.finished) {
    const text = 'expired not cleaned: not counted on LevelDB'
    return {
      ...item, forms: [text, 'expired not cleaned: not counted'],
      title: `${text} — ${what}: ${how}. The run ended before its background sweep finished a pass (a short run usually does), so there is no count: that is how the LevelDB backend works, not an error. The heap backend counts them at every step.`,
    }
  }
  if (v.expiredCountedAtStep === null) {
    const text = 'expired not cleaned: not counted yet'
    return { ...item, forms: [text], title: `${text} — ${what}: ${how}. No background sweep has finished a pass since the run started (or since the last step back or seek).` }
  }
  const short = `expired not cleaned ${count(v.expiredNotRemoved)}`
  const text = `${short} (as of step ${count(v.expiredCountedAtStep)})`
  return {
    ...item,
    forms: [text, short],
    give: [GIVE_WAY.expiredSweep],
    title: `${text} — ${what}, as counted by the last background sweep, which finished at step ${count(v.expiredCountedAtStep)}. ${how}: entries that expired since are not in this count.`,
  }
}

/** A count's item: whole or out of the line. */
function counted(id: string, text: string, hide?: number, cls?: string): StatusItem {
  return { id, forms: [text], give: [], hide, title: text, cls }
}

/**
 * The keys the run has seen: a key stays counted when TTL or clear() removes its state, so on a TTL job the figure
 * climbing is no sign of state that grows; the tooltip says so and where the stored amount is.
 */
function keysSeen(keys: number): StatusItem {
  const item = counted('status-keys', `keys ${count(keys)}`, GIVE_WAY.keys)
  return { ...item, title: `${item.title} — keys the run has seen so far, with or without state now: a key whose state TTL expired or the job cleared stays counted (the Charts tab's state entries count what is stored)` }
}

/** The line's items in order; the last is the app's mode (the UTC/local button, after it, is no item: it always stays). */
export function statusItems(x: StatusInput): StatusItem[] {
  const v = x.status
  const items: Array<StatusItem | null> = v
    ? [
        counted('status-events', `event ${count(v.recordsIn)} of ${count(x.total)}${x.total === 0 ? ': the recording has no events' : ''}`),
        counted('status-step', `step ${count(v.step)}`),
        time('status-watermark', 'watermark', v.watermark, x.zone, GIVE_WAY.watermarkDate),
        processingTime(v, x.processingTimeMode, x.zone),
        counted('status-out', `records out ${count(v.recordsOut)}`, GIVE_WAY.out),
        keysSeen(v.keys),
        counted('status-timers', `timers ${count(v.pendingTimers)}`, GIVE_WAY.timers),
        expired(v),
        v.finished ? counted('status-finished', 'finished', undefined, 'ok') : null,
        v.badLines.length ? counted('status-bad-lines', `${badLinesText(v.badLines.length)} skipped`, undefined, 'warn') : null,
      ]
    : [counted('status-idle', x.idle, undefined, 'muted')]
  if (x.endedReason) items.push(counted('status-ended', `· ${x.endedReason}`, GIVE_WAY.ended, 'muted'))
  if (x.mode) items.push({ ...counted('status-mode', x.mode, GIVE_WAY.mode, 'muted'), title: x.modeTitle })
  return items.filter((i) => i !== null)
}
