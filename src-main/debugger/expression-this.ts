// Why a TypeScript debugger expression cannot read `this` (`this.count.value() >= 2`, as the job's own method reads
// its state): it is evaluated after the step, outside the job's methods, where `this` was the sandbox's global object.
// `this.count.value()` threw "Cannot read properties of undefined" at every run of the line and `this.limit > 3` was
// silently false, never hitting. The expression is refused when set instead, naming what it can read.
import { transform } from 'esbuild'
import { usingEsbuild } from '../sandbox/esbuild-use'

const IDENT = /^[A-Za-z_$][\w$]*$/

/**
 * Whether `code` (the expression as a statement) reads `this` outside a function of its own: esbuild, told the text
 * is a module, replaces such a `this` with `void 0`, so its output differs from the script's (`plain`). A `this` in a
 * string, a comment or a `function () {}` inside the expression is left alone, as it should be.
 */
async function readsTopLevelThis(code: string, plain: string): Promise<boolean> {
  if (!/\bthis\b/.test(code)) return false
  const asModule = (await usingEsbuild(() => transform(`${code}\nexport {}`, { loader: 'ts', format: 'esm' }))).code
  return asModule.trim().replace(/;$/, '') !== plain
}

/** The refusal for an expression that reads `this`, or null when it does not. `plain` is esbuild's script output of `code`. */
export async function thisRefusal(src: string, code: string, plain: string, stateNames: readonly string[]): Promise<string | null> {
  if (!(await readsTopLevelThis(code, plain))) return null
  const names = stateNames.map((n) => (IDENT.test(n) ? n : `state[${JSON.stringify(n)}]`))
  const can = names.length === 0 ? 'event and key (the job has no state)' : `event, key and each state by its name (${names.join(', ')})`
  // `this.sessionStart.value()` (or `this.hist` of a list or map state) named as the state it most likely holds: the
  // one of its name, in snake case or not (session_start).
  const loose = (n: string): string => n.replace(/_/g, '').toLowerCase()
  const state = (field: string): string | undefined => stateNames.find((n) => n === field) ?? stateNames.find((n) => loose(n) === loose(field))
  const field = [...src.matchAll(/\bthis\s*\.\s*([A-Za-z_$][\w$]*)(\s*\.\s*value\s*\(\s*\))?/g)].find((m) => state(m[1]!) !== undefined)
  const name = field === undefined ? undefined : state(field[1]!)!
  const instead = field === undefined ? '' : `: \`${field[0].replace(/\s+/g, '')}\` is \`${IDENT.test(name!) ? name : `state[${JSON.stringify(name)}]`}\``
  return `expression cannot use \`this\`: it runs after the step, outside the job's methods; it reads ${can}${instead}`
}
