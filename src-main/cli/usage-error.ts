// The error of a command line that cannot be run as given: main.ts prints it with the usage hint and exits 2.
import { RiffleError } from '../common/errors'

/** A command line that cannot be run as given (exit 2 with the usage text). */
export class UsageError extends RiffleError {
  constructor(message: string) { super('BAD_ARGUMENT', message) }
}
