// The line probe as line breakpoints use it (breakpoints.ts): watched without failing the session where the runtime
// cannot arm its hook, and a frame's locals read without failing the step where they cannot be.
import type { FrameLocals, LineProbe } from '../engine/observe/line-probe'

/** A watch of the lines (those of `each` at every run), or null when the runtime cannot arm it (set() already said why, per breakpoint). */
export function watchOrNull(probe: LineProbe, lines: ReadonlySet<number>, onLine: (line: number, frame?: FrameLocals) => void, each: ReadonlySet<number>): (() => void) | null {
  try {
    return probe.watch(lines, onLine, each)
  } catch {
    return null
  }
}

/** The frame's locals of `names`, or undefined when the runtime gave no frame or could not read it. */
export function capture(frame: FrameLocals | undefined, names: readonly string[]): unknown {
  try {
    return frame?.capture(names)
  } catch {
    return undefined
  }
}
