// The --out target, on the thread that owns it (docs/command-line.md). A regular file (or a path that does not
// exist yet) is written to a temporary sibling, fsynced and renamed over the target only when the run
// succeeds; when it fails, what was written is kept as OUT.partial (cut after its last whole line) and
// the old OUT is untouched. '-' (standard output), pipes and devices are written directly and keep
// what was written. A write that fails is an OUTPUT_WRITE_FAILED error that says what to do about it.
import { randomBytes } from 'node:crypto'
import { accessSync, closeSync, constants, fchmodSync, fstatSync, fsyncSync, ftruncateSync, lstatSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs'
import type { Stats } from 'node:fs'
import { basename, dirname, join, sep } from 'node:path'
import { type ErrorInfo, RiffleError } from '../common/errors'
import { processAlive } from '../engine/state/savepoint/atomic-dir'
import { parentFolderProblem } from './parent-folder'
import { absoluteAsTyped, pathOnDisk } from '../common/path-on-disk'
import { errnoReason } from '../common/errno-reason'
import { ReaderWait, STALLED_READER_MS } from './reader-wait'

export class OutputError extends RiffleError {
  declare readonly code: 'OUTPUT_WRITE_FAILED' | 'BAD_ARGUMENT'
  constructor(code: 'OUTPUT_WRITE_FAILED' | 'BAD_ARGUMENT', message: string, cause?: unknown) {
    super(code, message, { cause })
    this.name = 'OutputError'
  }
}

/**
 * OutputFile.open, or why it cannot be opened as the error every command reports (`cannot write --out FILE:
 * why`, with its code), so `run`, `test` and `export` say it alike.
 */
export function openOutput(target: string, flag = '--out'): { ok: true; file: OutputFile } | { ok: false; error: ErrorInfo } {
  try {
    return { ok: true, file: OutputFile.open(target, flag) }
  } catch (e) {
    if (e instanceof OutputError) return { ok: false, error: { code: e.code, message: e.message } }
    throw e
  }
}

export class OutputFile {
  /** Bytes written so far. */
  bytes = 0
  /** Whole lines written so far. */
  lines = 0
  /** The first write failure; every later write throws it again. */
  failure: OutputError | null = null
  private lastLineEnd = 0
  private closed = false

  private constructor(
    /** As the user gave it ('-' for standard output). */
    readonly target: string,
    private readonly fd: number,
    /** The temporary sibling written instead of a regular file, or null when written directly. */
    private readonly temp: string | null,
    /** The regular file the temporary one replaces (the target with its links resolved). */
    private readonly realTarget: string,
    /** Whether the target was there before the run (a failure then says it was not changed, else not created). */
    readonly existed = true,
  ) {}

  /**
   * How a failed write's advice names the way to another disk: the option that named the file, or standard output's
   * redirection (riffle trace and `--out -` write there, and no option of theirs moves it).
   */
  private moveTo = 'write --out'

  /** `flag`: the option that named the file, for messages (--expect for the golden file of --update). */
  static open(target: string, flag = '--out'): OutputFile {
    const file = OutputFile.openAs(target, flag)
    file.moveTo = file.fd === 1 ? 'redirect standard output' : `write ${flag}`
    return file
  }

  private static openAs(target: string, flag: string): OutputFile {
    if (target === '-') return new OutputFile('-', 1, null, '-')
    // /dev/stdout, or the file standard output was redirected to: written as `-` is, since a file renamed over it
    // would replace the file a shell's >> appends to (and what the process writes there after the rename is lost).
    if (isStandardOutput(target)) return new OutputFile(target, 1, null, target)
    let st: Stats | null = null
    try { st = statSync(target) } catch { /* a new file; a path that cannot be used fails below */ }
    if (st?.isDirectory()) throw new OutputError('BAD_ARGUMENT', `cannot write ${flag} ${target}: it is a folder`)
    // `--out results/` wrote a file named results: a name the user ended in / is a folder they meant.
    if (target.endsWith('/') || target.endsWith(sep)) {
      throw new OutputError('BAD_ARGUMENT', `cannot write ${flag} ${target}: it ends in /, which names a folder, and ${flag} is a file: add the file's name`)
    }
    if (st?.isFIFO()) return new OutputFile(target, openFifo(target, flag), null, target)
    if (st !== null && !st.isFile()) {
      // A pipe, a device or a socket: there is nothing to replace, and the reader wants the lines now.
      return new OutputFile(target, openOrThrow(target, 'w', target, flag), null, target)
    }
    // A file the user may not write (chmod a-w) is one they keep: the rename below would replace it all the same (the
    // folder allows that), where a shell's > is refused.
    if (st !== null) {
      try { accessSync(target, constants.W_OK) } catch (e) {
        throw new OutputError('BAD_ARGUMENT', `cannot write ${flag} ${target}: the file is read-only (${errnoReason(e)}); make it writable first (chmod u+w), or choose another file`)
      }
    }
    // A link to a file not there yet is written through, as a link to an existing file is (and as a shell's > does):
    // replacing it would lose the link and leave the file it names unwritten.
    // Where the write lands, followed part by part as the system does (output-paths.ts checks the same path).
    let real: string
    try {
      real = pathOnDisk(absoluteAsTyped(target)).real
    } catch (e) {
      throw new OutputError('BAD_ARGUMENT', `cannot write ${flag} ${target}: ${(e as Error).message}`)
    }
    const linked = st === null && isLink(target) ? real : null
    // Said plainly, before the run, as --expect does (not as the lstat of some folder that failed).
    const folder = parentFolderProblem(linked ?? target)
    if (folder !== null) throw new OutputError('BAD_ARGUMENT', `cannot write ${flag} ${target}: ${linked === null ? '' : `it is a link to ${linked}, and `}${folder}`)
    keepStaleTemps(real)
    const temp = join(dirname(real), `${tempPrefix(real)}${process.pid}-${randomBytes(4).toString('hex')}`)
    const fd = openOrThrow(temp, 'wx', target, flag)
    // The replacement keeps the old file's permissions.
    if (st !== null) try { fchmodSync(fd, st.mode & 0o7777) } catch { /* not ours to change: keep the default */ }
    return new OutputFile(target, fd, temp, real, st !== null)
  }

  /** What the user calls it, for messages. */
  get name(): string { return this.target === '-' ? 'standard output' : this.target }

  /** A regular file, written beside it and renamed over it on success (not written directly). */
  get replacesTarget(): boolean { return this.temp !== null }

  /**
   * Writes what of chunk the file takes now, without waiting: the bytes written, fewer than chunk's when a pipe is full.
   * Throws (and keeps) an OUTPUT_WRITE_FAILED OutputError when it cannot.
   */
  writeSome(chunk: Buffer): number {
    if (this.failure !== null) throw this.failure
    let off = 0
    while (off < chunk.length) {
      try {
        off += writeSync(this.fd, chunk, off, chunk.length - off)
      } catch (e) {
        const err = e as NodeJS.ErrnoException
        // Standard output as a non-blocking pipe, or a named pipe, that is full: the reader has not taken the rest yet.
        if (err.code === 'EAGAIN') break
        this.count(chunk, off)
        this.failure = new OutputError('OUTPUT_WRITE_FAILED', writeFailure(err, this.name, this.lines, this.moveTo))
        throw this.failure
      }
    }
    this.count(chunk, off)
    return off
  }

  /**
   * Writes all of chunk, waiting in this thread while a pipe is full: for a thread that has nothing else to do (a
   * worker's own output). The main thread uses writeAll, so that signals are heard while it waits.
   */
  write(chunk: Buffer): void {
    for (let off = this.writeSome(chunk); off < chunk.length; off += this.writeSome(chunk.subarray(off))) sleep(5)
  }

  /**
   * Writes all of chunk, waiting for a full pipe's reader without holding the thread (reader-wait.ts). Throws (and
   * keeps) an OUTPUT_WRITE_FAILED OutputError when it cannot, or when a signal stopped the command and the reader
   * stopped reading.
   */
  async writeAll(chunk: Buffer): Promise<void> {
    let off = this.writeSome(chunk)
    if (off === chunk.length) return
    const wait = new ReaderWait()
    try {
      let took = off
      while (off < chunk.length) {
        if (!(await wait.again(took))) throw this.readerStalled(chunk.length - off)
        took = this.writeSome(chunk.subarray(off))
        off += took
      }
    } finally {
      wait.end()
    }
  }

  /**
   * A signal stopped the command while its reader read nothing: what is left is not written (and later writes throw
   * the failure returned). `unwritten`: the bytes dropped, at least.
   */
  readerStalled(unwritten: number): OutputError {
    this.failure ??= new OutputError('OUTPUT_WRITE_FAILED', `the reader of ${this.name} read nothing for ${STALLED_READER_MS / 1000} s after the command ` +
      `was interrupted, so the rest of the output (${unwritten} bytes or more) was not written, after ${this.lines} output line${this.lines === 1 ? '' : 's'}`)
    return this.failure
  }

  /** The run succeeded: the output replaces the target. Throws (and keeps) the failure when it cannot. */
  commit(): void {
    if (this.failure !== null) throw this.failure
    if (this.closed) return
    try {
      if (this.temp !== null) fsyncSync(this.fd)
      if (this.fd !== 1) closeSync(this.fd)
      this.closed = true
      if (this.temp !== null) renameSync(this.temp, this.realTarget)
    } catch (e) {
      this.failure = new OutputError('OUTPUT_WRITE_FAILED', writeFailure(e as NodeJS.ErrnoException, this.name, this.lines, this.moveTo))
      throw this.failure
    }
  }

  /**
   * The run failed: a regular file's output so far becomes OUT.partial (the target is untouched) and
   * its path is returned; null when the output was written directly, or when there was none (an empty
   * OUT.partial would only replace an earlier failed run's).
   */
  abandon(): string | null {
    if (this.temp === null) {
      if (!this.closed && this.fd !== 1) try { closeSync(this.fd) } catch { /* already failing */ }
      this.closed = true
      return null
    }
    return this.abandonTemp()
  }

  private abandonTemp(): string | null {
    const partial = `${this.realTarget}.partial`
    if (!this.closed) {
      try {
        // A line cut by the failure (a full disk took half of it) is not output: keep whole lines only.
        if (this.lastLineEnd < this.bytes) ftruncateSync(this.fd, this.lastLineEnd)
      } catch { /* keep what is there */ }
      try { closeSync(this.fd) } catch { /* already failing */ }
      this.closed = true
    }
    if (this.lastLineEnd === 0) {
      try { unlinkSync(this.temp!) } catch { /* a stale temporary file is kept by the next run (keepStaleTemps) */ }
      return null
    }
    try {
      renameSync(this.temp!, partial)
      return partial
    } catch {
      return this.temp
    }
  }

  private count(chunk: Buffer, end: number): void {
    let i = chunk.indexOf(10)
    let last = -1
    while (i >= 0 && i < end) {
      this.lines++
      last = i
      i = chunk.indexOf(10, i + 1)
    }
    if (last >= 0) this.lastLineEnd = this.bytes + last + 1
    this.bytes += end
  }
}

/** True when `path` is standard output: `-`, or the file descriptor 1 refers to (/dev/stdout, a redirected file). */
export function isStandardOutput(path: string): boolean {
  if (path === '-') return true
  try {
    const out = fstatSync(1)
    const st = statSync(path)
    return st.dev === out.dev && st.ino === out.ino
  } catch {
    return false
  }
}

/**
 * A named pipe, opened without waiting for a reader: a plain open waits inside the main thread, where neither
 * Ctrl-C nor SIGTERM reaches the command. With no reader it is refused; written, a full pipe is waited on (EAGAIN).
 */
function openFifo(target: string, flag: string): number {
  if (ownReadEnd(target)) {
    throw new OutputError('BAD_ARGUMENT', `cannot write ${flag} ${target}: it is the read end of a pipe, as <(command) gives, which nothing would read; to send the output to a command, use >(command)`)
  }
  try {
    return openSync(target, constants.O_WRONLY | constants.O_NONBLOCK)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENXIO') return openOrThrow(target, 'w', target, flag)
    throw new OutputError('BAD_ARGUMENT', `cannot write ${flag} ${target}: it is a named pipe that no process is reading; start its reader first (for example cat ${target} > out.jsonl &)`)
  }
}

/**
 * Whether target is a pipe this process holds open to read: bash's <(command) passes one as /dev/fd/N. Its other end is
 * the command's, so lines written there fill a pipe nobody reads (lost; past 64 KB the write blocks for ever).
 */
function ownReadEnd(target: string): boolean {
  const fd = /^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(target)?.[1]
  if (fd === undefined) return false
  try {
    const flags = /^flags:\s+([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1]
    return flags !== undefined && (parseInt(flags, 8) & 3) === constants.O_RDONLY
  } catch {
    return false // no /proc (not Linux): written as any pipe is
  }
}

function openOrThrow(path: string, flags: string, target: string, flag: string): number {
  try {
    return openSync(path, flags, 0o666)
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    const outOfSpace = err.code === 'ENOSPC' || err.code === 'EDQUOT' || err.code === 'EIO'
    // The temporary sibling is Riffle's, not a name the user knows: say what it is for instead of naming it.
    const why = path === target
      ? err.message
      : `a file cannot be created in its folder ${dirname(target)} (${err.message.replace(/, \w+ '[^']*'$/, '')}); Riffle writes ${flag} beside it first and renames it over it when the run succeeds`
    throw new OutputError(outOfSpace ? 'OUTPUT_WRITE_FAILED' : 'BAD_ARGUMENT', `cannot write ${flag} ${target}: ${why}`)
  }
}

/** True when `path` itself (not a folder on its way) is a symbolic link. */
function isLink(path: string): boolean {
  try { return lstatSync(path).isSymbolicLink() } catch { return false }
}

function tempPrefix(real: string): string { return `.${basename(real)}.tmp-` }

/**
 * Temporary files of runs that were killed before they could keep their output (kill -9 of the whole
 * process): the newest becomes OUT.partial, as if that run had failed, and no output is deleted (an empty one,
 * holding none, is removed).
 */
function keepStaleTemps(real: string): void {
  const prefix = tempPrefix(real)
  let names: string[]
  try { names = readdirSync(dirname(real)).filter((n) => n.startsWith(prefix)) } catch { return }
  const stale = names
    .filter((n) => !processAlive(Number(n.slice(prefix.length).split('-')[0])))
    .map((n) => join(dirname(real), n))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
  for (const p of stale) {
    try {
      // An empty one holds no output: as a run that fails before emitting, it leaves no OUT.partial (nor replaces one).
      if (statSync(p).size === 0) unlinkSync(p)
      else renameSync(p, `${real}.partial`)
    } catch { /* another run took it */ }
  }
}

/** Why a write failed and what to do about it; `moveTo` starts the advice to write elsewhere ("write --out"). */
function writeFailure(err: NodeJS.ErrnoException, name: string, lines: number, moveTo: string): string {
  const after = `after ${lines} output line${lines === 1 ? '' : 's'}`
  switch (err.code) {
    case 'ENOSPC':
      return `no space left on the device of ${name} (ENOSPC) ${after}; free some space or ${moveTo} to another disk, then run again`
    case 'EDQUOT':
      return `disk quota exceeded writing ${name} (EDQUOT) ${after}; free some space or ${moveTo} elsewhere, then run again`
    case 'EFBIG':
      return `${name} became larger than this file system allows (EFBIG) ${after}; ${moveTo} to another file system`
    case 'EPIPE':
      return `the reader of ${name} closed the pipe (EPIPE) ${after}; the rest of the output was not written (keep the reader running to the end to get all of it)`
    default:
      return `writing ${name} failed ${after}: ${err.message}; check the disk (or the device) and run again`
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}
