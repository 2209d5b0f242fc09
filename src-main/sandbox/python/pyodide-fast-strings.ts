// A faster JavaScript-to-Python conversion of ASCII strings for one Pyodide: every value text, key and input
// batch a Python job receives crosses as a string. Pyodide's own conversion copies a string code unit by code
// unit through a fresh Uint32Array (about 0.7 µs for a 60-character state value, 10 ms for a 1.6 MB batch in
// Node 20); an ASCII string can instead be encoded straight into the new Python string's bytes (0.1 ms for that
// batch). Anything else (non-ASCII, lone surrogates, numbers, objects) still takes Pyodide's path.
import type { PyodideAPI } from 'pyodide'

/** The internals of Pyodide's Emscripten module used here (not in its typings: checked before use). */
interface PyodideModule {
  js2python_convertImmutable?: (v: unknown) => number
  _PyUnicode_New?: (size: number, maxChar: number) => number
  _PyUnicode_Data?: (obj: number) => number
  _Py_DecRef?: (obj: number) => void
  HEAPU8?: Uint8Array
}

/** Installs the faster conversion; false (nothing changed) when this Pyodide does not have the internals. */
export function installFastStrings(py: PyodideAPI): boolean {
  const m = (py as unknown as { _module?: PyodideModule })._module
  const original = m?.js2python_convertImmutable
  if (m === undefined || original === undefined || m._PyUnicode_New === undefined || m._PyUnicode_Data === undefined || m._Py_DecRef === undefined) return false
  const newString = m._PyUnicode_New
  const data = m._PyUnicode_Data
  const decRef = m._Py_DecRef
  const encoder = new TextEncoder()
  m.js2python_convertImmutable = (v: unknown): number => {
    if (typeof v !== 'string') return original(v)
    const n = v.length
    // A compact ASCII string (maximum character 127) of n bytes, a new reference as Pyodide's would be.
    const obj = newString(n, 127)
    if (obj === 0) return original(v)
    const at = data(obj)
    // Read after the allocation: it may have grown the memory (and replaced the view). An ASCII string encodes
    // to as many bytes as it has code units; anything else does not fit, and goes Pyodide's way.
    const r = encoder.encodeInto(v, m.HEAPU8!.subarray(at, at + n))
    if (r.read === n && r.written === n) return obj
    decRef(obj)
    return original(v)
  }
  return true
}
