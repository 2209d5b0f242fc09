// What a failed run's message says about the --out lines it kept (output-pump.ts withKeptOutput).
import { describe, expect, it } from 'vitest'
import { withKeptOutput } from '../../../src-main/cli/output-pump'
import type { OutputFile } from '../../../src-main/cli/output-file'

const file = (lines: number, replacesTarget: boolean): OutputFile =>
  ({ lines, name: 'standard output', target: 'out.jsonl', replacesTarget }) as unknown as OutputFile

describe('the lines kept before a failure', () => {
  it('says "1 line ... was" and "2 lines ... were"', () => {
    // It said "the 1 line of output before the failure were written to standard output".
    expect(withKeptOutput('boom', file(1, false), null)).toBe('boom\n  the 1 line of output before the failure was written to standard output')
    expect(withKeptOutput('boom', file(2, false), null)).toBe('boom\n  the 2 lines of output before the failure were written to standard output')
    expect(withKeptOutput('boom', file(1, true), 'out.jsonl.partial')).toBe('boom\n  the 1 line of output written before the failure is in out.jsonl.partial (out.jsonl was not changed)')
    expect(withKeptOutput('boom', file(3, true), 'out.jsonl.partial')).toBe('boom\n  the 3 lines of output written before the failure are in out.jsonl.partial (out.jsonl was not changed)')
  })
})
