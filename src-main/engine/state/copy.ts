// Copies of JSON-compatible values: a stored value is a copy, never a live reference (API.md §1, V5).

/** A deep copy of a JSON-compatible value. Primitives are returned as they are. */
export function deepCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    const n = value.length
    const out = new Array(n)
    for (let i = 0; i < n; i++) out[i] = deepCopy(value[i])
    return out as T
  }
  const out: Record<string, unknown> = {}
  for (const k in value as Record<string, unknown>) {
    out[k] = deepCopy((value as Record<string, unknown>)[k])
  }
  return out as T
}
