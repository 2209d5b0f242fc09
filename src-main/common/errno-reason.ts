// Why a file the user named could not be read (or written), in words with the errno code kept for searching. Node's
// own message repeats the code and the path the caller names anyway ("EACCES: permission denied, open 'rec.jsonl'").

/** "permission denied (EACCES)" for Node's "EACCES: permission denied, open 'x'"; anything else as it is. */
export function errnoReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException | null
  if (err === null || typeof err !== 'object' || typeof err.message !== 'string') return String(e)
  const code = typeof err.code === 'string' ? err.code : null
  if (code === null) return err.message
  // Node's form: "CODE: what, syscall 'path'" (the syscall part may be absent, and a write to a stream names no path).
  const tail = typeof err.syscall === 'string' && /^\w+$/.test(err.syscall) ? new RegExp(`, ${err.syscall}( '.*')?$`, 's') : /, \w+ '.*'$/s
  const what = err.message.startsWith(`${code}: `) ? err.message.slice(code.length + 2).replace(tail, '') : err.message
  return `${what} (${code})`
}
