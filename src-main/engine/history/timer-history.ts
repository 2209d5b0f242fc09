// Time travel's snapshots of one heap timer queue: a frame holds every live timer, a delta
// the timers added since its base that are still live and the sequence numbers removed since. Timers are
// kept as numbers in typed arrays (timestamp, sequence number, the key's registry ordinal), not as Timer
// objects: typed arrays are nothing the garbage collector has to look into, where a run's worth of Timer
// objects would be millions it marks again on every major collection. A restore makes Timer objects for
// the timers live at the target only.
//
// A timer is identified by its sequence number: numbers are given out in registration order and never
// reused on a timeline, and a removed timer never comes back (registering again gives a new number). So
// the timers live at a snapshot are (frame ∪ every later delta's added) minus every later delta's removed,
// whatever order the deltas are applied in, and a delta whose base is older than the snapshot before it
// (journaled since an earlier restore) is still right, only larger.
import type { Timer, TimerHolder, TimerQueue, TimerQueueWatcher } from '../time/timer-queue'

/** Timers as columns: timestamp, sequence number and the key's ordinal in the operator's key registry. */
export interface TimerColumns { ts: Float64Array; seq: Int32Array; ord: Int32Array }
export interface TimerFrame { timers: TimerColumns; nextSeq: number }
export interface TimerDelta { added: TimerColumns; removed: Int32Array; nextSeq: number }

/** A key as the registry keeps it (the entry itself: a restore allocates nothing per key). */
export interface TimerKey { readonly keyStr: string; readonly key: unknown }

/** What a capture needs of a timer's key (its ordinal) and a restore of a key by its ordinal. */
export interface TimerKeys {
  ordinalOf(holder: TimerHolder): number
  keyAt(ord: number): TimerKey
  /** The key's holder in this queue. */
  holderOf(k: TimerKey): TimerHolder
}

function columns(list: Timer[], keys: TimerKeys): TimerColumns {
  const n = list.length
  const c: TimerColumns = { ts: new Float64Array(n), seq: new Int32Array(n), ord: new Int32Array(n) }
  for (let i = 0; i < n; i++) {
    const t = list[i]
    c.ts[i] = t.timestamp
    c.seq[i] = t.seq
    c.ord[i] = keys.ordinalOf(t.holder)
  }
  return c
}

/** The timers a queue added and removed since the journal was last taken (it watches the queue). */
export class TimerJournal implements TimerQueueWatcher {
  private addedList: Timer[] = []
  private removedSeqs: number[] = []

  added(t: Timer): void { this.addedList.push(t) }
  removed(t: Timer): void { this.removedSeqs.push(t.seq) }

  /** What was added and removed since the journal was last taken; starts a new journal. */
  take(): { added: Timer[]; removed: number[] } {
    const j = { added: this.addedList, removed: this.removedSeqs }
    this.clear()
    return j
  }

  clear(): void {
    this.addedList = []
    this.removedSeqs = []
  }
}

/** Every live timer of the queue now. */
export function timerFrame(q: TimerQueue, keys: TimerKeys): TimerFrame {
  return { timers: columns(q.liveTimers(), keys), nextSeq: q.nextSeq() }
}

/** What changed since the journal was last taken (and starts a new journal). */
export function timerDelta(q: TimerQueue, journal: TimerJournal, keys: TimerKeys): TimerDelta {
  const j = journal.take()
  return { added: columns(j.added.filter((t) => t.live), keys), removed: Int32Array.from(j.removed), nextSeq: q.nextSeq() }
}

/** One delta for `a` then `b` (b's base at or after a's snapshot). */
export function mergeTimerDeltas(a: TimerDelta, b: TimerDelta): TimerDelta {
  const gone = new Set(b.removed)
  const keep: number[] = []
  for (let i = 0; i < a.added.seq.length; i++) if (!gone.has(a.added.seq[i])) keep.push(i)
  const n = keep.length + b.added.seq.length
  const added: TimerColumns = { ts: new Float64Array(n), seq: new Int32Array(n), ord: new Int32Array(n) }
  keep.forEach((j, i) => { added.ts[i] = a.added.ts[j]; added.seq[i] = a.added.seq[j]; added.ord[i] = a.added.ord[j] })
  added.ts.set(b.added.ts, keep.length)
  added.seq.set(b.added.seq, keep.length)
  added.ord.set(b.added.ord, keep.length)
  const removed = new Int32Array(a.removed.length + b.removed.length)
  removed.set(a.removed)
  removed.set(b.removed, a.removed.length)
  return { added, removed, nextSeq: b.nextSeq }
}

/** Restores timer queues; keeps scratch marks by sequence number (one int per timer ever registered). */
export class TimerRestorer {
  private marks = new Int32Array(1024)
  private epoch = 0

  /** Makes the queue's live timers those of the frame with the deltas after it applied. */
  restore(q: TimerQueue, frame: TimerFrame, deltas: TimerDelta[], keys: TimerKeys): void {
    const nextSeq = deltas.length > 0 ? deltas[deltas.length - 1].nextSeq : frame.nextSeq
    if (this.marks.length < nextSeq) this.marks = new Int32Array(Math.max(nextSeq, this.marks.length * 2))
    if (this.epoch > 0x3ffffff0) { this.marks.fill(0); this.epoch = 0 }
    const m = this.marks
    const removedMark = ++this.epoch
    const takenMark = ++this.epoch
    for (const d of deltas) for (let i = 0; i < d.removed.length; i++) m[d.removed[i]] = removedMark
    const live: Timer[] = []
    const take = (c: TimerColumns): void => {
      for (let i = 0; i < c.seq.length; i++) {
        const seq = c.seq[i]
        const s = m[seq]
        // Removed later, or already taken (a delta journaled since an older base repeats timers).
        if (s === removedMark || s === takenMark) continue
        m[seq] = takenMark
        const k = keys.keyAt(c.ord[i])
        live.push({ timestamp: c.ts[i], keyStr: k.keyStr, key: k.key, seq, live: true, holder: keys.holderOf(k) })
      }
    }
    take(frame.timers)
    for (const d of deltas) take(d.added)
    q.restoreLive(live, nextSeq)
  }
}
