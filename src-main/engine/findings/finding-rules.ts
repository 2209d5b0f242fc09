// Each finding kind once: whether it is a warning or a hint, and the one-line message the command line
// prints and the app shows (API.md "Findings" defines the kinds and their thresholds).
import type { FindingKind, FindingSeverity } from '../../common/trace-api'
import type { ClockReadKind, TimeDomainName } from '../observe/run-observer'
import { timerMethod, type JobLanguage } from '../../common/job-dialect'

/** More pending timers than this on one key is a pile-up. */
export const PILE_UP_TIMERS = 100
/** More keys than this holding a never-cleared state without TTL is a state that grows forever. */
export const GROWING_STATE_KEYS = 10_000

export const SEVERITY: Readonly<Record<FindingKind, FindingSeverity>> = {
  noOpTimerDelete: 'warning',
  timerNotAhead: 'warning',
  timerPileUp: 'warning',
  wallClockRead: 'warning',
  randomRead: 'warning',
  stateGrowsForever: 'hint',
  lateRecords: 'hint',
}

export const messages = {
  noOpTimerDelete: (d: TimeDomainName, lang: JobLanguage): string =>
    `${timerMethod(lang, 'delete', d)}(t) found no timer at t: nothing was deleted`,
  timerNotAhead: (d: TimeDomainName, lang: JobLanguage): string => d === 'EVENT_TIME'
    ? `${timerMethod(lang, 'register', d)}(t) with t at or behind the watermark: it fires at once`
    : `${timerMethod(lang, 'register', d)}(t) with t at or behind the processing time: it fires at once`,
  timerPileUp: (): string =>
    `a key holds more than ${PILE_UP_TIMERS} pending timers (a pile-up: usually a missing delete)`,
  clockRead: (read: ClockReadKind): string => read === 'Math.random' || read === 'random'
    ? `${read === 'random' ? 'random' : 'Math.random()'} reads a random source: Riffle hands it a source seeded per run, so replays stay deterministic`
    : `${read === 'new Date' ? 'new Date()' : read === 'time' ? 'time' : `${read}()`} reads the wall clock: Riffle hands it the simulated processing time`,
  stateGrowsForever: (state: string, keys: number): string =>
    `state "${state}" is never cleared and has no TTL, and ${keys.toLocaleString('en-US')} keys hold it: it grows forever (consider TTL)`,
  lateRecords: (): string =>
    'records at or behind the watermark (late): a KeyedProcessFunction processes them anyway (C6)',
}

export function clockFindingKind(read: ClockReadKind): FindingKind {
  return read === 'Math.random' || read === 'random' ? 'randomRead' : 'wallClockRead'
}
