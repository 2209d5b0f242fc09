// Where a line of the editor's text is in the text the session runs, once the two differ by edits made since Start:
// a line the edits kept is the same line there (line-map.ts); a line they changed or added has no counterpart.
import { sameLines } from '../line-map'

/** For each line of `editorText`, the 1-based line of `runText` it is, or null for a line the edits changed or added. */
export function runLines(runText: string, editorText: string): (line: number) => number | null {
  return sameLines(editorText, runText)
}

/** The 1-based line of `runText` that `line` of `editorText` is, or null for a line the edits changed or added. */
export function runLineOf(runText: string, editorText: string, line: number): number | null {
  return runLines(runText, editorText)(line)
}

/**
 * A message the session wrote about its line `runLine` ("no code runs on line 43 …"), naming instead the line the
 * user sees in the editor: after an edit above it that breakpoint shows on another line there.
 */
export function editorLineMessage(message: string, runLine: number, editorLine: number): string {
  return runLine === editorLine ? message : message.replace(new RegExp(`\\bline ${runLine}\\b`, 'g'), `line ${editorLine}`)
}
