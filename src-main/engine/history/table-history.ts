// Time travel's snapshots of one heap table. A frame holds every key with its value in the
// table's order; a delta the keys written since its base: the ones (re)inserted since, in the order of
// their last insertion ("moved": they now sit at the end of the Map), the others with their new value,
// and the ones now gone.
//
// Nothing in them is an object per entry: keys are numbers (their ordinal in the operator's key
// registry), and values JSON text (state values are JSON data, docs/job-api.md), all of a delta's values in
// one string with their end offsets. The garbage collector does not look into strings and typed arrays,
// where the values themselves would be several small objects each (numbers in objects are boxed) that
// every major collection marks again, millions over a long run. A value is turned into text once, when
// a delta first holds it, and the live table keeps it wrapped with that text (TextValue), so frames
// point at the texts without a lookup; a restore puts back TextValues holding only the text, parsed when
// read: a restore costs the keys, not the values.
//
// Applying a delta to the state of its base (or of any later snapshot before it, when it was journaled
// since an older restore): set or delete the others in place, then delete and re-add the moved keys in
// order. That reproduces a sequential run's Map order: keys inserted since the base are exactly the
// Map's tail, in order of their last insertion, and setting an existing key keeps its place.
//
// What a delta holds comes from this history's own journal, fed before every write (noteWrite, told by the
// run's observer): the keys written, and the keys inserted (absent before the write) in order. The table
// itself keeps no journal.
import type { HeapMapTable, HeapValueTable } from '../state/heap/heap-backend'
import { TextValue } from '../state/heap/text-value'

export type HeapTable = HeapValueTable | HeapMapTable

/** Keys as numbers: the operator's key-registry ordinals (anything else gets a number of its own). */
export interface TableKeys {
  ordinalOf(keyStr: string): number
  keyAt(ord: number): string
}

/** Every key (in the table's order) with its value's text: blobs[i].slice(starts[i], ends[i]). */
export interface TableFrame { keys: Int32Array; blobs: string[]; starts: Int32Array; ends: Int32Array }
/**
 * keys[i] < moved: set in place to text i; keys from `moved` on: moved to the end in order with text i;
 * gone: deleted. Text i is blob.slice(ends[i - 1] ?? 0, ends[i]).
 */
export interface TableDelta { keys: Int32Array; blob: string; ends: Int32Array; moved: number; gone: Int32Array }

export function tableDeltaSize(d: TableDelta): number {
  return d.keys.length + d.gone.length
}

/** One table's history: journals its writes, makes its frames and deltas and restores them. */
export class TableHistory {
  /** Keys written since the journal was last taken (repeats allowed). */
  private written: string[] = []
  /** Keys inserted (absent before their write) since the journal was last taken, in order. */
  private inserted: string[] = []

  constructor(readonly table: HeapTable, private readonly keys: TableKeys) {}

  /** Told before every write of a key: a key absent now is being inserted (it goes to the Map's end). */
  noteWrite(keyStr: string): void {
    if (!this.table.data.has(keyStr)) this.inserted.push(keyStr)
    this.written.push(keyStr)
  }

  frame(): TableFrame {
    const data = this.table.data as Map<string, unknown>
    // Values not wrapped yet (never captured: a first frame, or after a full restore) get a blob of their own.
    const plain: string[] = []
    const plainValues: unknown[] = []
    for (const [k, v] of data) if (!(v instanceof TextValue)) { plain.push(k); plainValues.push(v) }
    if (plain.length > 0) this.wrap(plain, plainValues)
    const n = data.size
    const f: TableFrame = { keys: new Int32Array(n), blobs: new Array<string>(n), starts: new Int32Array(n), ends: new Int32Array(n) }
    let i = 0
    for (const v of data.values()) {
      const t = v as TextValue
      f.keys[i] = t.ord
      f.blobs[i] = t.blob
      f.starts[i] = t.start
      f.ends[i] = t.end
      i++
    }
    return f
  }

  /** True when nothing was written since the journal was last taken. */
  get unchanged(): boolean { return this.written.length === 0 }

  /** What changed since the journal was last taken (and takes it). */
  delta(): TableDelta {
    const t = this.table
    const log = this.inserted
    const written = new Set(this.written)
    this.forgetJournal()
    const data = t.data as Map<string, unknown>
    // The keys still present whose last insertion is in the log, in that order.
    const moved = new Set<string>()
    const movedKeys: string[] = []
    for (let i = log.length - 1; i >= 0; i--) {
      const k = log[i]
      if (!moved.has(k) && data.has(k)) { moved.add(k); movedKeys.push(k) }
    }
    movedKeys.reverse()
    const keys: string[] = []
    const values: unknown[] = []
    const gone: number[] = []
    for (const k of written) {
      if (moved.has(k)) continue
      const v = data.get(k)
      if (v !== undefined) { keys.push(k); values.push(v) } else gone.push(this.keys.ordinalOf(k))
    }
    const movedAt = keys.length
    for (const k of movedKeys) { keys.push(k); values.push(data.get(k)) }
    const { ords, blob, ends } = this.wrap(keys, values)
    return { keys: ords, blob, ends, moved: movedAt, gone: Int32Array.from(gone) }
  }

