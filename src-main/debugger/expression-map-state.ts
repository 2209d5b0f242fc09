// What a map state's name is in a TypeScript debugger expression (a watch, a breakpoint's condition or log message):
// a read-only JavaScript Map of the key's entries, read as `this.pages.get(k)` reads the state in the job (size, get,
// has, keys, values, entries, for…of), its keys as the job put them (9 and "9" two keys), its set, delete and clear
// throwing. The state object the context carries (debug-expression.ts stateObject) keeps plain objects, which a hit
// shows as JSON and a Python expression's context crosses as; this view of it is made for each TypeScript call.
import { readOnly } from './expression-self'

/** `state` as a TypeScript expression reads it: a map state's name (in `maps`) a fresh read-only Map at each read. */
export function typescriptState(state: Record<string, unknown> | undefined, maps: Record<string, Array<[unknown, unknown]>> | undefined): unknown {
  if (state === undefined || maps === undefined) return state
  return new Proxy(state, {
    // The rest as it was: the object is the call's copy already, so what an expression writes to it changes no run.
    get: (t, p, r) => (typeof p === 'string' && Object.hasOwn(maps, p) ? readOnlyMap(p, maps[p]!) : Reflect.get(t, p, r)),
  })
}

/** The map state `name`'s entries as a Map whose writes throw, saying the expression only reads (a copy: the run's state is not it). */
function readOnlyMap(name: string, entries: Array<[unknown, unknown]>): Map<unknown, unknown> {
  const m = new Map(entries.map(([k, v]) => [structuredClone(k), structuredClone(v)]))
  // Own, not enumerable: the watch shows it as a Map (`Map(2) { '/p/1' => 2, … }`), its methods still the Map's.
  for (const call of ['set', 'delete', 'clear']) {
    Object.defineProperty(m, call, { value: (): never => readOnly(`${name}.${call}(…) (state "${name}")`) })
  }
  return m
}
