// The one wording of a bad-line count, shared by the service's recording catalog and the renderer's status bar,
// so "1 bad line" / "2 bad lines" is decided in one place.

/** "1 bad line", "2 bad lines", "1,234 bad lines". */
export function badLinesText(n: number): string {
  return `${n.toLocaleString('en-US')} bad ${n === 1 ? 'line' : 'lines'}`
}
