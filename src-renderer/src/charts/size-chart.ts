// The Charts tab's third chart, keys seen / pending timers / state entries by step. Its key line counts every key the
// run has read a record for, so it never falls when TTL or clear() removes state: named "keys seen", else a TTL job
// whose state stays bounded (dedup-ttl.ts) read as one whose state grows forever. What is stored is "state entries".
import type { RunSample } from '@common/views'
import type { Line } from './run-chart-option'

export function sizeChart(samples: readonly RunSample[]): { title: string; lines: Line[] } {
  const pts = (f: (s: RunSample) => number): [number, number][] => samples.map((s) => [s.step, f(s)])
  return {
    title: 'Keys seen, state entries, pending timers',
    lines: [
      { name: 'keys seen', data: pts((s) => s.keys) },
      { name: 'timers', data: pts((s) => s.pendingTimers) },
      { name: 'state entries', data: pts((s) => s.stateEntries) },
    ],
  }
}
