// The one rule for a function a TypeScript debugger expression reaches through `this` other than the class's own
// methods: a field holding a function (`fmt = (x) => x.toFixed(2)`), a getter defined on the object, a function in a
// field's object. The class's methods run on the read-only copy (`this` is the view, expression-self.ts), but such a
// function may carry the job's own object with it, where the view cannot refuse its writes: an arrow's `this` is the
// object it was made in, a bound function's is fixed, and a closure reads the variables around it (`const self =
// this`, a state handle). So an arrow that uses `this` and a bound function are refused, and any other runs as a copy
// made from its source with none of the variables around it: it uses its arguments, its receiver (the view) and
// JavaScript's built-ins, and a variable of the job's code it reaches is refused by name. A watch never changes the run.

import { LOOP_GUARD, loopGuard } from '../sandbox/job-interrupt'

/** Built-ins a function's copy may use: JavaScript's own, none of which reaches the job (Date, console: the job's are its own). */
const BUILT_INS = new Set(('undefined NaN Infinity Object Function Array Number String Boolean Symbol BigInt Math JSON Map Set WeakMap ' +
  'WeakSet Promise RegExp Error TypeError RangeError SyntaxError ReferenceError Reflect Intl parseInt parseFloat isNaN isFinite ' +
  'encodeURIComponent decodeURIComponent encodeURI decodeURI Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array ' +
  'Int32Array Uint32Array Float32Array Float64Array BigInt64Array BigUint64Array ArrayBuffer DataView structuredClone').split(' '))

/** The copies made so far, by the job's function: a function's source is compiled once, however often it is called. */
const made = new WeakMap<(...a: unknown[]) => unknown, Made>()
/** A function's copy in the isolated scope, or why it has none (`bound`, `arrow` using `this`, source that does not compile). */
type Made = { copy: (...a: unknown[]) => unknown } | { refused: 'bound' | 'arrow' | 'source' }

/**
 * What a function `f` found at `path` (this.bump, this.stats.next) is in an expression: its copy (runCopy), or a function
 * that throws why it cannot run. A native function (Math.max stored in a field) is itself: it has no closure.
 */
export function expressionFunction(f: (...a: unknown[]) => unknown, path: string, getter = false): (...a: unknown[]) => unknown {
  let m = made.get(f)
  if (m === undefined) made.set(f, (m = makeCopy(f)))
  if ('copy' in m) {
    const copy = m.copy
    return named(function (this: unknown, ...args: unknown[]) { return runCopy(copy, this, args, path) }, f)
  }
  const refused = m.refused
  if (refused === 'source' && isNative(f)) return f
  return named(() => { throw new TypeError(refusal(refused, path, getter)) }, f)
}

/** `w` named and sized as the job's `f`, so a watch of `this` shows `bump: [Function: bump]` as the job's object would. */
function named(w: (...a: unknown[]) => unknown, f: (...a: unknown[]) => unknown): (...a: unknown[]) => unknown {
  Object.defineProperty(w, 'name', { value: f.name, configurable: true })
  Object.defineProperty(w, 'length', { value: f.length, configurable: true })
  return w
}

/** Why a call of the function at `path` is refused, and what to do. */
function refusal(why: 'bound' | 'arrow' | 'source', path: string, getter: boolean): string {
  const name = path.replace(/^.*\./, '')
  const what = `${path}${getter ? ' (a getter)' : ''}`
  const method = `make it a method of the class (${getter ? `get ${name}() { … }` : `${name}(…) { … }`})`
  if (why === 'bound') {
    return `${what} is a bound function (made with .bind): it runs on the object it was bound to, often the job's own object, which an ` +
      `expression cannot see or protect, so calling it could change the run; ${method} and call that`
  }
  if (why === 'arrow') {
    return `${what} is an arrow function that uses \`this\`: an arrow function's \`this\` is the job's own object, not the expression's ` +
      `read-only copy, so calling it could change the run; ${method}, which runs on the copy`
  }
  return `${what}: a debugger expression cannot run this function (its source cannot be copied apart from the job's code); ${method}`
}