  /**
   * The live table equals a stored snapshot again: the journal starts over, and the texts of keys written
   * since may be out of date (they are unwrapped, so the next capture makes them again).
   */
  rebase(): void {
    const data = this.table.data as Map<string, unknown>
    for (const k of this.written) {
      const v = data.get(k)
      if (v instanceof TextValue) data.set(k, v.value)
    }
    this.forgetJournal()
  }

  private forgetJournal(): void {
    this.written = []
    this.inserted = []
  }

  /** Replaces the table's content with the frame's (none: empty) and the deltas after it applied in order. */
  restore(frame: TableFrame | undefined, deltas: Array<TableDelta | undefined>): void {
    const keyAt = (ord: number): string => this.keys.keyAt(ord)
    const data = new Map<string, TextValue>()
    if (frame !== undefined) {
      const { keys, blobs, starts, ends } = frame
      for (let i = 0; i < keys.length; i++) data.set(keyAt(keys[i]), new TextValue(blobs[i], starts[i], ends[i], keys[i]))
    }
    for (const d of deltas) {
      if (d === undefined) continue
      const { keys, blob, ends } = d
      for (let i = 0; i < d.moved; i++) data.set(keyAt(keys[i]), new TextValue(blob, i === 0 ? 0 : ends[i - 1], ends[i], keys[i]))
      for (let i = 0; i < d.gone.length; i++) data.delete(keyAt(d.gone[i]))
      for (let i = d.moved; i < keys.length; i++) {
        const k = keyAt(keys[i])
        data.delete(k)
        data.set(k, new TextValue(blob, i === 0 ? 0 : ends[i - 1], ends[i], keys[i]))
      }
    }
    const t = this.table
    ;(t as { data: Map<string, unknown> }).data = data
    t.wrapped = true
    this.forgetJournal()
  }

  /** Makes the texts of the keys' values (as stored now), in one blob, and leaves the values wrapped with them. */
  private wrap(keys: string[], values: unknown[]): { ords: Int32Array; blob: string; ends: Int32Array } {
    const data = this.table.data as Map<string, unknown>
    const parts: string[] = new Array(keys.length)
    const ends = new Int32Array(keys.length)
    const ords = new Int32Array(keys.length)
    let at = 0
    for (let i = 0; i < keys.length; i++) {
      const v = values[i]
      const raw = v instanceof TextValue ? v.value : v
      const s = JSON.stringify(raw instanceof Map ? [...raw] : raw)
      parts[i] = s
      at += s.length
      ends[i] = at
      ords[i] = v instanceof TextValue ? v.ord : this.keys.ordinalOf(keys[i])
    }
    const blob = parts.join('')
    for (let i = 0; i < keys.length; i++) {
      const v = values[i]
      const start = i === 0 ? 0 : ends[i - 1]
      if (v instanceof TextValue) v.setText(blob, start, ends[i])
      else data.set(keys[i], new TextValue(blob, start, ends[i], ords[i], v))
    }
    this.table.wrapped = true
    return { ords, blob, ends }
  }
}

/** One delta for `a` then `b` (b's base at or after a's snapshot). */
export function mergeTableDeltas(a: TableDelta, b: TableDelta): TableDelta {
  const text = (d: TableDelta, i: number): string => d.blob.slice(i === 0 ? 0 : d.ends[i - 1], d.ends[i])
  const bSet = new Map<number, string>()
  for (let i = 0; i < b.moved; i++) bSet.set(b.keys[i], text(b, i))
  const bMoved = new Set<number>(b.keys.subarray(b.moved))
  const bGone = new Set<number>(b.gone)
  // a's moved keys keep their place unless b moves or removes them; b's text wins.
  const movedKeys: number[] = []
  const movedTexts: string[] = []
  for (let i = a.moved; i < a.keys.length; i++) {
    const k = a.keys[i]
    if (bMoved.has(k) || bGone.has(k)) continue
    movedKeys.push(k)
    movedTexts.push(bSet.get(k) ?? text(a, i))
    bSet.delete(k)
  }
  const keys: number[] = []
  const texts: string[] = []
  for (let i = 0; i < a.moved; i++) {
    const k = a.keys[i]
    if (!bMoved.has(k) && !bGone.has(k) && !bSet.has(k)) { keys.push(k); texts.push(text(a, i)) }
  }
  for (const [k, s] of bSet) { keys.push(k); texts.push(s) }
  const moved = keys.length
  for (let i = 0; i < movedKeys.length; i++) { keys.push(movedKeys[i]); texts.push(movedTexts[i]) }
  for (let i = b.moved; i < b.keys.length; i++) { keys.push(b.keys[i]); texts.push(text(b, i)) }
  const gone: number[] = []
  for (const k of a.gone) if (!bMoved.has(k) && !bSet.has(k) && !bGone.has(k)) gone.push(k)
  for (const k of b.gone) gone.push(k)
  const ends = new Int32Array(texts.length)
  let at = 0
  texts.forEach((s, i) => { at += s.length; ends[i] = at })
  return { keys: Int32Array.from(keys), blob: texts.join(''), ends, moved, gone: Int32Array.from(gone) }
}
