// Whether a TypeScript debugger expression reads `this` (the job's function object, expression-self.ts), and the
// refusals of one that cannot work, said when it is set rather than at every hit: `this` where no keyed function is at
// work (an event breakpoint's predicate runs before the record reaches a key), and a write through it (`this.limit = 3`,
// `this.count.update(1)`), as an expression only reads the job.
import { transform } from 'esbuild'
import { usingEsbuild } from '../sandbox/esbuild-use'

/**
 * Whether `code` (the expression as a statement) reads `this` outside a function of its own: esbuild, told the text
 * is a module, replaces such a `this` with `void 0`, so its output differs from the script's (`plain`). A `this` in a
 * string, a comment or a `function () {}` inside the expression is left alone, as it should be.
 */
export async function readsTopLevelThis(code: string, plain: string): Promise<boolean> {
  if (!/\bthis\b/.test(code)) return false
  const asModule = (await usingEsbuild(() => transform(`${code}\nexport {}`, { loader: 'ts', format: 'esm' }))).code
  return asModule.trim().replace(/;$/, '') !== plain
}

/** A state handle's calls that write (ValueState, ListState, MapState, ReducingState, AggregatingState). */
const STATE_WRITES = ['update', 'clear', 'add', 'addAll', 'put', 'putAll', 'remove']
const WRITE_FIELD = /(?:\+\+|--)\s*this\s*\.\s*[\w$]+|\bthis\s*\.\s*[\w$]+\s*(?:\+\+|--|(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=(?!=))/
const WRITE_STATE = new RegExp(`\\bthis\\s*\\.\\s*([\\w$]+)\\s*\\.\\s*(${STATE_WRITES.join('|')})\\s*\\(`)

/**
 * Why an expression that reads `this` cannot be set, or null when it can. `noThis`: why no keyed function is at work
 * where it runs, or null when one is.
 */
export function thisRefusal(src: string, noThis: string | null): string | null {
  if (noThis !== null) return `expression cannot use \`this\`: ${noThis}`
  const state = WRITE_STATE.exec(src)
  if (state !== null) {
    return `expression cannot change state: \`${state[0].replace(/\s+/g, '')}…)\` writes; a debugger expression only reads the job ` +
      `(\`this.${state[1]}\` reads the key's state as it is after the step)`
  }
  const field = WRITE_FIELD.exec(src)
  if (field !== null) return `expression cannot change the job: \`${field[0].trim()}\` writes a field; a debugger expression only reads it`
  return null
}
