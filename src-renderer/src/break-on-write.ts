// "Break when written" (State history): the state-predicate breakpoint that holds where a key's state has the value a
// step wrote, in the job's language. A Python job's expressions are Python: the TypeScript `key === "u1" && n === 2`
// it was given does not compile there (`===` is Python's SyntaxError), so the button added a breakpoint in error.
import type { StateChangeView } from '@common/views'
import { type JobLanguage, literal } from '@common/job-dialect'

const TS_IDENT = /^[A-Za-z_$][\w$]*$/
const PY_IDENT = /^[A-Za-z_][\w]*$/

/**
 * The predicate for change `c` in `lang`. TypeScript: values compare as JSON (objects and lists too). Python: as the
 * expression reads them, a value by ==, an absent one `is None`, a composite key (a JSON array) as the tuple
 * ctx.get_current_key() gives.
 */
export function breakOnWriteExpression(lang: JobLanguage, c: Pick<StateChangeView, 'stateName' | 'keyStr' | 'after'>): string {
  if (lang === 'python') {
    const ref = PY_IDENT.test(c.stateName) ? c.stateName : `state[${JSON.stringify(c.stateName)}]`
    const test = c.after === undefined || c.after === null ? `${ref} is None` : `${ref} == ${literal('python', JSON.stringify(c.after))}`
    return `key == ${pythonKey(JSON.parse(c.keyStr))} and ${test}`
  }
  const ref = TS_IDENT.test(c.stateName) ? c.stateName : `state[${JSON.stringify(c.stateName)}]`
  const value = c.after === undefined ? 'null' : JSON.stringify(c.after)
  const test = c.after !== null && typeof c.after === 'object' ? `JSON.stringify(${ref}) === ${JSON.stringify(value)}` : `${ref} === ${value}`
  // A key string is canonical JSON: a string or number key is its own JS literal; a composite key compares as JSON.
  const keyTest = /^[[{]/.test(c.keyStr) ? `JSON.stringify(key) === ${JSON.stringify(c.keyStr)}` : `key === ${c.keyStr}`
  return `${keyTest} && ${test}`
}

/** A key as a Python literal of what the expression's `key` is: a JSON array as a tuple, at any depth. */
function pythonKey(k: unknown): string {
  if (!Array.isArray(k)) return literal('python', JSON.stringify(k))
  const items = k.map(pythonKey)
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`
}
