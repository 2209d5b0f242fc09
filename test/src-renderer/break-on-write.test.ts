// "Break when written" in the State history wrote a TypeScript predicate (`key === "u1" && event_count === 2`) for a
// Python job too, whose breakpoint expressions are Python: the breakpoint it added did not compile. It is written in
// the job's language now.
import { describe, expect, it } from 'vitest'
import { breakOnWriteExpression } from '../../src-renderer/src/break-on-write'

describe('break when written', () => {
  it('is Python for a Python job: ==, and, None, True, a composite key as a tuple', () => {
    expect(breakOnWriteExpression('python', { stateName: 'event_count', keyStr: '"u1"', after: 2 })).toBe('key == "u1" and event_count == 2')
    expect(breakOnWriteExpression('python', { stateName: 'session_start', keyStr: '"u1"', after: null })).toBe('key == "u1" and session_start is None')
    expect(breakOnWriteExpression('python', { stateName: 'last', keyStr: '["a",1]', after: { ok: true, n: null, s: 'true' } }))
      .toBe('key == ("a", 1) and last == {"ok":True,"n":None,"s":"true"}')
    expect(breakOnWriteExpression('python', { stateName: 'my-state', keyStr: '[["a"]]', after: [1] })).toBe('key == (("a",),) and state["my-state"] == [1]')
  })

  it('stays TypeScript for a TypeScript job: values compare as JSON', () => {
    expect(breakOnWriteExpression('typescript', { stateName: 'eventCount', keyStr: '"u1"', after: 2 })).toBe('key === "u1" && eventCount === 2')
    expect(breakOnWriteExpression('typescript', { stateName: 'last', keyStr: '["a",1]', after: { a: 1 } }))
      .toBe('JSON.stringify(key) === "[\\"a\\",1]" && JSON.stringify(last) === "{\\"a\\":1}"')
  })
})
