// riffle trace with the findings options its help lists as applying: --no-findings leaves the traced steps'
// findings out (they were printed anyway), and --findings=error exits 1 when a traced step raised a warning
// (it exited 0). The seed sessionizer's step 3 deletes a timer that is not there: a warning.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const SEED = join(ROOT, 'examples/sessionizer-seed.ts')
const FIXED = join(ROOT, 'examples/sessionizer-fixed.ts')
const CLICKS = join(ROOT, 'recordings/clicks-small.jsonl')

describe('riffle trace and the findings options', () => {
  it('by default a traced step lists the warning it raised', () => {
    const r = riffle('trace', SEED, CLICKS, '--step', '3')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/\n {2}warning {2}.*sessionizer-seed\.ts:35 {2}deleteEventTimeTimer/)
  })

  it('--no-findings: no finding in the text, an empty findings list in --json', () => {
    const r = riffle('trace', SEED, CLICKS, '--step', '3', '--no-findings')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).not.toMatch(/warning/)
    const j = riffle('trace', SEED, CLICKS, '--step', '3', '--to', '4', '--json', '--no-findings')
    expect(j.code, j.stderr).toBe(0)
    for (const line of j.stdout.trim().split('\n')) expect(JSON.parse(line).findings).toEqual([])
  })

  it('--findings=error: exit 1 when a traced step raised a warning, saying so after the trace; 0 when none did', () => {
    const r = riffle('trace', SEED, CLICKS, '--step', '3', '--findings=error')
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).toMatch(/^step 3 /)
    expect(r.stderr).toBe('riffle: --findings=error: a traced step raised a warning\n')
    const fixed = riffle('trace', FIXED, CLICKS, '--step', '3', '--findings=error')
    expect(fixed.code, fixed.stderr).toBe(0)
  })
})
