// The compile error that stopped Start, as Problems rows (VS Code's Problems panel lists compile errors): one per
// error the compiler reported, each with its file, line and message. Shared by the Problems panel and its tab's count.
export interface CompileProblem {
  file: string
  /** 0: the file as a whole (no line to name). */
  line: number
  message: string
  /** The text was edited since it failed: the error is of the text before the edit. */
  stale: boolean
}

/** What the compile error's message says after its first line, one error a line: `FILE:LINE:COLUMN: message`. */
const LOCATED = /^(.*):(\d+):(\d+): (.*)$/

export function compileProblems(editor: { error: { kind: string; info: { message: string; where?: { file: string; line: number } } } | null; errorStale: boolean }): CompileProblem[] {
  const e = editor.error
  if (e === null || e.kind !== 'compile') return []
  const where = e.info.where ?? { file: '', line: 0 }
  const lines = e.info.message.split('\n').slice(1).filter((l) => l.trim() !== '')
  return (lines.length > 0 ? lines : [e.info.message]).map((l) => {
    const m = LOCATED.exec(l)
    return m ? { file: m[1], line: Number(m[2]), message: m[4], stale: editor.errorStale }
      : { file: where.file, line: where.line, message: l, stale: editor.errorStale }
  })
}
