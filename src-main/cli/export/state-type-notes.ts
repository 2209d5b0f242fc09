// riffle export's note on a state descriptor whose values Riffle keeps as JSON where PyFlink pickles them: one of
// Types.PICKLED_BYTE_ARRAY() or of no declared type (docs/python-jobs.md: such a state reads `(1, 3.0)` back as
// `[1, 3]` in Riffle, as `(1, 3.0)` on Flink). A declared type (Types.TUPLE, Types.DOUBLE, a Row) reads back alike.
import type { PyToken } from './python-tokens'
import type { PortabilityNote } from './portability-note'

/** Each descriptor's parameters as PyFlink names them, and which of them are the state's types. */
const DESCRIPTORS: Record<string, { params: string[]; types: number[] }> = {
  ValueStateDescriptor: { params: ['name', 'value_type_info'], types: [1] },
  ListStateDescriptor: { params: ['name', 'elem_type_info'], types: [1] },
  MapStateDescriptor: { params: ['name', 'key_type_info', 'value_type_info'], types: [1, 2] },
  ReducingStateDescriptor: { params: ['name', 'reduce_function', 'type_info'], types: [2] },
  AggregatingStateDescriptor: { params: ['name', 'agg_function', 'state_type_info'], types: [2] },
}

/** The note for the descriptor call whose name is lt[i], or null when its state's types are all declared. */
export function stateTypeNote(lt: PyToken[], i: number): PortabilityNote | null {
  const t = lt[i]
  const d = DESCRIPTORS[t.text]
  if (d === undefined || t.kind !== 'name' || lt[i + 1]?.text !== '(') return null
  const args = callArgs(lt, i + 2)
  const byParam = new Map<string, PyToken[]>()
  args.forEach((a, k) => {
    const keyword = a.length > 1 && a[0].kind === 'name' && a[1].text === '='
    const param = keyword ? a[0].text : d.params[k]
    if (param !== undefined) byParam.set(param, keyword ? a.slice(2) : a)
  })
  const types = d.types.map((k) => byParam.get(d.params[k]))
  const pickled = types.some((a) => a?.some((x) => x.text === 'PICKLED_BYTE_ARRAY'))
  const undeclared = types.some((a) => a === undefined || (a.length === 1 && a[0].text === 'None'))
  if (!pickled && !undeclared) return null
  const name = byParam.get('name')
  const named = name?.length === 1 && name[0].kind === 'string' ? ` ${name[0].text}` : ''
  return {
    severity: 'differs', kind: 'json-state', line: t.line,
    message: `${t.text}${named} of ${pickled ? 'Types.PICKLED_BYTE_ARRAY()' : 'no declared type'}: Riffle keeps this state as JSON, PyFlink pickles it: read back (or handed to a reduce or aggregate function) a tuple is a list in Riffle, a whole float 3.0 is 3, a Row the list of its fields (dicts with string keys, lists, strings, ints and booleans come back the same); declare the type (Types.TUPLE, Types.DOUBLE, Types.ROW_NAMED) to read it back as Flink does`,
  }
}

/** The top-level arguments of the call whose first argument token is lt[start], each as its tokens. */
export function callArgs(lt: PyToken[], start: number): PyToken[][] {
  const args: PyToken[][] = []
  let cur: PyToken[] = []
  let depth = 0
  // A lambda's parameters (lambda a, b: a + b) are no arguments of the call: its commas up to its ':' do not split.
  let lambdaParams = false
  for (let k = start; k < lt.length; k++) {
    const x = lt[k]
    if (depth === 0 && x.text === 'lambda') lambdaParams = true
    else if (depth === 0 && x.text === ':') lambdaParams = false
    if (x.text === '(' || x.text === '[' || x.text === '{') depth++
    else if (x.text === ')' || x.text === ']' || x.text === '}') {
      if (depth === 0) break
      depth--
    } else if (depth === 0 && x.text === ',' && !lambdaParams) {
      args.push(cur)
      cur = []
      continue
    }
    cur.push(x)
  }
  if (cur.length > 0) args.push(cur)
  return args
}
