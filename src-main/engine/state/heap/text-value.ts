// A heap table value together with its JSON text as time travel's snapshots keep it (blob.slice(start,
// end); heap-table-history.ts), and its key's registry ordinal. A restore puts values back as TextValues
// with only the text (parsed the first time the value is read), so a restore costs the keys, not the
// values; a capture wraps the values it turned into text, so a frame finds every text without a lookup.
// The value inside may be updated in place like any stored value: its text is then out of date until the
// next capture, which takes the key from the write journal and makes it again.
const UNPARSED: unique symbol = Symbol('unparsed')

export class TextValue {
  private v: unknown = UNPARSED

  constructor(public blob: string, public start: number, public end: number, public ord: number, value: unknown = UNPARSED) {
    this.v = value
  }

  /** The value (parsed on first use). */
  get value(): unknown {
    if (this.v === UNPARSED) this.v = JSON.parse(this.blob.slice(this.start, this.end))
    return this.v
  }

  /** Points at new text for the value as it is now. */
  setText(blob: string, start: number, end: number): void {
    this.blob = blob
    this.start = start
    this.end = end
  }
}
