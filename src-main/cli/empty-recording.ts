// What the command line says of a recording that held no records (0 bytes, only blank or control lines, a CSV
// header alone, every line skipped as bad): an empty stream is a valid one, so run and test still succeed on it,
// but a mistyped or truncated capture must not pass unnoticed (docs/command-line.md, "A recording with no records").
import { statSync } from 'node:fs'

/**
 * Why the recording at `path` (as the user named it: `shown`) gave no records; `skipped`: bad lines skipped (`atLeast`:
 * a count of listed ones only, which stops at MAX_LISTED_BAD_LINES).
 */
export function noRecords(path: string, shown: string, skipped: number, atLeast = false): string {
  let bytes: number | null = null
  try { bytes = statSync(path).size } catch { /* gone meanwhile: say what is known */ }
  const why = bytes === 0 ? 'it is empty: 0 bytes'
    : skipped > 0 ? `its ${skipped}${atLeast ? ' or more' : ''} bad line${skipped === 1 && !atLeast ? ' was' : 's were'} skipped`
      : 'only blank lines, control lines or a header'
  return `the recording ${shown} has no records (${why})`
}

/** The one line a run or test that read no record ends its summary with, on standard error. */
export function noRecordsNote(path: string, shown: string, skipped: number): string {
  return `riffle: note: ${noRecords(path, shown, skipped)}, so the job ran on nothing`
}
