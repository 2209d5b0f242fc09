// Turns anything thrown on the engine side into the plain ErrorInfo that crosses thread and process
// boundaries, keeping the stable code, the location and the input record.
import type { ErrorInfo } from '../common/debug-api'

const CODES = new Set<ErrorInfo['code']>(['JOB_COMPILE', 'JOB_THREW', 'JOB_TIMEOUT', 'BAD_LINE', 'RECORDING_NOT_FOUND',
  'RECORDING_UNREADABLE', 'BAD_ARGUMENT', 'STATE_LOCKED', 'SESSION_CLOSED', 'STOPPED', 'INTERNAL', 'SAVEPOINT_INVALID',
  'WORKER_OUT_OF_MEMORY', 'WORKER_DIED', 'TOO_MANY_REQUESTS', 'TOO_MANY_SESSIONS',
  'OUTPUT_WRITE_FAILED', 'STATE_WRITE_FAILED', 'SAVEPOINT_WRITE_FAILED'])

export function toErrorInfo(e: unknown): ErrorInfo {
  const err = e as { code?: unknown; message?: unknown; where?: ErrorInfo['where']; input?: ErrorInfo['input']; file?: string; line?: number; stack?: string }
  const code = typeof err?.code === 'string' && CODES.has(err.code as ErrorInfo['code']) ? (err.code as ErrorInfo['code']) : 'INTERNAL'
  const message = typeof err?.message === 'string' ? err.message : String(e)
  const info: ErrorInfo = { code, message: code === 'INTERNAL' && err?.stack ? `${message}\n${err.stack.split('\n').slice(1, 6).join('\n')}` : message }
  if (err?.where) info.where = err.where
  else if (typeof err?.file === 'string' && typeof err?.line === 'number') info.where = { file: err.file, line: err.line }
  if (err?.input) info.input = err.input
  return info
}

/** An Error carrying ErrorInfo, as the client side rejects with. */
export class RiffleError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message)
    this.name = 'RiffleError'
  }
  get code(): ErrorInfo['code'] { return this.info.code }
}
