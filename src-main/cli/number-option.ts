// The one reading of a numeric command-line option (--watchdog-ms, --parallelism, --stop-after, --step, --to,
// --max-diffs): a whole number in a range, written in decimal as people and scripts write numbers: digits,
// with a fraction or an exponent if the value is still whole ("30000", "1e6", "2500.0"). Anything else is
// refused with the option's name, what it takes and the text typed: hex, binary and octal (Number() reads
// "0x10" as 16), a sign, blanks, "Infinity", a fraction of a record or a millisecond.
import { UsageError } from './usage-error'

/** Past 2^53 a number is no longer the one typed (99999999999999999999 reads as 100000000000000000000). */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER

export interface NumberRule {
  min: number
  /** Largest allowed; MAX_COUNT when the option has no bound of its own. */
  max?: number
  /** What the number counts, said after "a whole number": "of records", "of milliseconds". */
  unit?: string
  /** How the lower bound is said when it is another option's value: "--step (3)". */
  minText?: string
  /** Said after the range: "(the key groups)". */
  why?: string
}

const DECIMAL = /^\d+(\.\d+)?([eE][+-]?\d+)?$/

/** The value of `--option text` under `rule`, or a UsageError that says exactly what the option takes. */
export function wholeNumberOption(option: string, text: string, rule: NumberRule): number {
  const max = rule.max ?? MAX_COUNT
  const n = DECIMAL.test(text) ? Number(text) : NaN
  // Said in the user's digits, not echoed later as 1e+23; the range message would name a bound it is far past.
  if (n > MAX_COUNT) throw new UsageError(`--${option} ${text} is too large (at most ${MAX_COUNT})`)
  if (Number.isInteger(n) && n >= rule.min && n <= max) return n
  const unit = rule.unit !== undefined ? ` ${rule.unit}` : ''
  const why = rule.why !== undefined ? ` ${rule.why}` : ''
  throw new UsageError(`--${option} must be a whole number${unit} from ${rule.minText ?? rule.min} to ${max}${why}, got "${text}"`)
}
