// A recording that arrives through a pipe: `-` (standard input, as in `kcat -C -t clicks -J -e | npx riffle
// run JOB -`) or a named pipe such as bash's `<(zcat clicks.jsonl.gz)`. The reader needs a file it can read
// at any offset (format detection reads the head and starts again; a run resumes at a byte offset; a timed-out
// record is read back by its line), and a pipe reads once, so the pipe is first copied whole into a private
// temporary file, which the command then reads like any recording and removes when it ends.
import { createWriteStream, open, openSync, readSync, closeSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { Socket } from 'node:net'
import { basename, join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { RiffleError } from '../common/errors'
import { isPipe } from '../replay/chunk-source'
import { makeOwnedTempDir, PIPE_COPY_PREFIX } from '../engine/state/temp-state-dirs'
import { stopOnInterrupt } from './interrupt'

export const STDIN_NAME = 'standard input'

export interface PipedRecording {
  /** The temporary file holding everything the pipe gave. */
  path: string
  /** How messages name the recording: "standard input", or the pipe's own path. */
  shown: string
  dispose(): void
}

/** Where the pipe's bytes come from: process.stdin for `-`, tests pass their own; isFolder: `- < DIR`. */
export interface PipeInput { stream: Readable; isTTY?: boolean; isFolder?: boolean }

/** Null when `arg` names no pipe (a file, a missing path: the reader's own rules apply). */
export async function copyPipedRecording(arg: string, stdin: () => PipeInput): Promise<PipedRecording | null> {
  let input: Readable
  let shown: string
  if (arg === '-') {
    const s = stdin()
    if (s.isTTY === true) {
      throw new RiffleError('BAD_ARGUMENT', 'the recording "-" means standard input, which is a terminal here: pipe a recording in ' +
        '(for example kcat -C -t TOPIC -J -e | npx riffle run JOB -) or name a file')
    }
    // Read as a stream, a folder gives nothing, not an error: the run would pass on an empty recording.
    if (s.isFolder === true) {
      throw new RiffleError('BAD_ARGUMENT', 'the recording "-" means standard input, which is a folder here (JOB - < FOLDER): redirect a recording file, or name it')
    }
    input = s.stream
    shown = STDIN_NAME
  } else {
    if (!namesPipe(arg)) return null
    input = await pipeStream(arg)
    shown = arg
  }
  const dir = makeOwnedTempDir(tmpdir(), PIPE_COPY_PREFIX)
  const dispose = (): void => rmSync(dir, { recursive: true, force: true })
  const partial = join(dir, 'copying')
  let interrupted: string | null = null
  const release = stopOnInterrupt((reason) => {
    interrupted = reason
    input.destroy()
  })
  try {
    await pipeline(input, createWriteStream(partial))
  } catch (e) {
    dispose()
    if (interrupted !== null) throw new RiffleError('STOPPED', `reading the recording from ${shown} was ${interrupted}`)
    const err = e as NodeJS.ErrnoException
    const why = err.code ? `${err.code}: ${err.message}` : String(e)
    throw new RiffleError('RECORDING_UNREADABLE', `cannot read the recording from ${shown}: copying it to a temporary file in ${tmpdir()} failed (${why})`)
  } finally {
    release()
  }
  // The copy's name tells the reader its format as a file's would: the pipe's own name ("-" reads as JSON
  // Lines or kcat -J output, whichever its first line is), and ".gz" when the bytes are gzip's.
  let name = arg === '-' ? 'stdin.jsonl' : basename(arg)
  if (isGzip(partial) && !/\.gz$/i.test(name)) name += '.gz'
  const path = join(dir, name)
  renameSync(partial, path)
  return { path, shown, dispose }
}

/**
 * A named pipe read as standard input is, through libuv's pipe handle (non-blocking), not as a file: a file read
 * waits for the next byte on the thread pool, where a Ctrl-C cannot cut it short (the run said it was stopping
 * and waited for the writer). Opening still waits for a writer when there is none yet (as `cat FIFO` does).
 */
async function pipeStream(path: string): Promise<Readable> {
  const fd = await new Promise<number>((resolve, reject) => open(path, 'r', (e, n) => (e ? reject(e) : resolve(n))))
  return new Socket({ fd, readable: true, writable: false })
}

/** `path` (following symbolic links such as /dev/stdin) is a pipe; a missing path is left to the reader. */
function namesPipe(path: string): boolean {
  try {
    return isPipe(statSync(path))
  } catch {
    return false
  }
}

function isGzip(path: string): boolean {
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.alloc(2)
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b
  } finally {
    closeSync(fd)
  }
}
