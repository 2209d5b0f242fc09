// keyBy: computes the key with the user's selector and hands the record to the keyed operator through
// the exchange queue (the stand-in for Flink's network shuffle).
import { keyToString } from './key-codec'
import { ownsKey } from './key-group'
import type { KeyedProcessNode } from './keyed-process-node'
import type { RunContext } from './run-context'
import { StreamNode } from './stream-node'
import { preview } from './assigner-node'
import { UserCodeError } from '../../sandbox/gate'
import { creationOf } from '../api/creation-sites'

export class KeyByNode extends StreamNode {
  /** The keyed operators reading this keyed stream (set when process() is called). */
  readonly targets: KeyedProcessNode[] = []

  constructor(rc: RunContext, index: number, parent: StreamNode, readonly selector: (v: unknown) => unknown) {
    super(rc, index, 'keyBy', parent)
  }

  userObjects(): object[] { return [this.selector] }
  processRecord(value: unknown, timestamp: number | null): void {
    const key = this.rc.gate.call1('keyBy key selector', this.selector, undefined, value)
    // K5: a null key is rejected. Raised as the selector's error (JOB_THREW, naming the input record),
    // not as an engine failure: the user's selector returned it.
    if (key === null || key === undefined) {
      // Where the job called keyBy names the line (graph-builder.ts; a Python job tells it).
      throw new UserCodeError('keyBy key selector', new TypeError(`Assigned key must not be null! (the keyBy selector returned ${key} for ${preview(value)})`), creationOf(this))
    }
    let keyStr: string
    try {
      keyStr = keyToString(key)
    } catch (e) {
      throw new UserCodeError('keyBy key selector', new TypeError(`the keyBy selector returned an unusable key for ${preview(value)}: ${(e as Error).message}`), creationOf(this))
    }
    const share = this.rc.keyGroups
    if (share !== null && !ownsKey(share, key)) {
      // Another subtask's key: it processes the record (and whatever follows from it downstream).
      this.rc.skippedTimestamp = timestamp
      return
    }
    const q = this.rc.queue
    for (let i = 0; i < this.targets.length; i++) q.pushRecord(this.targets[i], value, timestamp, key, keyStr)
    // Plain (non-process) consumers of a keyed stream (map after keyBy) see the record directly; and a
    // job that returns the keyed stream itself outputs its records (emit also feeds the job sink).
    this.emit(value, timestamp)
  }

  /** Another subtask's record: as an unowned one in processRecord (processing time follows its timestamp). */
  processSkipped(timestamp: number | null): void {
    this.rc.skippedTimestamp = timestamp
  }

  /** Without an assigner before it, a record moves no watermark. */
  watermarkAfterSkipped(): number { return this.watermark }

  processWatermark(w: number): void {
    if (w <= this.watermark) return
    this.watermark = w
    for (const t of this.targets) this.rc.queue.pushWatermark(t, w)
    this.forwardWatermark(w)
  }
}
