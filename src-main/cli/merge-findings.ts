// The findings of a `--parallelism N` run: each subtask reports its own; one list for the run, a line per
// kind and job line as in a single run. Counts of what a subtask does with its own keys add up; records
// before keyBy reach every subtask, so late records (counted at the timestamp assigner) are counted once.
import type { FindingView } from '../common/trace-api'
import { compareFindings } from '../engine/findings/findings-collector'

export function mergeFindings(parts: (FindingView[] | null)[]): FindingView[] | null {
  if (parts.every((p) => p === null)) return null
  const merged = new Map<string, FindingView>()
  for (const f of parts.flatMap((p) => p ?? [])) {
    const id = `${f.kind}\u0000${f.file}\u0000${f.line}`
    const seen = merged.get(id)
    if (seen === undefined) { merged.set(id, { ...f }); continue }
    seen.count = f.kind === 'lateRecords' ? Math.max(seen.count, f.count) : seen.count + f.count
    if (f.firstStep < seen.firstStep) Object.assign(seen, { firstStep: f.firstStep, firstKey: f.firstKey, message: f.message })
  }
  return [...merged.values()].sort(compareFindings)
}
