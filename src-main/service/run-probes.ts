// Debugger probes on a run's keyed operators (issue 5): record deliveries (with lateness), timer
// registrations and deletions, and state reads. They patch methods on the instances of one session's
// run only (never the classes), are installed while a debugger feature needs them and removed after,
// so a plain run and the engine code are untouched.
import type { TimeDomainName } from '../common/views'
import type { JobRun } from '../engine/runtime/job-run'
import type { KeyedProcessNode } from '../engine/runtime/keyed-process-node'
import { isMapTable, type Table, type TableMeta } from '../engine/state/backend'
import type { TimerHolder } from '../engine/time/timer-queue'
import type { TimerQueueStore } from '../engine/time/timer-queue-store'

export interface ProbeListener {
  /** A record about to be processed by `op` for `keyStr`; late when ts <= the operator's watermark. */
  onElement?(op: KeyedProcessNode, keyStr: string, ts: number | null, watermark: number): void
  onTimer?(op: KeyedProcessNode, action: 'registered' | 'deleted', domain: TimeDomainName, keyStr: string, timestamp: number): void
  /** A state table read for a key (value tables: get; map tables: get/has/entries/isEmpty). */
  onRead?(meta: TableMeta, keyStr: string): void
}

type Restore = () => void

/** Installs the listener's probes on every keyed operator of the run; returns the uninstaller. */
export function installProbes(run: JobRun, l: ProbeListener): Restore {
  const undo: Restore[] = []
  for (const op of run.keyedOps) {
    if (l.onElement !== undefined) undo.push(patchElement(op, l.onElement))
    if (l.onTimer !== undefined) {
      undo.push(patchTimers(op, op.eventTimers, 'EVENT_TIME', l.onTimer))
      undo.push(patchTimers(op, op.processingTimers, 'PROCESSING_TIME', l.onTimer))
    }
  }
  if (l.onRead !== undefined) for (const t of run.backend.tables()) undo.push(patchReads(t, l.onRead))
  return () => { for (const u of undo.reverse()) u() }
}

function patchElement(op: KeyedProcessNode, f: NonNullable<ProbeListener['onElement']>): Restore {
  const own = Object.prototype.hasOwnProperty.call(op, 'processElement')
  const orig = op.processElement
  op.processElement = function (value: unknown, ts: number | null, key: unknown, keyStr: string): void {
    f(op, keyStr, ts, op.inputWatermark)
    orig.call(op, value, ts, key, keyStr)
  }
  return () => { if (own) op.processElement = orig; else delete (op as { processElement?: unknown }).processElement }
}

function patchTimers(op: KeyedProcessNode, q: TimerQueueStore, domain: TimeDomainName, f: NonNullable<ProbeListener['onTimer']>): Restore {
  const reg = q.registerIn
  const del = q.deleteIn
  const regOwn = Object.prototype.hasOwnProperty.call(q, 'registerIn')
  const delOwn = Object.prototype.hasOwnProperty.call(q, 'deleteIn')
  q.registerIn = function (holder: TimerHolder, timestamp: number, key: unknown): boolean {
    const added = reg.call(q, holder, timestamp, key)
    if (added) f(op, 'registered', domain, holder.keyStr, timestamp)
    return added
  }
  q.deleteIn = function (holder: TimerHolder, timestamp: number): boolean {
    const deleted = del.call(q, holder, timestamp)
    if (deleted) f(op, 'deleted', domain, holder.keyStr, timestamp)
    return deleted
  }
  return () => {
    if (regOwn) q.registerIn = reg; else delete (q as { registerIn?: unknown }).registerIn
    if (delOwn) q.deleteIn = del; else delete (q as { deleteIn?: unknown }).deleteIn
  }
}

function patchReads(t: Table, f: (meta: TableMeta, keyStr: string) => void): Restore {
  const names = isMapTable(t) ? ['get', 'has', 'entries', 'isEmpty'] : ['get']
  const target = t as unknown as Record<string, (...a: unknown[]) => unknown>
  const saved = names.map((n) => [n, target[n], Object.prototype.hasOwnProperty.call(t, n)] as const)
  for (const [n, orig] of saved) {
    target[n] = function (...a: unknown[]): unknown {
      f(t.meta, a[0] as string)
      return orig.apply(t, a)
    }
  }
  return () => {
    for (const [n, orig, own] of saved) {
      if (own) target[n] = orig
      else delete target[n]
    }
  }
}
