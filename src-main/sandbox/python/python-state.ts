// The engine's state handles as a Python job calls them: values cross as JSON text (one string each way is far
// cheaper than a proxy of a JS object in Pyodide), primitives as they are. Every call still goes to the handle,
// so observers (the debugger's recorder, breakpoints) see a Python job's state calls as a TypeScript job's.
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from '../../engine/api/state'

const text = (v: unknown): string => (v === undefined ? 'null' : JSON.stringify(v))

export function valueAdapter(h: ValueState<unknown>): object {
  return {
    get: (): string => text(h.value()),
    // Python's None arrives as undefined (Pyodide's default): the engine's null.
    put: (v: unknown): void => h.update(v ?? null),
    putJson: (s: string): void => h.update(JSON.parse(s)),
    clear: (): void => h.clear(),
  }
}

export function listAdapter(h: ListState<unknown>): object {
  return {
    get: (): string => JSON.stringify(Array.from(h.get())),
    addJson: (s: string): void => h.add(JSON.parse(s)),
    addAllJson: (s: string): void => h.addAll(JSON.parse(s) as unknown[]),
    updateJson: (s: string): void => h.update(JSON.parse(s) as unknown[]),
    clear: (): void => h.clear(),
  }
}

export function mapAdapter(h: MapState<unknown, unknown>): object {
  return {
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
  }
}

export function mergingAdapter(h: ReducingState<unknown> | AggregatingState<unknown, unknown>): object {
  return {
    get: (): string => text(h.get()),
    addJson: (s: string): void => h.add(JSON.parse(s)),
    clear: (): void => h.clear(),
  }
}
