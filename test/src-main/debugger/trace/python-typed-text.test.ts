// A Python job's typed state values in a trace: Python's repr of what the job reads (a Row, a tuple, a float), as
// PyFlink prints them, and which declared types change anything at all.
import { describe, expect, it } from 'vitest'
import { callTypes, holdsBytes, pythonRepr, rebuilds } from '../../../../src-main/debugger/trace/python-typed-text'
import type { TypeInfo } from '../../../../src-main/engine/api/types'

const T = (name: string, ...params: TypeInfo[]): TypeInfo => (params.length > 0 ? { name, params } : { name })
// As python/pyflink/common/typeinfo.py labels Types.ROW_NAMED(['user', 'inner'], [Types.STRING(), Types.ROW_NAMED(['x'], [Types.DOUBLE()])]).
const NESTED = T('ROW', T('user: STRING'), T('inner: ROW', T('x: DOUBLE')))

describe('pythonRepr', () => {
  it('writes a Row with its field names, nested rows and float fields as Python reads them', () => {
    expect(pythonRepr(['a', [3]], NESTED)).toBe("Row(user='a', inner=Row(x=3.0))")
    expect(pythonRepr([['a', [1.5]], null], T('LIST', NESTED))).toBe("[Row(user='a', inner=Row(x=1.5)), None]")
  })

  it('writes tuples, floats and strings as repr does', () => {
    expect(pythonRepr(['a'], T('TUPLE', T('STRING')))).toBe("('a',)")
    expect(pythonRepr([1, 2, true], T('TUPLE', T('INT'), T('FLOAT'), T('BOOLEAN')))).toBe('(1, 2.0, True)')
    expect([1e16, 1.5e-7, 0.0001, 123456789012345, -2].map((n) => pythonRepr(n, T('DOUBLE')))).toEqual(['1e+16', '1.5e-07', '0.0001', '123456789012345.0', '-2.0'])
    expect(pythonRepr("it's \\ \"x\"\n")).toBe(`'it\\'s \\\\ "x"\\n'`)
    expect(pythonRepr("it's")).toBe(`"it's"`)
    expect(pythonRepr({ a: [1, 0.5], b: null }, T('MAP', T('STRING'), T('LIST', T('DOUBLE'))))).toBe("{'a': [1.0, 0.5], 'b': None}")
  })

  it("writes a map's keys kept as their JSON text as the keys the job reads: ints, floats, tuples", () => {
    expect(pythonRepr({ 9: 'a', 10: 'b' }, T('MAP', T('LONG'), T('STRING')))).toBe("{9: 'a', 10: 'b'}")
    expect(pythonRepr({ 3: 1 }, T('MAP', T('DOUBLE'), T('LONG')))).toBe('{3.0: 1}')
    expect(pythonRepr({ '["a",1]': true }, T('MAP', T('TUPLE', T('STRING'), T('LONG')), T('BOOLEAN')))).toBe("{('a', 1): True}")
    expect(pythonRepr({ old: 1 }, T('MAP', T('LONG'), T('LONG')))).toBe("{'old': 1}")
  })

  it("writes a Types.PRIMITIVE_ARRAY(Types.BYTE())'s byte values as Python's repr of the bytes", () => {
    expect(pythonRepr([104, 105, 0, 10, 39, 92, 127, 128, 255], T('BYTES'))).toBe("b\"hi\\x00\\n'\\\\\\x7f\\x80\\xff\"")
    expect(pythonRepr([], T('BYTES'))).toBe("b''")
    expect(pythonRepr([[97]], T('LIST', T('BYTES')))).toBe("[b'a']")
  })
})

describe('rebuilds', () => {
  it('is true only where the job reads something other than the JSON', () => {
    expect([NESTED, T('TUPLE', T('INT')), T('FLOAT'), T('LIST', T('DOUBLE')), T('MAP', T('STRING'), NESTED)].map(rebuilds)).toEqual([true, true, true, true, true])
    expect([undefined, T('ROW'), T('LONG'), T('STRING'), T('LIST', T('LONG')), T('MAP', T('STRING'), T('LONG')), T('MAP', T('JSON'), T('LONG'))].map(rebuilds))
      .toEqual([false, false, false, false, false, false, false])
    // A map's keys of any other type are kept as their JSON text ("9"), which the job reads as the key itself.
    expect([T('MAP', T('LONG'), T('STRING')), T('MAP', T('DOUBLE'), T('STRING'))].map(rebuilds)).toEqual([true, true])
  })
})

describe('holdsBytes', () => {
  // The key detail writes a value of such a type as Python does (session-views.ts), the JSON list of byte values
  // reading as no bytes; any other value it shows as the JSON kept.
  it('is true where bytes are the value or inside it: a list item, a map key or value, a Row field, a tuple item', () => {
    const B = T('BYTES')
    expect([B, T('LIST', B), T('MAP', B, T('LONG')), T('MAP', T('STRING'), B), T('ROW', T('data: BYTES')), T('TUPLE', T('STRING'), B)].map(holdsBytes))
      .toEqual([true, true, true, true, true, true])
    expect([undefined, T('LONG'), T('LIST', T('BYTE')), NESTED, T('ROW'), T('MAP', T('LONG'), T('STRING'))].map(holdsBytes))
      .toEqual([false, false, false, false, false, false])
    expect(pythonRepr(['a', [104, 105]], T('ROW', T('user: STRING'), T('data: BYTES')))).toBe("Row(user='a', data=b'hi')")
  })
})

describe('callTypes', () => {
  it("gives a list state's add its element type and its content the list's; a map's content is its (key, value) pairs", () => {
    const row = T('ROW', T('n: INT'))
    expect(callTypes('list', 'add', { value: row })).toEqual({ args: [row], result: T('LIST', row), content: T('LIST', row) })
    expect(callTypes('list', 'addAll', { value: row }).args).toEqual([T('LIST', row)])
    const m = callTypes('map', 'get', { key: T('STRING'), value: row })
    expect(m).toEqual({ args: [T('STRING'), row], result: row, content: T('LIST', T('TUPLE', T('STRING'), row)) })
    expect(callTypes('map', 'put', { key: T('STRING'), value: T('LONG') }).content).toBeUndefined()
  })
})
