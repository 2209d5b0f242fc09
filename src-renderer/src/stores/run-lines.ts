// Where a line of the editor's text is in the text the session runs, once the two differ by edits made since Start.
// The lines before the first changed line and after the last one are the same lines (those after shifted by the
// lines added or removed); a line in between was edited or added, and has no counterpart in the session's text.

/** The 1-based line of `runText` that `line` of `editorText` is, or null for a line the edits changed or added. */
export function runLineOf(runText: string, editorText: string, line: number): number | null {
  if (runText === editorText) return line
  const run = runText.split('\n')
  const now = editorText.split('\n')
  let same = 0
  while (same < run.length && same < now.length && run[same] === now[same]) same++
  let tail = 0
  while (tail < run.length - same && tail < now.length - same && run[run.length - 1 - tail] === now[now.length - 1 - tail]) tail++
  if (line <= same) return line
  if (line > now.length - tail) return line - (now.length - run.length)
  return null
}

/**
 * A message the session wrote about its line `runLine` ("no code runs on line 43 …"), naming instead the line the
 * user sees in the editor: after an edit above it that breakpoint shows on another line there.
 */
export function editorLineMessage(message: string, runLine: number, editorLine: number): string {
  return runLine === editorLine ? message : message.replace(new RegExp(`\\bline ${runLine}\\b`, 'g'), `line ${editorLine}`)
}
