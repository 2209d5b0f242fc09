// Canonical strings for record keys and map user keys: equal JSON values give equal strings
// (object members sorted), so a key can address state in a Map or in LevelDB.

/** The canonical string of a JSON-compatible key. Throws on undefined, functions and non-finite numbers. */
export function keyToString(key: unknown): string {
  switch (typeof key) {
    case 'string':
      return JSON.stringify(key)
    case 'number':
      if (!Number.isFinite(key)) throw new TypeError(`a key must be a finite number, got ${key}`)
      return Object.is(key, -0) ? '0' : String(key)
    case 'boolean':
      return key ? 'true' : 'false'
    case 'object':
      if (key === null) return 'null'
      if (Array.isArray(key)) return `[${key.map(keyToString).join(',')}]`
      {
        // A Date, Map or class instance has no JSON identity of its own: they would all collapse to "{}".
        const proto = Object.getPrototypeOf(key)
        if (proto !== Object.prototype && proto !== null) {
          throw new TypeError(`a key must be JSON data, got a ${proto?.constructor?.name ?? 'non-plain'} object (use a string, number or plain object/array)`)
        }
      }
      return `{${Object.keys(key).sort().map((k) => `${JSON.stringify(k)}:${keyToString((key as Record<string, unknown>)[k])}`).join(',')}}`
    default:
      throw new TypeError(`a key must be JSON data (string, number, boolean, array or object), got ${typeof key}`)
  }
}

/** The key back from its canonical string. */
export function keyFromString(s: string): unknown {
  return JSON.parse(s)
}
