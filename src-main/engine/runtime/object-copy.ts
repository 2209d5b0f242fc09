// Deep copies of the job's own objects (its functions' fields), keeping what JSON and structuredClone lose: class
// instances with their prototypes, arrays, Map, Set, Date, RegExp, typed arrays, and shared references and cycles
// (one copy per object). A debugger expression's `this` is such a copy (debugger/expression-self.ts), and so are
// the job's fields in time travel's snapshots (job-fields.ts); each says what it puts in place of some values.

/** What `leave` returns for a value the copier should copy as usual. */
export const COPY: unique symbol = Symbol('copy')

/**
 * Asked first for every object and function met: what to put in its place instead of a copy (a state handle's
 * stand-in, the object itself), or COPY. A function `leave` lets through is kept as it is: code is not data.
 * `path` names the value as the job's code would (this.byKey.get(…)).
 */
export type Leave = (v: object, path: string) => unknown

/**
 * What an object's accessor is copied as: the getter run, when the copy's field is read, in place of the original's.
 * An accessor is never read while copying (a getter the job wrote could change the job: `get next() { return
 * ++this.hits }`); by default the copy keeps the same getter, run on the copy.
 */
export type Getter = (get: () => unknown, path: string) => () => unknown

export class ObjectCopier {
  /** Each object copied so far and its copy: shared references stay shared, cycles end. */
  private readonly copies = new Map<object, unknown>()

  constructor(private readonly leave: Leave, private readonly getter: Getter = (get) => get) {}

  copy(v: unknown, path: string): unknown {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v
    const seen = this.copies.get(v)
    if (seen !== undefined) return seen
    const left = this.leave(v, path)
    if (left !== COPY) return left
    if (typeof v === 'function') return v
    if (Array.isArray(v)) {
      const a: unknown[] = new Array(v.length)
      this.keep(v, a)
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i]
        a[i] = x === null || (typeof x !== 'object' && typeof x !== 'function') ? x : this.copy(x, `${path}[${i}]`)
      }
      return a
    }
    if (v instanceof Map) {
      const m = new Map()
      this.keep(v, m)
      for (const [k, x] of v) m.set(this.copy(k, `${path}.keys()`), this.copy(x, `${path}.get(…)`))
      return m
    }
    if (v instanceof Set) {
      const s = new Set()
      this.keep(v, s)
      for (const x of v) s.add(this.copy(x, `${path}.values()`))
      return s
    }
    if (v instanceof Date) return this.keep(v, new Date(v.getTime()))
    if (v instanceof RegExp) {
      const r = new RegExp(v.source, v.flags)
      r.lastIndex = v.lastIndex
      return this.keep(v, r)
    }
    if (v instanceof ArrayBuffer) return this.keep(v, v.slice(0))
    if (ArrayBuffer.isView(v)) {
      if (v instanceof DataView) return this.keep(v, new DataView(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)))
      return this.keep(v, (v as unknown as { slice(): object }).slice())
    }
    const o = Object.create(Object.getPrototypeOf(v) as object | null) as Record<string, unknown>
    this.copies.set(v, o)
    this.copyFields(v, o, path)
    return o
  }

  /** `from`'s own fields, enumerable or not, onto `to`, each copied (`path` names `from`). */
  copyFields(from: object, to: object, path: string): void {
    // Defined, not assigned: a setter of the same name up the prototype chain must not run instead.
    for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(from))) {
      const at = `${path}.${k}`
      Object.defineProperty(to, k, 'value' in d
        ? { value: this.copy(d.value, at), enumerable: d.enumerable, writable: true, configurable: true }
        : { get: d.get && this.getter(d.get as () => unknown, at), set: d.set, enumerable: d.enumerable, configurable: true })
    }
  }

  /** Remembers `c` as the copy of `v` (its own prototype kept: a class extending Map is still that class). */
  private keep<T extends object>(v: object, c: T): T {
    const proto = Object.getPrototypeOf(v) as object | null
    if (Object.getPrototypeOf(c) !== proto) Object.setPrototypeOf(c, proto)
    this.copies.set(v, c)
    return c
  }
}

/**
 * Why `v` cannot be copied (the copy would not work as the object does), or null when it can: a built-in object
 * whose contents JavaScript gives no access to (a WeakMap, a Promise, a generator), or an instance of a class with
 * #private members (a copy cannot have them: its methods would throw).
 */
export function uncopyable(v: object): string | null {
  if (typeof v === 'function') return null
  if (v instanceof WeakMap) return 'a WeakMap'
  if (v instanceof WeakSet) return 'a WeakSet'
  if (v instanceof WeakRef) return 'a WeakRef'
  if (v instanceof FinalizationRegistry) return 'a FinalizationRegistry'
  if (v instanceof Promise) return 'a Promise'
  if (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer) return 'a SharedArrayBuffer'
  const tag = Object.prototype.toString.call(v)
  if (/ (Iterator|Generator)\]$/.test(tag)) return `an iterator (${tag.slice(8, -1)})`
  const cls = privateMembersOf(Object.getPrototypeOf(v) as object | null)
  return cls === null ? null : `an instance of ${cls}, a class with #private members`
}

const privates = new WeakMap<object, string | null>()

/**
 * The name of the class up `proto`'s chain that declares #private members, or null. JavaScript tells no one which
 * members an object has that way: the class's source does (a member declared `#name`).
 */
export function privateMembersOf(proto: object | null): string | null {
  if (proto === null || proto === Object.prototype) return null
  const known = privates.get(proto)
  if (known !== undefined) return known
  const ctor = (proto as { constructor?: unknown }).constructor
  let found: string | null = null
  if (typeof ctor === 'function' && Object.prototype.hasOwnProperty.call(proto, 'constructor')) {
    const src = Function.prototype.toString.call(ctor)
    if (src.startsWith('class') && /(^|[\s;{}*])#[A-Za-z_$][\w$]*\s*([=;(}]|$)/m.test(src)) found = (ctor as { name: string }).name || 'an anonymous class'
  }
  found ??= privateMembersOf(Object.getPrototypeOf(proto) as object | null)
  privates.set(proto, found)
  return found
}
