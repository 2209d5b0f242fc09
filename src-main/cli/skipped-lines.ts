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
 * Of the lines skipped so far (`listed`, the first MAX_LISTED_BAD_LINES of `count`), those before `line`, the line
 * of the input the run failed at (undefined: all). The reader reads ahead a batch: the lines it skipped past the
 * record that failed were never reached, so they are left out (a skipped line is listed in order, so past the
 * listed ones all of them were after it too; unknown only past MAX_LISTED_BAD_LINES unreached).
 */
export function skippedBefore(listed: BadLineView[], count: number, line: number | undefined): SkippedLines {
  const before = line === undefined ? listed : listed.filter((b) => b.line < line)
  return { badLines: before, badLineCount: before.length < listed.length ? before.length : count }
}

/** Attaches to a run's error the bad lines skipped before it stopped (skippedBefore). */
export function attachSkipped(e: unknown, reader: RecordingReader): void {
  if (typeof e !== 'object' || e === null || reader.badLineCount() === 0) return
  attached.set(e, skippedBefore(reader.badLines(), reader.badLineCount(), toErrorInfo(e).input?.line))
}

/** What attachSkipped attached to the error (undefined: none skipped, or not a run's error). */
export function skippedOf(e: unknown): SkippedLines | undefined {
  return typeof e === 'object' && e !== null ? attached.get(e) : undefined
}

/** What a worker says of the lines it skipped since it last said: the newly listed ones, and the count of all. */
export interface SkippedNews { added: BadLineView[]; count: number }

/**
 * The worker's side (open-run.ts onSkipped): says each newly skipped line as it is read, since a worker stopped from
 * outside (the watchdog, process.exit in the job, Ctrl-C) can say nothing when it stops.
 */
export function tellSkipped(say: (news: SkippedNews) => void): (reader: RecordingReader) => void {
  const said = new Set<number>()
  return (reader) => {
    // badLines() is in line order, and a bad record found later may come before lines already said: by line number.
    const added = reader.badLines().filter((b) => !said.has(b.line))
    for (const b of added) said.add(b.line)
    say({ added, count: reader.badLineCount() })
  }
}

/** The owner's side: what its worker said it skipped, for the error of a run the worker could not report itself. */
export class HeardSkipped {
  private readonly listed: BadLineView[] = []
  private count = 0

  hear(news: SkippedNews): void {
    this.listed.push(...news.added)
    this.count = news.count
  }

  /** The lines skipped before `line` (skippedBefore), or undefined when none was. */
  before(line: number | undefined): SkippedLines | undefined {
    if (this.count === 0) return undefined
    return skippedBefore(this.listed.slice().sort((a, b) => a.line - b.line), this.count, line)
  }
}
