// How a breakpoint's dot is drawn, one rule for the editor's gutter (monaco/debug-decorations.ts) and the Breakpoints
// tab's rows: VS Code's red dot, a conditional one barred, a logpoint's diamond, grey when disabled, a hollow grey ring
// when it can never hit (unverified: no code on its line, its condition refused). The classes are theme.css's.

export type BreakpointLook = 'plain' | 'conditional' | 'log'

/** A logpoint (it has a log message) is a diamond, a breakpoint with a condition a barred dot, any other a dot. */
export function breakpointLook(b: { condition?: string; log?: string }): BreakpointLook {
  return b.log ? 'log' : b.condition ? 'conditional' : 'plain'
}

/** The dot's classes (theme.css .riffle-bp*). */
export function breakpointGlyphClass(look: BreakpointLook, enabled: boolean, unverified: boolean): string {
  return `riffle-bp riffle-bp-${look}${enabled ? '' : ' riffle-bp-disabled'}${unverified ? ' riffle-bp-unverified' : ''}`
}
