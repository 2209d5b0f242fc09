// Time travel's snapshots of one heap key registry: a frame holds every key's counts (last
// step touched, records) by ordinal in typed arrays, a delta the counts of the keys touched since its
// base. Which keys exist is just a number, the registry's size: keys are never removed along a run and
// the key at an ordinal is the same on every re-execution (key-registry.ts), so restoring the size
// hides keys first seen after the snapshot and shows the ones it had again. The immutable parts (key,
// key group, first step) stay on the registry's entries and are not copied; the counts are typed-array
// copies (the registry keeps them side by side in one array, a frame one column each: a linear pass).
import type { KeyRegistry } from '../runtime/key-registry'

export interface RegistryFrame { size: number; lastTouched: Float64Array; records: Int32Array }
export interface RegistryDelta { size: number; ords: Int32Array; lastTouched: Float64Array; records: Int32Array }

/** The ordinals a registry touched since the journal was last taken, each once (it watches the registry). */
export class RegistryJournal {
  private list: number[] = []
  /** The journal epoch that last listed each ordinal. */
  private marks = new Int32Array(1024)
  private epoch = 1

  touched(ord: number): void {
    if (ord >= this.marks.length) {
      const m = new Int32Array(Math.max(ord + 1, this.marks.length * 2))
      m.set(this.marks)
      this.marks = m
    }
    if (this.marks[ord] === this.epoch) return
    this.marks[ord] = this.epoch
    this.list.push(ord)
  }

  /** The ordinals touched since the journal was last taken; starts a new journal. */
  take(): number[] {
    const t = this.list
    this.clear()
    return t
  }

  clear(): void {
    this.list = []
    this.epoch++
  }
}

export function registryFrame(r: KeyRegistry): RegistryFrame {
  const n = r.size
  const c = r.counts
  const lastTouched = new Float64Array(n)
  const records = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    lastTouched[i] = c[2 * i]
    records[i] = c[2 * i + 1]
  }
  return { size: n, lastTouched, records }
}

/** The counts of the keys touched since the journal was last taken (and starts a new journal). */
export function registryDelta(r: KeyRegistry, journal: RegistryJournal): RegistryDelta {
  const ords = Int32Array.from(journal.take())
  const n = ords.length
  const lastTouched = new Float64Array(n)
  const records = new Int32Array(n)
  const c = r.counts
  for (let i = 0; i < n; i++) {
    lastTouched[i] = c[2 * ords[i]]
    records[i] = c[2 * ords[i] + 1]
  }
  return { size: r.size, ords, lastTouched, records }
}

/** One delta for `a` then `b`: b's counts win where both have a key. */
export function mergeRegistryDeltas(a: RegistryDelta, b: RegistryDelta): RegistryDelta {
  const inB = new Set(b.ords)
  const keep: number[] = []
  for (let i = 0; i < a.ords.length; i++) if (!inB.has(a.ords[i])) keep.push(i)
  const n = keep.length + b.ords.length
  const out: RegistryDelta = { size: b.size, ords: new Int32Array(n), lastTouched: new Float64Array(n), records: new Int32Array(n) }
  keep.forEach((j, i) => { out.ords[i] = a.ords[j]; out.lastTouched[i] = a.lastTouched[j]; out.records[i] = a.records[j] })
  out.ords.set(b.ords, keep.length)
  out.lastTouched.set(b.lastTouched, keep.length)
  out.records.set(b.records, keep.length)
  return out
}

/** Puts the registry back to the frame with the deltas after it applied in order. */
export function restoreRegistry(r: KeyRegistry, frame: RegistryFrame, deltas: RegistryDelta[]): void {
  r.setSize(deltas.length > 0 ? deltas[deltas.length - 1].size : frame.size)
  // The columns are at least as long as the catalogue, which holds every key the snapshots know.
  const c = r.counts
  const flt = frame.lastTouched
  const frc = frame.records
  for (let i = 0; i < flt.length; i++) {
    c[2 * i] = flt[i]
    c[2 * i + 1] = frc[i]
  }
  for (const d of deltas) {
    const ords = d.ords
    for (let i = 0; i < ords.length; i++) {
      c[2 * ords[i]] = d.lastTouched[i]
      c[2 * ords[i] + 1] = d.records[i]
    }
  }
}
