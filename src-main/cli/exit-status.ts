// The command line's exit status for an error code, one rule for every command (docs/command-line.md).
import type { ErrorCode } from '../common/errors'

/** 1 the job's fault, 3 Riffle could not finish for a reason outside the job and its input, 2 the rest. */
export function exitStatus(code: ErrorCode): number {
  switch (code) {
    case 'JOB_THREW':
    case 'JOB_TIMEOUT':
      return 1
    case 'OUTPUT_WRITE_FAILED':
    case 'STATE_WRITE_FAILED':
    case 'SAVEPOINT_WRITE_FAILED':
    case 'WORKER_OUT_OF_MEMORY':
    case 'WORKER_DIED':
    case 'TEMP_FOLDER_FAILED':
      return 3
    default:
      return 2
  }
}