function isNative(f: (...a: unknown[]) => unknown): boolean {
  return /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(f))
}

/** The copy of `f` from its source, compiled in a scope that has no variable of the job's code (isolatedScope). */
function makeCopy(f: (...a: unknown[]) => unknown): Made {
  const src = Function.prototype.toString.call(f)
  if (isNative(f)) return { refused: f.name.startsWith('bound ') ? 'bound' : 'source' }
  // An arrow's `this` (and super) is the object it was made in, most often the job's own: it cannot be the view.
  const arrow = !/^(?:async\s+)?(?:function\b|class\b)/.test(src) && compiles(`(${src})`)
  if (arrow && /\b(?:this|super)\b/.test(src)) return { refused: 'arrow' }
  try {
    // A method's source (`fmt(x) { … }`, `get next() { … }`) is not an expression: it is read out of an object literal.
    const body = arrow || /^(?:async\s+)?(?:function\b|class\b)/.test(src)
      ? `return (${src})`
      : `const d = Object.getOwnPropertyDescriptors({ ${src} }); const p = d[Reflect.ownKeys(d)[0]]; return p.value ?? p.get ?? p.set`
    const make = new Function('__riffleScope', `with (__riffleScope) { return function () { 'use strict'; ${body} } }`) as (s: object) => () => unknown
    const copy = make(isolatedScope)()
    return typeof copy === 'function' ? { copy: copy as (...a: unknown[]) => unknown } : { refused: 'source' }
  } catch {
    return { refused: 'source' }
  }
}

function compiles(src: string): boolean {
  try {
    // Only parsed, never called.
    new Function(`return ${src}`)
    return true
  } catch {
    return false
  }
}

/** The variable of the job's code a copy reached: thrown where it read it, said by runCopy with the function's path. */
class OuterVariable extends Error {
  constructor(readonly variable: string) { super(variable) }
}

/** A copy's loops check the watchdog's interrupt as the job's own do; where it was is the watch's, not the job's. */
const copyLoopGuard = loopGuard(() => null)

/**
 * The scope a copy's free names are looked up in (its own parameters and locals come first): a built-in is the
 * global one, any other name is a variable of the job's code around the function, which the copy does not have.
 */
const isolatedScope = new Proxy(Object.create(null) as object, {
  has: (_t, p) => typeof p === 'string',
  get: (_t, p) => {
    if (p === Symbol.unscopables || typeof p !== 'string') return undefined
    if (BUILT_INS.has(p)) return (globalThis as Record<string, unknown>)[p]
    // The watchdog's check compiled into the job's loops (loop-guard-instrument.ts) is Riffle's, not the job's.
    if (p === LOOP_GUARD) return copyLoopGuard
    throw new OuterVariable(p)
  },
  set: (_t, p) => { throw new OuterVariable(String(p)) },
})

/** Calls the copy with the receiver and arguments the expression gave; a variable of the job's code it reached is refused by name. */
function runCopy(copy: (...a: unknown[]) => unknown, self: unknown, args: unknown[], path: string): unknown {
  try {
    return copy.apply(self, args)
  } catch (e) {
    if (!(e instanceof OuterVariable)) throw e
    const name = path.replace(/^.*\./, '')
    // The job's module is bundled as CommonJS: `import { X } from 'riffle'` reads import_riffle.X there.
    const imported = /^import_(.+)$/.exec(e.variable)
    const variable = imported === null ? `\`${e.variable}\`` : `what it imports from \`${imported[1]}\``
    throw new TypeError(`${path} uses ${variable}, a variable of the job's code around the function (it may hold the job's own object ` +
      'or a state handle), which a debugger expression does not give it, so that calling it cannot change the run; make it a method of ' +
      `the class (${name}(…) { … }), which reads the job through \`this\``, { cause: e })
  }
}
