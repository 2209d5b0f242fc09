// Where a job's notices go: what its code is told that is neither an error nor a finding (a Python job's forms
// that run in Riffle but not on a Flink cluster, API.md 1b). Python says each once per line; the owner of the
// thread decides where it goes: a command-line run's worker sends it to the command line, which prints it once
// however many workers said it; an app session lists it with its findings (not its backend check's runs').
import type { JobNoticeView } from '../common/trace-api'

let sink: ((n: JobNoticeView) => void) | null = null

/** Where this thread's job notices go from now on; null: standard error, as the command line prints them. */
export function setJobNoticeSink(s: ((n: JobNoticeView) => void) | null): void { sink = s }

/** While set, notices are dropped: a backend check's runs in a session's thread are not the session's. */
let muted = false

/** Runs `fn` (a backend check) with this thread's notices dropped; Python is told, so it says them again later. */
export async function mutingNotices<T>(fn: () => Promise<T>): Promise<T> {
  muted = true
  try {
    return await fn()
  } finally {
    muted = false
  }
}

/** Passes a notice on; false when it was dropped (muted). */
export function jobNotice(n: JobNoticeView): boolean {
  if (muted) return false
  if (sink !== null) sink(n)
  else process.stderr.write(`${noticeLine(n, n.file)}\n`)
  return true
}

/** A notice as the command line prints it, its file named as `shownFile`. */
export function noticeLine(n: JobNoticeView, shownFile: string): string {
  return `warning: ${shownFile}${n.line > 0 ? `:${n.line}` : ''}: ${n.message}`
}

/** What makes two notices the same one (said again after a restart, a seek or by another subtask). */
export function noticeId(n: JobNoticeView): string {
  return `${n.file}:${n.line}:${n.message}`
}
