// The state handles of an observed run: where a state is created (OperatorState.register), the handle the
// TTL factory returned is wrapped, as Flink's LatencyTrackingStateFactory wraps what TtlStateFactory
// returns. Each call tells the hub before and after it runs and otherwise does exactly what the wrapped
// handle does. A run opened without observation never gets these wrappers.
import type { State } from '../api/state'
import type { StateKind, TableMeta } from '../state/backend'
import type { KeyContext } from '../state/state-context'
import type { ObserverHub } from './observer-hub'
import type { StateMethod } from './run-observer'

interface Method extends StateMethod {
  /** How many arguments the method takes (state methods take at most two). */
  readonly arity: 0 | 1 | 2
}

function methods(kind: StateKind, list: Array<[name: string, arity: 0 | 1 | 2, access: 'r' | 'w' | 'rw']>): readonly Method[] {
  return list.map(([name, arity, access]) => Object.freeze({ kind, name, arity, reads: access !== 'w', writes: access !== 'r' }))
}

/** Every method of every kind of state handle (api/state.ts). */
export const STATE_METHODS: Readonly<Record<StateKind, readonly Method[]>> = {
  value: methods('value', [['value', 0, 'r'], ['update', 1, 'w'], ['clear', 0, 'w']]),
  list: methods('list', [['get', 0, 'r'], ['add', 1, 'w'], ['addAll', 1, 'w'], ['update', 1, 'w'], ['clear', 0, 'w']]),
  map: methods('map', [
    ['get', 1, 'r'], ['put', 2, 'w'], ['putAll', 1, 'w'], ['remove', 1, 'w'], ['contains', 1, 'r'],
    ['entries', 0, 'r'], ['keys', 0, 'r'], ['values', 0, 'r'], ['isEmpty', 0, 'r'], ['clear', 0, 'w'],
  ]),
  // add() merges into the stored accumulator: it reads it and writes it.
  reducing: methods('reducing', [['get', 0, 'r'], ['add', 1, 'rw'], ['clear', 0, 'w']]),
  aggregating: methods('aggregating', [['get', 0, 'r'], ['add', 1, 'rw'], ['clear', 0, 'w']]),
}

/** The handle the job gets in an observed run: `handle` with every call reported to the hub. */
export function observeState(handle: State, meta: TableMeta, keys: KeyContext, hub: ObserverHub): State {
  const inner = handle as unknown as Record<string, (a?: unknown, b?: unknown) => unknown>
  const observed: Record<string, (a?: unknown, b?: unknown) => unknown> = {}
  for (const method of STATE_METHODS[meta.kind]) {
    const f = inner[method.name]
    observed[method.name] = (a?: unknown, b?: unknown): unknown => {
      if (!hub.watchesStateCalls) return f.call(handle, a, b)
      const args = method.arity === 0 ? [] : method.arity === 1 ? [a] : [a, b]
      const keyStr = keys.keyStr
      hub.beforeStateCall(meta, keyStr, method, args)
      const result = f.call(handle, a, b)
      hub.afterStateCall(meta, keyStr, method, args, result)
      return result
    }
  }
  return observed as unknown as State
}
