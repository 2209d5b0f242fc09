// An option given twice on a command line (`--out a --out b`): node's parseArgs keeps the last silently, so
// which one a script meant is lost. riffle run/test/trace and riffle export refuse it.

/** The shape of parseArgs' `tokens` (with `tokens: true`) that this looks at. */
type Token = { kind: string; name?: string; value?: string }

/** The message for the first option given twice, or null. */
export function repeatedOption(tokens: readonly Token[]): string | null {
  const seen = new Map<string, string | undefined>()
  for (const t of tokens) {
    if (t.kind !== 'option' || t.name === undefined) continue
    if (seen.has(t.name)) {
      const first = seen.get(t.name)
      const values = first === undefined || t.value === undefined ? '' : ` ("${first}", then "${t.value}")`
      return `--${t.name} is given twice${values}: give it once`
    }
    seen.set(t.name, t.value)
  }
  return null
}
