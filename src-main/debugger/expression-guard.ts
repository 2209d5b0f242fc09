// The backstop of the rule that a TypeScript debugger expression only reads the job: what the read-only `this`
// (expression-self.ts) cannot refuse, a write that reaches the job's own object some other way, is undone after the
// call and made the expression's error. Such a way: a method of the job that reads the object from a module variable
// (`current = this` in open(), `current.n++` in the method), a write to the class (`this.constructor.total = 7`, a
// static field) or to its prototype (`Object.getPrototypeOf(this).isBig = …`, which would replace a method for the
// rest of the run). Its fields and the class's are compared one level deep, by identity: a change inside a field's
// object or array through such a way is not seen.

/** The fields of one object of the job's, as they were before the call. */
interface Before { obj: object; name: string; own: Map<PropertyKey, PropertyDescriptor>; proto: object | null }

/** Calls `call` (an expression reading `this`, where `fn` is the job's function object); undoes and refuses a change to `fn`, its class or prototypes. */
export function unchangedJob<T>(fn: object, call: () => T): T {
  const before = jobObjects(fn).map(([obj, name]) => snapshot(obj, name))
  let value: T
  try {
    value = call()
  } catch (e) {
    // A throw of the call's own says what went wrong first; a change is undone all the same.
    before.forEach(restore)
    throw e
  }
  const changed = before.flatMap(restore)
  if (changed.length > 0) {
    throw new TypeError(`the expression changed the job (${changed.join(', ')}) through a way the read-only \`this\` cannot see ` +
      '(a module variable holding the job\'s object, its class or prototype); the change is undone: a debugger expression only reads the job')
  }
  return value
}

/** The job's object, the prototypes of its class chain and their classes (their static fields), with names to say them by. */
function jobObjects(fn: object): Array<[object, string]> {
  const out: Array<[object, string]> = [[fn, 'this']]
  for (let p = Object.getPrototypeOf(fn) as object | null; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const ctor = Object.getOwnPropertyDescriptor(p, 'constructor')?.value as unknown
    // esbuild names a class with a static field `_F` inside (`var _F = class _F { … }; var F = _F`): said as F.
    const name = typeof ctor === 'function' && ctor.name !== '' ? ctor.name.replace(/^_(?=[\p{Lu}$])/u, '') : 'its class'
    out.push([p, `${name}.prototype`])
    if (typeof ctor === 'function') out.push([ctor, name])
  }
  return out
}

function snapshot(obj: object, name: string): Before {
  const own = new Map<PropertyKey, PropertyDescriptor>()
  for (const k of Reflect.ownKeys(obj)) own.set(k, Reflect.getOwnPropertyDescriptor(obj, k)!)
  return { obj, name, own, proto: Object.getPrototypeOf(obj) as object | null }
}

/** Puts `b`'s object back as it was; what had changed, as `Name.field`. */
function restore(b: Before): string[] {
  const changed: string[] = []
  const say = (k: PropertyKey): string => `${b.name}.${String(k)}`
  for (const k of Reflect.ownKeys(b.obj)) {
    if (!b.own.has(k)) {
      changed.push(say(k))
      Reflect.deleteProperty(b.obj, k)
    }
  }
  for (const [k, d] of b.own) {
    const now = Reflect.getOwnPropertyDescriptor(b.obj, k)
    if (now !== undefined && sameDescriptor(d, now)) continue
    changed.push(say(k))
    Reflect.defineProperty(b.obj, k, d)
  }
  if (Object.getPrototypeOf(b.obj) !== b.proto) {
    changed.push(`the prototype of ${b.name}`)
    Reflect.setPrototypeOf(b.obj, b.proto)
  }
  return changed
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return Object.is(a.value, b.value) && a.get === b.get && a.set === b.set && a.writable === b.writable &&
    a.enumerable === b.enumerable && a.configurable === b.configurable
}
