// Tells a Python job handed to the TypeScript compiler (the article's PyFlink code pasted over a .ts job in the
// app, or saved as job.ts): esbuild's own words for it ("Expected ";" but found "pyflink"") do not say what is wrong.

/** Lines no TypeScript or JavaScript module starts so: `from x import y`, `def f(...):`, `class C(Base):`. */
const PYTHON_LINE = /^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]|def[ \t]+\w+[ \t]*\(.*\)[ \t]*(?:->[^:]*)?:[ \t]*(?:#.*)?$|class[ \t]+\w+[ \t]*(?:\([^)]*\))?[ \t]*:[ \t]*(?:#.*)?$)/

/** The first line (1-based) of `source` that only Python writes, or null when none does. */
export function pythonLineIn(source: string): { line: number; text: string } | null {
  const lines = source.split(/\r?\n/)
  const i = lines.findIndex((l) => PYTHON_LINE.test(l))
  return i < 0 ? null : { line: i + 1, text: lines[i]!.trim() }
}

/** The compile error's text for Python in a TypeScript job's file `name`, or null when `source` is not Python. */
export function pythonInTypeScriptMessage(name: string, source: string): { line: number; message: string } | null {
  const found = pythonLineIn(source)
  if (found === null) return null
  return {
    line: found.line,
    message: `${name}:${found.line}: this is Python (${found.text}), but ${name} is a TypeScript job, which is compiled as TypeScript. ` +
      'A Python (PyFlink) job runs from a .py file: save it under a name ending in .py (in the app: Save as…), then Start again.',
  }
}
