// The one check of a job file named by the user, before its language's loader reads it (esbuild for
// TypeScript/JavaScript, Pyodide for Python): it must exist and be a file. A folder named jobs.py read as EISDIR
// (an INTERNAL error with a stack), and one named jobs.ts as esbuild's "Could not resolve"; a file that may not be
// read (chmod 000) as the same INTERNAL stack for a .py, and as "the job does not compile" for a .ts.
import { accessSync, constants, statSync } from 'node:fs'
import { RiffleError } from '../common/errors'
import { errnoReason } from '../common/errno-reason'

/** Throws BAD_ARGUMENT, naming the path as the user gave it, when it is missing, a folder or unreadable. */
export function checkJobFile(jobPath: string): void {
  const where = { file: jobPath, line: 0 }
  let folder: boolean
  try {
    folder = statSync(jobPath).isDirectory()
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
}
