// The engine's state handles as a Python job calls them: values cross as JSON text (one string each way is far
// cheaper than a proxy of a JS object in Pyodide), primitives as they are. Every call still goes to the handle,
// so observers (the debugger's recorder, breakpoints) see a Python job's state calls as a TypeScript job's.
// An engine refusal of a call is raised here, for every method at once, as the Python exception PyFlink raises
// (PythonBridge.refuse): Python code around a state call needs no try of its own, and no frame is added to it.
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from '../../engine/api/state'

const text = (v: unknown): string => (v === undefined ? 'null' : JSON.stringify(v))

/** Raises a JS error from a state call in Python: a refusal as TypeError or ValueError, anything else as it is. */
export type Refuse = (err: unknown) => never

type Methods = Record<string, (...args: never[]) => unknown>

/** `methods`, each of whose errors goes through `refuse`. */
function guarded<T extends Methods>(methods: T, refuse: Refuse): T {
  const out: Methods = {}
  for (const [name, fn] of Object.entries(methods)) {
    out[name] = (...args: never[]): unknown => {
      try {
        return fn(...args)
      } catch (e) {
        return refuse(e)
      }
    }
  }
  return out as T
}

export function valueAdapter(h: ValueState<unknown>, refuse: Refuse): object {
  return guarded({
    get: (): string => text(h.value()),
    // Python's None arrives as undefined (Pyodide's default): the engine's null.
    put: (v: unknown): void => h.update(v ?? null),
    putJson: (s: string): void => h.update(JSON.parse(s)),
    clear: (): void => h.clear(),
  }, refuse)
}

export function listAdapter(h: ListState<unknown>, refuse: Refuse): object {
  return guarded({
    get: (): string => JSON.stringify(Array.from(h.get())),
    addJson: (s: string): void => h.add(JSON.parse(s)),
    addAllJson: (s: string): void => h.addAll(JSON.parse(s) as unknown[]),
    updateJson: (s: string): void => h.update(JSON.parse(s) as unknown[]),
    clear: (): void => h.clear(),
  }, refuse)
}

export function mapAdapter(h: MapState<unknown, unknown>, refuse: Refuse): object {
  return guarded({
    get: (k: string): string => text(h.get(JSON.parse(k))),
    put: (k: string, v: string): void => h.put(JSON.parse(k), JSON.parse(v)),
    putAll: (entries: string): void => h.putAll(JSON.parse(entries) as [unknown, unknown][]),
    remove: (k: string): void => h.remove(JSON.parse(k)),
    contains: (k: string): boolean => h.contains(JSON.parse(k)),
    entries: (): string => JSON.stringify(Array.from(h.entries())),
    keys: (): string => JSON.stringify(Array.from(h.keys())),
    values: (): string => JSON.stringify(Array.from(h.values())),
    isEmpty: (): boolean => h.isEmpty(),
    clear: (): void => h.clear(),
  }, refuse)
}

export function mergingAdapter(h: ReducingState<unknown> | AggregatingState<unknown, unknown>, refuse: Refuse): object {
  return guarded({
    get: (): string => text(h.get()),
    addJson: (s: string): void => h.add(JSON.parse(s)),
    clear: (): void => h.clear(),
  }, refuse)
}
