// How messages name a file the user gave: as they would type it from where they are.
import { relative } from 'node:path'

/** The file relative to the working directory when it is inside it (as the user typed it), else absolute. */
export function shownPath(file: string, cwd = process.cwd()): string {
  const r = relative(cwd, file)
  return r.startsWith('..') || r === '' ? file : r
}
