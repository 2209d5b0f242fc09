// The time indexes kept beside LevelDB checkpoints (leveldb-checkpoints.ts), on disk and mostly as deltas:
// a queue ordered in memory holds a timer per pending session, most of which an interval leaves alone, so a
// checkpoint stores the timers added and removed since the one it is based on, and now and then all of
// them (a frame), once the deltas since the last frame hold as many entries as a frame would. Loading
// one reads its frame and applies the deltas after it in order.
//
// A delta needs the files before it up to its frame: a dropped checkpoint's file stays while a later one
// builds on it (counted by `refs`), and goes with the last of them. Files are gzipped JSON in columns
// (numbers in arrays parse fast).
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { IndexEntry } from '../timers/time-index'

/** The time indexes of a checkpoint: [queue index, its timers in any order]. */
export type QueueTimers = Array<[number, IndexEntry[]]>

/** A file's content: per queue, the timers added (columns) and (deltas) the seqs removed. */
interface TimerFile { frame: boolean; queues: Array<[index: number, ts: number[], seq: number[], keys: string[], removed: number[]]> }

interface Node { base: number | null; bytes: number; refs: number; entries: number }

export class TimerHistory {
  private readonly nodes = new Map<number, Node>()
  /** The timers of the last checkpoint taken or loaded, by queue and seq (the next delta's base), and its id. */
  private last: { id: number; queues: Map<number, Map<number, IndexEntry>> } | null = null
  /** Bytes of every file held. */
  bytes = 0

  /** Keeps its files in `dir` (made). */
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true })
  }

  /** Stores checkpoint id's timers (a delta from the last one taken or loaded, or a frame); returns the file's bytes. */
  capture(id: number, timers: QueueTimers): number {
    const now = new Map<number, Map<number, IndexEntry>>()
    for (const [q, entries] of timers) now.set(q, new Map(entries.map((e) => [e[1], e])))
    let size = 0
    for (const m of now.values()) size += m.size
    const base = this.last !== null && this.nodes.has(this.last.id) ? this.last : null
    let file: TimerFile | null = null
    let entries = 0
    if (base !== null) {
      file = { frame: false, queues: [] }
      for (const [q, m] of now) {
        const before = base.queues.get(q) ?? new Map<number, IndexEntry>()
        const added: IndexEntry[] = []
        for (const [seq, e] of m) if (!before.has(seq)) added.push(e)
        const removed: number[] = []
        for (const seq of before.keys()) if (!m.has(seq)) removed.push(seq)
        file.queues.push(columns(q, added, removed))
        entries += added.length + removed.length
      }
      for (const q of base.queues.keys()) if (!now.has(q)) { const r = [...base.queues.get(q)!.keys()]; file.queues.push(columns(q, [], r)); entries += r.length }
      // The deltas since the frame, this one included, would cost a load more than a frame: take one.
      let chain = entries
      for (let j: number | null = base.id; j !== null; j = this.nodes.get(j)!.base) {
        const n = this.nodes.get(j)!
        if (n.base === null) break
        chain += n.entries
      }
      if (chain > size) file = null
    }
    if (file === null) {
      file = { frame: true, queues: timers.map(([q, e]) => columns(q, e, [])) }
      entries = size
    }
    const path = this.pathOf(id)
    writeFileSync(path, gzipSync(JSON.stringify(file), { level: 1 }))
    const bytes = statSync(path).size
    const baseId = file.frame ? null : base!.id
    if (baseId !== null) this.nodes.get(baseId)!.refs++
    this.nodes.set(id, { base: baseId, bytes, refs: 1, entries })
    this.bytes += bytes
    this.last = { id, queues: now }
    return bytes
  }

  /** Checkpoint id's timers (queues without timers left out): its frame, then the deltas after it. */
  load(id: number): QueueTimers {
    const chain: number[] = []
    for (let j: number | null = id; j !== null; j = this.nodes.get(j)!.base) {
      if (!this.nodes.has(j)) throw new Error(`internal: the timers of time-travel checkpoint ${j} were dropped`)
      chain.push(j)
    }
    const queues = new Map<number, Map<number, IndexEntry>>()
    for (let k = chain.length - 1; k >= 0; k--) {
      const file = JSON.parse(gunzipSync(readFileSync(this.pathOf(chain[k]))).toString('utf8')) as TimerFile
      for (const [q, ts, seq, keys, removed] of file.queues) {
        let m = queues.get(q)
        if (m === undefined) queues.set(q, m = new Map())
        for (const s of removed) m.delete(s)
        for (let i = 0; i < ts.length; i++) m.set(seq[i], [ts[i], seq[i], keys[i]])
      }
    }
    this.last = { id, queues }
    // A queue without timers is left out (its index is empty either way).
    return [...queues].filter(([, m]) => m.size > 0).map(([q, m]) => [q, [...m.values()]])
  }

  /** Checkpoint id is dropped: its file goes once no later checkpoint's deltas build on it. */
  drop(id: number): void {
    this.release(id)
  }

  private release(id: number): void {
    for (let j: number | null = id; j !== null;) {
      const n = this.nodes.get(j)
      if (n === undefined || --n.refs > 0) return
      this.nodes.delete(j)
      this.bytes -= n.bytes
      rmSync(this.pathOf(j), { force: true })
      j = n.base
    }
  }

  private pathOf(id: number): string {
    return join(this.dir, `timers-${id}.json.gz`)
  }
}

function columns(q: number, added: IndexEntry[], removed: number[]): TimerFile['queues'][number] {
  return [q, added.map((e) => e[0]), added.map((e) => e[1]), added.map((e) => e[2]), removed]
}
