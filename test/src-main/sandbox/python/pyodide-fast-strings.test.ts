// Strings crossing from JavaScript into Python through the faster ASCII conversion (pyodide-fast-strings.ts)
// arrive as the same Python str as through Pyodide's own: ASCII ones by the new path, the rest by Pyodide's.
import { beforeAll, describe, expect, it } from 'vitest'
import type { PyodideAPI } from 'pyodide'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { installFastStrings } from '../../../../src-main/sandbox/python/pyodide-fast-strings'

let py: PyodideAPI

beforeAll(async () => { py = await pythonRuntime() }, 300_000)

describe('JavaScript strings into Python', () => {
  it('arrive with the same code points, length and kind, ASCII or not, short or long', () => {
    // The runtime installed it; installing again wraps it once more (still a valid conversion to check).
    expect(installFastStrings(py)).toBe(true)
    const describe = py.runPython('lambda s: repr((len(s), [ord(c) for c in s[:8]], s.isascii(), s == s.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")))') as (s: string) => string
    const echo = py.runPython('lambda s: s + ""') as (s: string) => string
    const long = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ ts: 1708848000418 + i, user: `u${i}` })))
    for (const s of ['', 'a', '{"start":1708848000418,"count":3}', 'héllo', 'a😀b', 'x\u0000y', long, `${long}é`]) {
      expect(echo(s)).toBe(s)
      const chars = Array.from(s.slice(0, 8)).map((c) => c.codePointAt(0))
      expect(describe(s)).toContain(`(${Array.from(s).length}, [${chars.slice(0, Math.min(8, chars.length)).join(', ')}`)
    }
    expect(describe('abc')).toBe('(3, [97, 98, 99], True, True)')
    expect(describe('é')).toBe('(1, [233], False, True)')
  })

  it('leave a lone surrogate to Pyodide, as before', () => {
    const codes = py.runPython('lambda s: [ord(c) for c in s]') as (s: string) => { toJs(): number[]; destroy(): void }
    const r = codes('a\ud800b')
    expect(r.toJs()).toEqual([97, 0xd800, 98])
    r.destroy()
  })
})
