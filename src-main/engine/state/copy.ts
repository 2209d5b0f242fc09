// Copies of JSON-compatible values: a stored value is a copy, never a live reference (docs/job-api.md, V5).

/** A deep copy of a JSON-compatible value. Primitives are returned as they are. */
export function deepCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    const n = value.length
    const out = new Array(n)
    for (let i = 0; i < n; i++) out[i] = deepCopy(value[i])
    return out as T
  }
  // Spread first (V8's fast clone of a plain object), then replace nested objects with copies.
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  for (const k in out) {
    const m = out[k]
    if (m !== null && typeof m === 'object') out[k] = deepCopy(m)
  }
  return out as T
}
