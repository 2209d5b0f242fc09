// The one check of a job file named by the user, before its language's loader reads it (esbuild for
// TypeScript/JavaScript, Pyodide for Python): it must exist and be a file. A folder named jobs.py read as EISDIR
// (an INTERNAL error with a stack), and one named jobs.ts as esbuild's "Could not resolve"; a file that may not be
// read (chmod 000) as the same INTERNAL stack for a .py, and as "the job does not compile" for a .ts. A file
// that is not UTF-8 text was read with U+FFFD in place of its bad bytes, where CPython refuses it.
import { accessSync, constants, readFileSync, statSync } from 'node:fs'
import { RiffleError } from '../common/errors'
import { errnoReason } from '../common/errno-reason'
import { firstNotUtf8Line } from '../common/not-utf8'

/** Throws BAD_ARGUMENT, naming the path as the user gave it, when it is missing, a folder or unreadable. */
export function checkJobFile(jobPath: string): void {
  const where = { file: jobPath, line: 0 }
  let folder: boolean
  let file: boolean
  try {
    const st = statSync(jobPath)
    folder = st.isDirectory()
    file = st.isFile()
  } catch {
    throw new RiffleError('BAD_ARGUMENT', `job file not found: ${jobPath}`, { where })
  }
  if (folder) throw new RiffleError('BAD_ARGUMENT', `${jobPath} is a folder, not a job file (a .ts, .js or .py module)`, { where })
  // access(), not a trial open: opening a named pipe would wait for its writer.
  try {
    accessSync(jobPath, constants.R_OK)
  } catch (e) {
    throw new RiffleError('BAD_ARGUMENT', `cannot read the job file ${jobPath}: ${errnoReason(e)}`, { where })
  }
  // A regular file only: reading a named pipe here would take the bytes its loader is to read.
  if (file) checkJobFileText(jobPath, readFileSync(jobPath))
}

/** Throws JOB_COMPILE naming the file, line, byte and column when the job file's bytes are not UTF-8 text. */
export function checkJobFileText(jobPath: string, bytes: Buffer): void {
  const bad = jobFileNotUtf8(jobPath, bytes)
  if (bad !== null) throw new RiffleError('JOB_COMPILE', bad.message, { where: { file: jobPath, line: bad.line } })
}

/** Why a job file's bytes are not UTF-8 text, naming the file, line, byte and column; null when they are. */
export function jobFileNotUtf8(jobPath: string, bytes: Buffer): { line: number; message: string } | null {
  const bad = firstNotUtf8Line(bytes)
  if (bad === null) return null
  return {
    line: bad.line,
    message: `${jobPath}:${bad.line}: ${bad.reason}: a job file is read as UTF-8 text (as Python and TypeScript read source); save it as UTF-8`,
  }
}
