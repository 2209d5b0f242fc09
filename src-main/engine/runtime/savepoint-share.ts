// One subtask's share of a savepoint (a restore at `--parallelism M`): a savepoint holds every key group
// (docs/savepoint-format.md, "Parallelism"), and each subtask restores only the keys, state entries and
// timers of its own key groups, as Flink hands each subtask its key-group range when it rescales. What is
// operator-wide (watermarks, processing time, the reader position) every subtask restores whole.
import type { TableStreamSource } from '../state/backend'
import type { TimerDump } from '../time/timer-queue'
import { RiffleError } from '../../common/errors'
import { keyFromString } from './key-codec'
import { type KeyGroupShare, keyGroupOf, operatorIndexOf } from './key-group'
import type { KeyInfo } from './key-registry'
import type { KeyedStateSource, RestorableSnapshot, TableSources } from './run-snapshot'

/** True when the share's subtask owns the key of this canonical key string (K1, K3). */
export function ownsKeyString(share: KeyGroupShare, keyStr: string): boolean {
  return operatorIndexOf(keyGroupOf(keyFromString(keyStr)), share.of) === share.index
}

/**
 * The snapshot as one subtask restores it: inline keys and timers (savepoints written before streams)
 * cut down to the share; records half-way through a step are refused, since they would be delivered
 * to whichever subtask restores them (savepoints of `riffle run` are never taken there).
 */
export function snapshotShare<T extends Omit<RestorableSnapshot, 'tables'>>(dir: string, s: T, share: KeyGroupShare): T {
  if (s.driver.inFlight !== undefined) {
    throw new RiffleError('SAVEPOINT_INVALID', `${dir}: the savepoint was taken in the middle of a step (a record half-delivered, ` +
      'as the debugger may save one); it can be resumed only with --parallelism 1')
  }
  const owns = (keyStr: string): boolean => ownsKeyString(share, keyStr)
  return {
    ...s,
    nodes: s.nodes.map((n) => n.keyed === undefined ? n : {
      ...n,
      keyed: {
        ...n.keyed,
        keys: n.keyed.keys.filter(([k]) => owns(k)),
        eventTimers: n.keyed.eventTimers.filter((t) => owns(t.keyStr)),
        processingTimers: n.keyed.processingTimers.filter((t) => owns(t.keyStr)),
      },
    }),
  }
}

/** The state tables, each with only the entries of the share's keys (in their order). */
export async function* tablesShare(tables: TableSources, share: KeyGroupShare): AsyncGenerator<TableStreamSource> {
  for await (const t of tables) yield { meta: t.meta, entries: ownEntries(t.entries, share) }
}

async function* ownEntries(entries: Iterable<[string, unknown]> | AsyncIterable<[string, unknown]>, share: KeyGroupShare): AsyncGenerator<[string, unknown]> {
  for await (const e of entries) if (ownsKeyString(share, e[0])) yield e
}

/** The keyed operators' keys and timers of the share's key groups, in their order (timers keep their sequence numbers). */
export function keyedStateShare(source: KeyedStateSource, share: KeyGroupShare): KeyedStateSource {
  const ownTimers = async (all: Promise<TimerDump[]>): Promise<TimerDump[]> => (await all).filter((t) => ownsKeyString(share, t.keyStr))
  return {
    async *keys(operatorId: string): AsyncGenerator<[string, KeyInfo]> {
      for await (const e of source.keys(operatorId)) if (ownsKeyString(share, e[0])) yield e
    },
    eventTimers: (operatorId) => ownTimers(source.eventTimers(operatorId)),
    processingTimers: (operatorId) => ownTimers(source.processingTimers(operatorId)),
  }
}
