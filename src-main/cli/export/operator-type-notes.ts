// riffle export's note on a map, flat_map or process without output_type whose values a later operator of the same
// chain reads: Riffle hands them on as JSON, PyFlink pickles an undeclared output_type (docs/python-jobs.md: the next
// function gets (1, 3.0) as [1, 3] in Riffle, as (1, 3.0) on Flink). The job's last operator needs none: both print
// its values as the same JSON lines. A pipeline split over statements (a = s.map(f); a.key_by(g)) is not followed.
import type { PyToken } from './python-tokens'
import type { PortabilityNote } from './portability-note'
import { callArgs } from './state-type-notes'

/** Calls whose values leave a Python function of the job's, undeclared unless given output_type. */
const PRODUCERS = new Set(['map', 'flat_map', 'process'])
/** Calls that run a function of the job's on their input's values. */
const READERS = new Set(['map', 'flat_map', 'process', 'filter', 'key_by', 'assign_timestamps_and_watermarks'])

/** The note for the `.map(...)`-like call whose name is lt[i], or null. */
export function operatorTypeNote(lt: PyToken[], i: number): PortabilityNote | null {
  const t = lt[i]
  if (t.kind !== 'name' || !PRODUCERS.has(t.text) || lt[i - 1]?.text !== '.' || lt[i + 1]?.text !== '(') return null
  const close = closing(lt, i + 1)
  if (close < 0) return null
  // output_type=..., or map(f, Types.X): a second argument is the type.
  const args = callArgs(lt, i + 2)
  if (args.length > 1 || args.some((a) => a[0]?.text === 'output_type' && a[1]?.text === '=')) return null
  // The next call of the chain that reads the values (.name(...) and .uid(...) only label the operator).
  for (let k = close + 1; k + 2 < lt.length; k++) {
    if (lt[k].text !== '.' || lt[k + 1].kind !== 'name' || lt[k + 2].text !== '(') break
    const next = lt[k + 1].text
    if (READERS.has(next)) {
      return {
        severity: 'differs', kind: 'json-between-operators', line: t.line,
        message: `${t.text}(...) declares no output_type, and ${next} reads its values: Riffle hands them on as JSON, PyFlink pickles them, so there a tuple is a list in Riffle, a whole float 3.0 is 3, a Row the list of its fields (dicts with string keys, lists, strings, ints and booleans arrive the same); declare output_type (Types.TUPLE, Types.DOUBLE, Types.ROW_NAMED) to have them arrive as on Flink`,
      }
    }
    k = closing(lt, k + 2)
    if (k < 0) break
  }
  return null
}

/** Index of the bracket closing the one at lt[open], or -1. */
function closing(lt: PyToken[], open: number): number {
  let depth = 0
  for (let k = open; k < lt.length; k++) {
    const x = lt[k].text
    if (x === '(' || x === '[' || x === '{') depth++
    else if (x === ')' || x === ']' || x === '}') {
      depth--
      if (depth === 0) return k
    }
  }
  return -1
}
