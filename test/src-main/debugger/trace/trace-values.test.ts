// A trace's values (the Trace view, the editor's inline values, riffle trace) in the job's language. A Python job's
// were the engine's JSON with None/True/False put in (`→ "u1"`, `{"a":None}`), beside the same row's yielded value in
// Python's repr (`yield {'user_id': 'u1'}`): they are Python's repr now, as the job would print them.
import { describe, expect, it } from 'vitest'
import { describeValue } from '../../../../src-main/debugger/trace/trace-values'

describe('a trace value', () => {
  it("is Python's repr in a Python job", () => {
    expect(describeValue('u1', 'python')).toBe("'u1'")
    expect(describeValue({ a: null, b: true, s: "it's" }, 'python')).toBe(`{'a': None, 'b': True, 's': "it's"}`)
    expect(describeValue([1, 2.5, false], 'python')).toBe('[1, 2.5, False]')
    expect(describeValue(undefined, 'python')).toBe('absent')
    expect(describeValue('x'.repeat(100), 'python')).toBe(`'${'x'.repeat(58)}…`)
  })

  it('is JSON in a TypeScript job', () => {
    expect(describeValue('u1')).toBe('"u1"')
    expect(describeValue({ a: null, b: true })).toBe('{"a":null,"b":true}')
    expect(describeValue(undefined)).toBe('absent')
  })
})
