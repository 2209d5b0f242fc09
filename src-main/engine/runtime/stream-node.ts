// The operators of a job graph that keep no keyed state: the base class with output fan-out and
// watermark forwarding, and the source, map, filter, flatMap and side-output nodes.
import type { OperatorView } from '../../common/views'
import { MIN_TIMESTAMP } from '../api/time'
import type { RunContext } from './run-context'
import { UserCodeError } from '../../sandbox/gate'
import { toOutputData } from '../state/json-data'

export type NodeKind = OperatorView['kind']

export abstract class StreamNode {
  readonly children: StreamNode[] = []
  /** Side-output consumers by tag id (only process operators have side outputs). */
  readonly sideChildren = new Map<string, StreamNode[]>()
  /** The last watermark this node forwarded (W4: only rising watermarks are forwarded). */
  watermark = MIN_TIMESTAMP
  /** True when this node's main output is the job's result (the stream the job returned). */
  isJobOutput = false
  /** Receives the job's result records (set on the returned node by the run). */
  jobSink: ((tag: string | null, value: unknown, timestamp: number | null) => void) | null = null
  userName: string | null = null
  uid: string | null = null

  constructor(readonly rc: RunContext, readonly index: number, readonly kind: NodeKind, readonly parent: StreamNode | null) {}

  get id(): string { return this.uid ?? `${this.index}-${this.kind}` }
  get name(): string { return this.userName ?? this.kind }

  abstract processRecord(value: unknown, timestamp: number | null): void

  /** The job's own functions and objects this node calls (time travel keeps their fields: job-fields.ts). */
  userObjects(): object[] { return [] }

  /**
   * A record of another subtask, of which only the timestamp is known (Driver.takeSkipped). Only the
   * nodes route-shape.ts lets a routed job have before keyBy take one.
   */
  processSkipped(_timestamp: number | null): void {
    throw new Error(`internal: a ${this.kind} node cannot take another subtask's record`)
  }

  /** The watermark keyBy would pass on after processSkipped(timestamp) (Driver: does it make a timer due?). */
  watermarkAfterSkipped(_timestamp: number): number {
    throw new Error(`internal: a ${this.kind} node cannot take another subtask's record`)
  }

  processWatermark(w: number): void {
    if (w <= this.watermark) return
    this.watermark = w
    this.forwardWatermark(w)
  }

  protected forwardWatermark(w: number): void {
    const ch = this.children
    for (let i = 0; i < ch.length; i++) ch[i].processWatermark(w)
    if (this.sideChildren.size > 0) for (const list of this.sideChildren.values()) for (const c of list) c.processWatermark(w)
  }

  emit(value: unknown, timestamp: number | null): void {
    const hub = this.rc.observer
    if (hub !== null) hub.onOutput(this, null, value, timestamp, this.isJobOutput)
    if (this.jobSink !== null) this.jobSink(null, value, timestamp)
    const ch = this.children
    for (let i = 0; i < ch.length; i++) ch[i].processRecord(value, timestamp)
  }

  emitSide(tag: string, value: unknown, timestamp: number | null): void {
    const hub = this.rc.observer
    if (hub !== null) hub.onOutput(this, tag, value, timestamp, this.isJobOutput)
    if (this.jobSink !== null) this.jobSink(tag, value, timestamp)
    const list = this.sideChildren.get(tag)
    if (list !== undefined) for (const c of list) c.processRecord(value, timestamp)
  }

  view(): OperatorView {
    return { id: this.id, name: this.name, kind: this.kind, keyed: this.kind === 'process', watermark: this.watermark, parents: this.parent ? [this.parent.id] : [] }
  }
}

export class SourceNode extends StreamNode {
  constructor(rc: RunContext) { super(rc, 0, 'source', null) }
  processRecord(value: unknown, timestamp: number | null): void { this.emit(value, timestamp) }
  processSkipped(timestamp: number | null): void {
    const ch = this.children
    for (let i = 0; i < ch.length; i++) ch[i].processSkipped(timestamp)
  }
  watermarkAfterSkipped(timestamp: number): number { return this.children[0].watermarkAfterSkipped(timestamp) }
}

export class MapNode extends StreamNode {
  constructor(rc: RunContext, index: number, parent: StreamNode, private readonly fn: (v: unknown) => unknown) { super(rc, index, 'map', parent) }
  userObjects(): object[] { return [this.fn] }
  processRecord(value: unknown, timestamp: number | null): void {
    this.emit(returnedData('map', this.rc.gate.call1('map', this.fn, undefined, value)), timestamp)
  }
}

export class FilterNode extends StreamNode {
  constructor(rc: RunContext, index: number, parent: StreamNode, private readonly fn: (v: unknown) => boolean) { super(rc, index, 'filter', parent) }
  userObjects(): object[] { return [this.fn] }
  processRecord(value: unknown, timestamp: number | null): void {
    if (this.rc.gate.call1('filter', this.fn, undefined, value)) this.emit(value, timestamp)
  }
}

export class FlatMapNode extends StreamNode {
  private readonly out: { collect(v: unknown): void }
  private ts: number | null = null
  constructor(rc: RunContext, index: number, parent: StreamNode, private readonly fn: (v: unknown, out: { collect(v: unknown): void }) => Iterable<unknown> | void) {
    super(rc, index, 'flatMap', parent)
    this.out = { collect: (v: unknown) => this.emit(toOutputData(v, 'flatMap out.collect(value)'), this.ts) }
  }
  userObjects(): object[] { return [this.fn] }
  processRecord(value: unknown, timestamp: number | null): void {
    this.ts = timestamp
    const r = this.rc.gate.call2('flatMap', this.fn, undefined, value, this.out)
    if (r !== undefined && r !== null) {
      if (typeof (r as Iterable<unknown>)[Symbol.iterator] !== 'function') {
        // The user's function returned it: reported as the job's error (JOB_THREW), not an engine failure.
        throw new UserCodeError('flatMap', new TypeError('flatMap: the function must return an iterable (or nothing and use out.collect)'))
      }
      for (const v of r as Iterable<unknown>) this.emit(returnedData('flatMap', v), timestamp)
    }
  }
}

/**
 * A value the user's function returned, checked like an output (docs/job-api.md). Thrown after the function
 * returned, the error has no frame of it: it is the function's own error (JOB_THREW), without a stack
 * that would blame whatever job line is further up (a keyed operator's out.collect that fed this node).
 */
function returnedData(fn: 'map' | 'flatMap', v: unknown): unknown {
  try {
    return toOutputData(v, fn === 'map' ? 'the value the map function returned' : 'a value the flatMap function returned')
  } catch (e) {
    const err = e as Error
    err.stack = `${err.name}: ${err.message}`
    throw new UserCodeError(fn, err)
  }
}

/** A stream read from a process operator's side output (getSideOutput(tag)). */
export class SideOutputNode extends StreamNode {
  constructor(rc: RunContext, index: number, parent: StreamNode, readonly tag: string) {
    super(rc, index, 'sideOutput', parent)
    this.userName = `side output "${tag}"`
  }
  processRecord(value: unknown, timestamp: number | null): void { this.emit(value, timestamp) }
}
