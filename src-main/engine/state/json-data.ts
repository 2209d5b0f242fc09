// Checks that a value is JSON data and makes the private copy that state stores (docs/job-api.md: values are
// JSON-compatible data; a stored value is a copy, never a live reference). One pass does both, so a write
// costs a single traversal; reads copy with copy.ts's deepCopy. Records the job emits are checked and
// copied by the same rule (docs/job-api.md: a value it stored or emitted that is not JSON-compatible stops the run
// at the job's line), so what --out and the debugger show is what was emitted at that moment.

/**
 * Nesting deeper than this is treated as a cycle (a real cycle would overflow the stack). Recording
 * lines nested deeper are bad lines (replay/json-line-parser.ts), so no value anywhere is deeper.
 */
export const MAX_JSON_DEPTH = 500
const MAX_DEPTH = MAX_JSON_DEPTH

class NotJsonData extends Error {
  constructor(readonly reason: string, readonly path: Array<string | number>) { super(reason) }
}

/**
 * A private copy of `value` fit for storing in state `stateName`. Throws a TypeError naming the state
 * when the value is undefined, a function, a symbol, a bigint, NaN/Infinity or a class instance.
 * Object members whose value is undefined are left out, as JSON.stringify does, so every backend
 * stores the same thing. -0 is stored as 0 (JSON has no -0).
 */
export function toStateData(value: unknown, stateName: string, what = 'value'): unknown {
  const p = primitiveData(value)
  return p !== COMPOUND ? p : checkedCopy(value, 'state', stateName, what)
}

/**
 * A copy of a record the job emits (`what`: how it was emitted, e.g. "out.collect(value)"), checked by
 * the same rule as state values. Throws a TypeError naming the emitting call; thrown inside that call,
 * it names the job's line.
 */
export function toOutputData(value: unknown, what: string): unknown {
  const p = primitiveData(value)
  return p !== COMPOUND ? p : checkedCopy(value, 'output', '', what)
}

const COMPOUND = Symbol('compound')

/** The common primitives as stored (the benchmark's hot path stores numbers), or COMPOUND. */
function primitiveData(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      if (value === 0) return 0
      if (value - value === 0) return value // finite
      break
    case 'string':
    case 'boolean':
      return value
    default:
      if (value === null) return null
  }
  return COMPOUND
}

/** copy() with its NotJsonData turned into the TypeError users see; the message is built only then. */
function checkedCopy(value: unknown, kind: 'state' | 'output', stateName: string, what: string): unknown {
  try {
    return copy(value, 0, [])
  } catch (e) {
    if (e instanceof NotJsonData) {
      // An expression (out.collect(value)) takes the member's path after it; words (the value the map function
      // returned) take it in front: "a[1].f of the value ...", not "returned.a[1].f".
      const path = pathText(e.path)
      const words = what.includes(' ') && !what.endsWith(')')
      const named = words && path !== '' ? `${path.replace(/^\./, '')} of ${what}` : what + path
      const at = kind === 'state' ? `state "${stateName}": ${named}` : named
      throw new TypeError(`${at} is ${e.reason}; ${kind === 'state' ? 'state values' : 'outputs'} must be JSON data ` +
        '(numbers, strings, booleans, null, arrays, plain objects)', { cause: e })
    }
    throw e
  }
}

function copy(value: unknown, depth: number, path: Array<string | number>): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonData(`${value} (not a finite number)`, path)
      return value === 0 ? 0 : value
    case 'string':
    case 'boolean':
      return value
    case 'undefined':
      throw new NotJsonData('undefined', path)
    case 'function':
      throw new NotJsonData('a function', path)
    case 'symbol':
      throw new NotJsonData('a symbol', path)
    case 'bigint':
      throw new NotJsonData(`a bigint (${String(value)}n); store a number or a string`, path)
  }
  if (value === null) return null
  if (depth >= MAX_DEPTH) throw new NotJsonData(`nested more than ${MAX_DEPTH} levels deep (a cycle?)`, path)
  if (Array.isArray(value)) {
    const n = value.length
    const out = new Array(n)
    for (let i = 0; i < n; i++) {
      path.push(i)
      out[i] = copy(value[i], depth + 1, path)
      path.pop()
    }
    return out
  }
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) {
    const name = (proto?.constructor as { name?: string } | undefined)?.name ?? 'object'
    const hint = name === 'Date' ? '; store date.getTime() or an ISO string' : name === 'Map' || name === 'Set' ? '; store an array or a plain object' : ''
    throw new NotJsonData(`a ${name} (a class instance, not a plain object)${hint}`, path)
  }
  // A spread clone takes V8's fast path for plain objects; then one pass validates members and
  // replaces nested objects with their copies (the hot path stores small flat objects).
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  let dropUndefined = false
  for (const k in out) {
    const member = out[k]
    switch (typeof member) {
      case 'number':
        if (member - member !== 0) { path.push(k); copy(member, depth + 1, path) } // throws: NaN/Infinity
        if (member === 0) out[k] = 0 // -0 is stored as 0
        break
      case 'string':
      case 'boolean':
        break
      case 'undefined':
        dropUndefined = true // JSON semantics: an undefined member is absent
        break
      default:
        path.push(k)
        out[k] = copy(member, depth + 1, path)
        path.pop()
    }
  }
  if (dropUndefined) for (const k in out) if (out[k] === undefined) delete out[k]
  return out
}

/** `.a[1].b`, shortened after a few steps (a cycle would otherwise print hundreds). */
function pathText(path: Array<string | number>): string {
  const shown = path.slice(0, 8).map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')
  return path.length > 8 ? `${shown}…` : shown
}

/**
 * Writes `value` into `target`, a plain object this state stores privately, when both have the same
 * members: no new object, so a read-modify-write of an object state allocates nothing that outlives
 * the call. Returns false (target untouched) when the shapes differ or a member is not a primitive;
 * the caller then stores a fresh copy. Validation is the same as toStateData's.
 */
export function assignSameShape(target: Record<string, unknown>, value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  if (Object.getPrototypeOf(value) !== Object.prototype) return false
  const src = value as Record<string, unknown>
  let n = 0
  for (const k in src) {
    const m = src[k]
    if (!(k in target)) return false
    // Only flat members: finite numbers, strings, booleans, null. Anything else takes the copying path.
    if (typeof m === 'number') { if (m - m !== 0) return false } else if (typeof m !== 'string' && typeof m !== 'boolean' && m !== null) return false
    n++
  }
  let t = 0
  for (const _ in target) t++
  if (t !== n) return false
  for (const k in src) {
    const m = src[k]
    target[k] = m === 0 ? 0 : m // -0 is stored as 0
  }
  return true
}
