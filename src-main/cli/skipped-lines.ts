// The bad lines a --skip-bad-lines run skipped, as the command line says them: in the summary of a run that ended,
// and after the error of one that failed (the worker attaches them to the error it reports: a failed run would
// otherwise leave no word of the lines it dropped before it stopped).
import { toErrorInfo } from '../common/errors'
import type { BadLineView } from '../common/views'
import type { RecordingReader } from '../replay/recording-types'

/** Skipped bad lines: the first ones (MAX_LISTED_BAD_LINES) and how many in all. */
export interface SkippedLines { badLines: BadLineView[]; badLineCount: number }

/** How many a summary or an error lists one by one. */
const LISTED = 20

/** The block of lines that says them (none when no line was skipped); `label`: "bad lines skipped" and what follows. */
export function skippedLinesBlock(s: SkippedLines, label: string): string[] {
  if (s.badLineCount === 0) return []
  const lines = [`  ${label}: ${s.badLineCount}`]
  for (const b of s.badLines.slice(0, LISTED)) lines.push(`    ${b.file}:${b.line}: ${b.reason}`)
  if (s.badLineCount > LISTED) lines.push(`    … and ${s.badLineCount - LISTED} more`)
  return lines
}

const attached = new WeakMap<object, SkippedLines>()

/**
 * Attaches to a run's error the bad lines skipped before it stopped. The reader reads ahead a batch: the lines it
 * skipped past the record that failed were never reached, so they are left out (a skipped line is listed in order,
 * so past the listed ones all of them were after it too; unknown only past MAX_LISTED_BAD_LINES unreached).
 */
export function attachSkipped(e: unknown, reader: RecordingReader): void {
  if (typeof e !== 'object' || e === null || reader.badLineCount() === 0) return
  const all = reader.badLines()
  const line = toErrorInfo(e).input?.line
  const before = line === undefined ? all : all.filter((b) => b.line < line)
  attached.set(e, { badLines: before, badLineCount: before.length < all.length ? before.length : reader.badLineCount() })
}

/** What attachSkipped attached to the error (undefined: none skipped, or not a run's error). */
export function skippedOf(e: unknown): SkippedLines | undefined {
  return typeof e === 'object' && e !== null ? attached.get(e) : undefined
}
