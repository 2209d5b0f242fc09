// What a failed run's message says about the --out lines it kept (output-pump.ts withKeptOutput).
import { describe, expect, it } from 'vitest'
import { withKeptOutput } from '../../../src-main/cli/output-pump'
import type { OutputFile } from '../../../src-main/cli/output-file'

const file = (lines: number, replacesTarget: boolean, existed = true): OutputFile =>
  ({ lines, name: 'standard output', target: 'out.jsonl', replacesTarget, existed }) as unknown as OutputFile

describe('the lines kept before a failure', () => {
  it('says "1 line ... was" and "2 lines ... were"', () => {
    // It said "the 1 line of output before the failure were written to standard output".
    expect(withKeptOutput('boom', file(1, false), null)).toBe('boom\n  the 1 line of output before the failure was written to standard output')
    expect(withKeptOutput('boom', file(2, false), null)).toBe('boom\n  the 2 lines of output before the failure were written to standard output')
    expect(withKeptOutput('boom', file(1, true), 'out.jsonl.partial')).toBe('boom\n  the 1 line of output written before the failure is in out.jsonl.partial (out.jsonl was not changed)')
    expect(withKeptOutput('boom', file(3, true), 'out.jsonl.partial')).toBe('boom\n  the 3 lines of output written before the failure are in out.jsonl.partial (out.jsonl was not changed)')
  })
})

describe('a target that was not there before the run', () => {
  // A run failing before its first output said "(o.jsonl was not changed)" of a file that never existed.
  it('says it was not created, where an existing one says it was not changed', () => {
    expect(withKeptOutput('boom', file(0, true, false), null)).toBe('boom\n  no output was written before the failure (out.jsonl was not created)')
    expect(withKeptOutput('boom', file(2, true, false), 'out.jsonl.partial')).toBe('boom\n  the 2 lines of output written before the failure are in out.jsonl.partial (out.jsonl was not created)')
    expect(withKeptOutput('boom', file(0, true), null)).toBe('boom\n  no output was written before the failure (out.jsonl was not changed)')
  })
})
