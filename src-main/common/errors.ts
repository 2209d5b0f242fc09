// Every error code Riffle reports, the one error class that carries a code, and the one function that turns
// anything thrown into the plain ErrorInfo that crosses threads, processes and the contract. Modelled on
// abstract-level's error module: a caller switches on the stable code; the message is for people.
// Pure TypeScript with no imports: the engine, the service, the preload and the renderer all use it.

/** Each code with what it means (also the list `isErrorCode` checks against). */
export const ERROR_CODES = {
  JOB_COMPILE: 'the job does not compile, or could not be loaded',
  JOB_THREW: "the job's code threw (`where` names the job file's line, `input` the record)",
  JOB_TIMEOUT: "a call into the job's code did not return within the watchdog's limit",
  BAD_LINE: 'a recording line is not a record or control line (file, line and reason in the message)',
  RECORDING_NOT_FOUND: 'the recording does not exist',
  RECORDING_UNREADABLE: 'the recording exists but cannot be read (a directory, no permission, a broken gzip)',
  BAD_ARGUMENT: 'a request, an option or a job file the caller named is not acceptable',
  STATE_LOCKED: 'the LevelDB state directory is in use by another run',
  STATE_CLOSED: 'the LevelDB state was used after it was closed',
  STATE_WRITE_FAILED: 'writing state to LevelDB failed (a full disk, a lost directory)',
  SAVEPOINT_INVALID: 'a savepoint or run snapshot is missing, damaged, or from another job or recording',
  SAVEPOINT_WRITE_FAILED: 'a savepoint could not be written (the previous one at the target is kept)',
  OUTPUT_WRITE_FAILED: 'writing the run\'s output (--out) failed',
  SESSION_CLOSED: 'the debug session was stopped or closed',
  STOPPED: 'the run was stopped (by the user, or because its worker went away)',
  TEMP_FOLDER_FAILED: 'a temporary folder could not be made in the system\'s temporary folder (TMPDIR missing, not a folder, not writable, or full)',
  WORKER_OUT_OF_MEMORY: 'the session worker ran out of memory',
  WORKER_DIED: 'the session worker ended unexpectedly',
  TOO_MANY_REQUESTS: 'a connection has too many requests in flight (64); wait for some to answer',
  TOO_MANY_SESSIONS: 'too many debug sessions are open at once (8, counting starts under way); close one first',
  INTERNAL: "a bug in Riffle (the message carries the first lines of the stack)",
} as const

export type ErrorCode = keyof typeof ERROR_CODES

/** A place in the job file or the recording. */
export interface ErrorWhere { file: string; line: number; column?: number }

/** The input record being processed when the error happened. */
export interface ErrorInput {
  line: number
  value: unknown
  /** A Python job's: the recording line's text, as the job read it (InputView.text). */
  text?: string
  /** Set when the error happened in onTimer: the timer firing (the record or control line above only made it due). */
  timer?: ErrorTimer
}

/** A timer firing (its key as the views show it, JSON text). */
export interface ErrorTimer { domain: 'EVENT_TIME' | 'PROCESSING_TIME'; timestamp: number; keyStr: string }

/** Errors cross boundaries as this plain data. */
export interface ErrorInfo {
  code: ErrorCode
  message: string
  /** File, line and column in the job or recording, where known. */
  where?: ErrorWhere
  /** The input record being processed when user code threw or hung. */
  input?: ErrorInput
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, code)
}

/** Errors rebuilt from ErrorInfo: their message already says all the far side knew. */
const crossed = new WeakSet<Error>()

/**
 * The error Riffle throws: a stable code, a message, and where known the place and the input record.
 * Readers and stores may subclass it to carry more (RecordingError's file, line and reason).
 */
export class RiffleError extends Error {
  readonly code: ErrorCode
  where?: ErrorWhere
  input?: ErrorInput

  constructor(code: ErrorCode, message: string, options: { where?: ErrorWhere; input?: ErrorInput; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'RiffleError'
    this.code = code
    if (options.where !== undefined) this.where = options.where
    if (options.input !== undefined) this.input = options.input
  }

  /** The error as it crosses a boundary. */
  get info(): ErrorInfo {
    return toErrorInfo(this)
  }

  /** The error again on this side of a boundary (its info crosses on unchanged: no second stack). */
  static fromInfo(info: ErrorInfo): RiffleError {
    const { where, input } = info
    const e = new RiffleError(info.code, info.message, { where, input })
    crossed.add(e)
    return e
  }
}


/**
 * Anything thrown, as ErrorInfo: the code when it is one of ERROR_CODES (else INTERNAL, with the first
 * lines of the stack in the message, since that is a bug report), the place (`where`, or a reader's `file`
 * and `line`) and the input record.
 */
export function toErrorInfo(e: unknown): ErrorInfo {
  const err = (e !== null && typeof e === 'object' ? e : {}) as {
    code?: unknown; message?: unknown; where?: ErrorWhere; input?: ErrorInput; file?: unknown; line?: unknown; stack?: unknown
  }
  const code: ErrorCode = isErrorCode(err.code) ? err.code : 'INTERNAL'
  const message = typeof err.message === 'string' ? err.message : String(e)
  const local = typeof err.stack === 'string' && !(e instanceof RiffleError && crossed.has(e))
  const stack = local ? (err.stack as string).split('\n').slice(1, 6).join('\n') : ''
  const info: ErrorInfo = { code, message: code === 'INTERNAL' && stack !== '' ? `${message}\n${stack}` : message }
  if (err.where !== undefined && err.where !== null) info.where = err.where
  else if (typeof err.file === 'string' && typeof err.line === 'number') info.where = { file: err.file, line: err.line }
  if (err.input !== undefined && err.input !== null) info.input = err.input
  return info
}
