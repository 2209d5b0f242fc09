// What every operator of one run shares: simulated processing time, the current step and input, the
// user-code gate, the exchange queue and the debugger's capture hooks. Time is injected from here only.
import type { RecordingItem } from '../../replay/recording-types'
import { UserCodeGate } from '../../sandbox/gate'
import { ExchangeQueue } from './exchange-queue'
import type { StreamNode } from './stream-node'

export interface OutputCapture {
  onOutput(node: StreamNode, tag: string | null, value: unknown, timestamp: number | null, isJobOutput: boolean): void
}

export class RunContext {
  /** Simulated processing time (API.md: starts at 0; follows records or control lines). */
  processingTime = 0
  /** Steps taken so far; the current step's number while it runs. */
  step = 0
  /** The input record (or control line) the current step started from. */
  currentItem: RecordingItem | null = null
  /** Source partition of the current input (kcat -J), for per-partition watermarks. */
  currentPartition: string | null = null
  readonly gate = new UserCodeGate()
  queue = new ExchangeQueue()
  /** Set by the debugger while stepping; null in a plain run (the hot path checks it once per emit). */
  capture: OutputCapture | null = null
  /** The key the running keyed operator is processing, for output attribution. */
  currentKeyStr: string | null = null
  currentKey: unknown = null
}
