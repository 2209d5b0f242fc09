// Riffle's mark on the state directories it makes (riffle-state.json), so a --state-dir pointed at a
// folder of the user's is refused instead of handed to LevelDB, which would delete or rewrite files
// in it whose names look like its own (000001.log). A folder is taken only when it is new or empty,
// or carries the mark; a folder holding nothing but a LevelDB database (a state directory made before
// the mark existed) is opened, and marked once its content proves to be Riffle's.
import { readdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { existsSync } from 'node:fs'
import { RiffleError } from '../../../common/errors'
import { makeDirs, refusal } from '../make-dirs'
import { OWNER_FILE } from '../temp-state-dirs'

export const MARKER_FILE = 'riffle-state.json'
const MARKER_TEXT = `${JSON.stringify({ format: 'riffle-state', version: 1 })}\n`

/** The files LevelDB itself makes in a database folder. */
const LEVELDB_FILE = /^(CURRENT|LOCK|LOG|LOG\.old|MANIFEST-\d+|\d+\.(log|ldb|sst|dbtmp))$/

/** 'marked': Riffle's; 'unmarked-leveldb': only a LevelDB database, to be checked once open. */
export type StateDirClaim = 'marked' | 'unmarked-leveldb'

/** Creates or checks the folder and marks a new one; throws BAD_ARGUMENT for a folder that is not Riffle's. */
export async function claimStateDir(dir: string): Promise<StateDirClaim> {
  let names: string[]
  try {
    await makeDirs(dir)
    names = await readdir(dir)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    // A file on the way (file.jsonl/x) is named: "it is not a folder" of x, which does not exist, said nothing.
    const onTheWay = code === 'ENOTDIR' ? nearestExisting(dir) : null
    const why = onTheWay !== null && onTheWay !== resolve(dir) ? `${onTheWay} is a file, not a folder`
      : code === 'ENOTDIR' || code === 'EEXIST' ? 'it is not a folder' : (e as Error).message
    throw stateDirError(dir, why, e)
  }
  if (names.includes(MARKER_FILE)) return 'marked'
  // A temporary state folder records its owner before the state goes in (temp-state-dirs.ts).
  const others = names.filter((n) => n !== OWNER_FILE)
  if (others.length === 0) {
    await markStateDir(dir)
    return 'marked'
  }
  if (others.includes('CURRENT') && others.every((n) => LEVELDB_FILE.test(n))) return 'unmarked-leveldb'
  const shown = others.slice(0, 5).join(', ') + (others.length > 5 ? `, … (${others.length} entries)` : '')
  throw stateDirError(dir, `the folder is not empty and is not a Riffle state directory (it has no ${MARKER_FILE}; it holds ${shown}). ` +
    'Riffle would overwrite or delete files in it: choose a new or empty folder')
}

export async function markStateDir(dir: string): Promise<void> {
  try {
    await writeFile(`${dir}/${MARKER_FILE}`, MARKER_TEXT)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new RiffleError('STATE_WRITE_FAILED', `cannot write to state directory ${dir}: ${(e as Error).message}; free space on that disk or choose another --state-dir`, { cause: e })
    }
    throw stateDirError(dir, `a file cannot be created in it: ${refusal(e)}`, e)
  }
}

/** A --state-dir that cannot be used: a bad argument (exit 2). */
export function stateDirError(dir: string, reason: string, cause?: unknown): RiffleError {
  return new RiffleError('BAD_ARGUMENT', `cannot use state directory ${dir}: ${reason}`, { cause })
}

/** The nearest of dir and its parents that exists (a file in the way of a folder path), or null. */
function nearestExisting(dir: string): string | null {
  for (let p = resolve(dir); p !== dirname(p); p = dirname(p)) {
    if (existsSync(p)) return p
  }
  return null
}
