// parseCommand (cli/args.ts): a command line that cannot mean what it says is refused before anything runs,
// with one message naming the argument at fault (exit 2), rather than run with a guess.
import { describe, expect, it } from 'vitest'
import { parseCommand, UsageError } from '../../../src-main/cli/args'

const JOB = 'job.ts'
const REC = 'rec.jsonl'

function refusal(argv: string[]): string {
  try {
    parseCommand(argv)
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError)
    return (e as Error).message
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`)
}

describe('parseCommand: empty values', () => {
  // `--out "$OUT"` with OUT unset ran the whole job, then failed with OUTPUT_WRITE_FAILED (exit 3) and wrote
  // its lines to `.partial` in the parent folder ('' resolved to the working directory itself).
  it('refuses an empty path or value, naming the option', () => {
    expect(refusal(['run', JOB, REC, '--out', ''])).toBe('--out must not be empty')
    expect(refusal(['run', JOB, REC, '--out='])).toBe('--out must not be empty')
    expect(refusal(['run', JOB, REC, '--backend', 'leveldb', '--state-dir', ' '])).toBe('--state-dir must not be empty')
    expect(refusal(['run', JOB, REC, '--savepoint-out', ''])).toBe('--savepoint-out must not be empty')
    expect(refusal(['run', JOB, REC, '--from-savepoint', ''])).toBe('--from-savepoint must not be empty')
    expect(refusal(['run', JOB, REC, '--stop-after', ''])).toBe('--stop-after must not be empty')
    expect(refusal(['run', JOB, REC, '--watchdog-ms', ''])).toBe('--watchdog-ms must not be empty')
    expect(refusal(['test', JOB, REC, '--expect', ''])).toBe('--expect must not be empty')
    expect(refusal(['trace', JOB, REC, '--step', ''])).toBe('--step must not be empty')
  })

  it('refuses an empty JOB or RECORDING', () => {
    expect(refusal(['run', '', REC])).toBe('JOB must not be empty')
    expect(refusal(['run', JOB, ''])).toBe('RECORDING must not be empty')
  })
})
