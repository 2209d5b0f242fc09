// Python counts a line's columns in code points, Monaco in UTF-16 code units: an emoji (or any character outside
// the Basic Multilingual Plane) before a SyntaxError's column is one code point but two units.

/** The UTF-16 (Monaco) 1-based column of Python's 1-based code-point column `column` on `line`. */
export function utf16Column(line: string, column: number): number {
  let units = 0
  let points = 1
  for (const ch of line) {
    if (points >= column) return units + 1
    units += ch.length
    points++
  }
  // Past the end (Python points just after the last character): as many columns past it.
  return units + 1 + (column - points)
}
