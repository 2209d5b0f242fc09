// Canonical strings for record keys and map user keys: equal JSON values give equal strings
// (object members sorted), so a key can address state in a Map or in LevelDB.

/** The canonical string of a JSON-compatible key. Throws on undefined, functions and non-finite numbers. */
export function keyToString(key: unknown): string {
  switch (typeof key) {
    case 'string':
      return quoted(key)
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

/**
 * JSON.stringify of a string, exactly: a key string with nothing to escape (no quote, backslash, control
 * character or surrogate) is quoted by concatenation, which costs about half of JSON.stringify's call on
 * the record path (every record's key goes through here); anything else is left to JSON.stringify.
 */
function quoted(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s)
  }
  return `"${s}"`
}

/** The key back from its canonical string. */
export function keyFromString(s: string): unknown {
  return JSON.parse(s)
}
