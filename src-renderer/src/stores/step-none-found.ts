// What Next output (F11) and Next timer (Shift+F11) say when they ran to the run's end without finding what they
// looked for: the jump to "finished" read as an ordinary step, or as a bug, on a job with no timers.
import type { StepResult } from '@common/debug-api'
import { count } from '../format'

/** The note for a Next output / Next timer request that ended the run without one, else null. */
export function noneFoundNote(kind: string, r: StepResult): string | null {
  if ((kind !== 'output' && kind !== 'timer') || !r.status.finished || r.breakpointHit || r.failure) return null
  const last = r.steps.at(-1)
  if (kind === 'output' ? (last?.outputs.length ?? 0) > 0 : last?.kind === 'timer') return null
  const what = kind === 'output' ? 'Next output: no step emitted an output' : 'Next timer: no timer fired'
  return `${what} from here to the end of the run (step ${count(r.status.step)}).`
}
