// Where a step call stops: after one step, at the next record, output or timer, at the end, or (continue) only at a
// breakpoint.
import type { StepTarget } from '../common/debug-api'
import type { StepView } from '../common/views'

/** Whether a step call for `target` stops after the step `v` (a breakpoint hit stops any call but `end` apart from this). */
export function stopsAt(target: StepTarget, v: StepView): boolean {
  switch (target.kind) {
    case 'step': return true
    case 'record': return v.kind === 'record'
    case 'output': return v.outputs.length > 0
    case 'timer': return v.kind === 'timer'
    case 'end': return false
    case 'continue': return false // only a breakpoint stops it
  }
}

