// The error that stopped Start, as Problems rows (VS Code's Problems panel lists compile errors): one per error the
// compiler reported, each with its file, line and message, or the one error of a job that compiled but could not
// start (it threw in open(), or defines no job). Shared by the Problems panel and its tab's count;
// the editor's banner words the message without the place its heading names.
export interface CompileProblem {
  file: string
  /** 0: the file as a whole (no line to name). */
  line: number
  message: string
  /** The text was edited since it failed: the error is of the text before the edit. */
  stale: boolean
  /** The job compiled but could not start (a throw before the first step), rather than not compiling. */
  start?: true
}

/** What the compile error's message says after its first line, one error a line: `FILE:LINE:COLUMN: message`. */
const LOCATED = /^(.*):(\d+):(\d+): (.*)$/

/** A runtime error's first line ends with where it was (` at FILE:LINE:COLUMN`): the row names the place in its own column. */
const AT_PLACE = / at \S+:\d+:\d+$/

/** `started`: a session runs (a throw then is the session's, at its step, not a failed Start). */
export function compileProblems(editor: { error: { kind: string; info: { message: string; where?: { file: string; line: number } } } | null; errorStale: boolean }, started = false): CompileProblem[] {
  const e = editor.error
  if (e === null) return []
  const where = e.info.where ?? { file: '', line: 0 }
  if (e.kind === 'runtime' && !started) {
    return [{ file: where.file, line: where.line, message: e.info.message.split('\n')[0].replace(AT_PLACE, ''), stale: editor.errorStale, start: true }]
  }
  if (e.kind !== 'compile') return []
  const lines = e.info.message.split('\n').slice(1).filter((l) => l.trim() !== '')
  return (lines.length > 0 ? lines : [e.info.message]).map((l) => {
    const m = LOCATED.exec(l)
    return m ? { file: m[1], line: Number(m[2]), message: m[4], stale: editor.errorStale }
      : { file: where.file, line: where.line, message: l, stale: editor.errorStale }
  })
}

/**
 * A compile error's message for the editor's banner, whose heading already names the place (`where`) by the file's
 * name: the line at that place loses its `FILE:LINE:COLUMN: ` (it said the place again, by the full path), other
 * lines in the job's file name it by its name; lines in other files (a module the job imports) keep their path.
 */
export function compileBannerMessage(message: string, where: { file: string; line: number; column?: number } | undefined): string {
  if (where === undefined) return message
  const name = where.file.replace(/^.*[\\/]/, '')
  return message.split('\n').map((l) => {
    const m = LOCATED.exec(l)
    // The file alone (Python names no line for some errors): the heading says "in NAME".
    if (!m) return where.line < 1 && l.startsWith(`${where.file}: `) ? l.slice(where.file.length + 2) : l
    if (m[1] !== where.file) return l
    const here = Number(m[2]) === where.line && (where.column === undefined || Number(m[3]) === where.column)
    return here ? m[4] : `${name}:${m[2]}:${m[3]}: ${m[4]}`
  }).join('\n')
}
