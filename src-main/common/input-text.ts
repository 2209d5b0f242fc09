// An input record as text, as the job reads it: the one rule for an error's "while processing FILE:LINE: ..." line,
// a step's trace (riffle trace, the app's Trace tab) and the app's error banner. A Python job decodes the recording
// line's own text (json.loads: `12.0` is a float), so it is shown that text (InputView.text); a TypeScript job reads
// JSON.parse's value, shown as its JSON.

/** The record's text (`max`: longer is cut, ending in "…"). */
export function inputText(input: { value: unknown; text?: string }, max = Infinity): string {
  let s = input.text
  if (s === undefined) {
    try { s = JSON.stringify(input.value) ?? String(input.value) } catch { s = String(input.value) }
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s
}
