// The debugger's marks on the job editor, VS Code style: the lines the current step ran (a faint band) and the
// current one (yellow band and arrow), each call's result as an inline hint after its line (like inline values),
// a runaway loop's line after a watchdog stop, and gutter breakpoints that Monaco's decorations carry along
// when edits move lines. Touches Monaco, so it lives beside job-editor.ts (unit tests never load it).
import * as monaco from 'monaco-editor/editor/editor.api'
import { nearLines } from '../line-map'

export interface TraceMarks {
  /** Lines the step ran, in first-run order. */
  lines: number[]
  /** The current line (the selected call, the breakpoint's line, the throwing line), null for none. */
  current: number | null
  /** One hint per line: the results of the calls on it. */
  hints: Array<{ line: number; text: string }>
}

export interface GutterBreakpoint {
  id: string
  line: number
  enabled: boolean
  /** 'log' is a logpoint (a diamond), 'conditional' has a condition (a dot with a bar), else a plain dot. */
  look: 'plain' | 'conditional' | 'log'
  /** The tooltip: the condition or log message. */
  hover: string
  /** Why it can never hit (no code on its line): drawn grey and hollow, as VS Code draws an unverified breakpoint. */
  unverified?: string
}

/** The watchdog's mark on the loop's line: a sentence for the hover, a few words inline after the line. */
export interface LoopMark {
  hover: string
  hint: string
}

const MAX_HINT = 120

function clip(text: string): string {
  return text.length > MAX_HINT ? text.slice(0, MAX_HINT - 1) + '…' : text
}

export class DebugDecorations {
  private trace: monaco.editor.IEditorDecorationsCollection
  private loop: monaco.editor.IEditorDecorationsCollection
  /** Breakpoint decoration ids, by breakpoint id (model decorations, so their ranges track edits). */
  private bpDecorations = new Map<string, string>()
  private bpModel: monaco.editor.ITextModel | null = null
  /** Each breakpoint's line before the edit being told of (Monaco has moved the decorations by then). */
  private linesBefore: Record<string, number> = {}

  constructor(private readonly editor: monaco.editor.IStandaloneCodeEditor) {
    this.trace = editor.createDecorationsCollection([])
    this.loop = editor.createDecorationsCollection([])
  }

  private lineCount(): number { return this.editor.getModel()?.getLineCount() ?? 0 }

  setTrace(marks: TraceMarks | null): void {
    const n = this.lineCount()
    if (!marks || n === 0) { this.trace.clear(); this.redrawStickyLines(); return }
    const inRange = (l: number): boolean => l >= 1 && l <= n
    const decorations: monaco.editor.IModelDeltaDecoration[] = []
    for (const line of new Set(marks.lines)) {
      if (!inRange(line) || line === marks.current) continue
      decorations.push({
        range: new monaco.Range(line, 1, line, 1),
        options: { isWholeLine: true, className: 'riffle-ran-line', linesDecorationsClassName: 'riffle-ran-gutter' },
      })
    }
    if (marks.current !== null && inRange(marks.current)) {
      decorations.push({
        range: new monaco.Range(marks.current, 1, marks.current, 1),
        options: {
          isWholeLine: true, className: 'riffle-current-line', glyphMarginClassName: 'riffle-current-glyph',
          overviewRuler: { color: '#f0b54a', position: monaco.editor.OverviewRulerLane.Full }, zIndex: 2,
        },
      })
    }
    for (const h of marks.hints) {
      if (!inRange(h.line) || h.text === '') continue
      decorations.push(this.hintAfter(h.line, h.text, 'riffle-inline-value'))
    }
    this.trace.set(decorations)
    this.redrawStickyLines()
  }

  /**
   * Monaco's sticky scroll draws the lines it holds at the top of the editor, inline hints included, and draws them
   * again only when the held lines or their text change: after a step a held `if` line kept an earlier step's
   * value (→ null under a value that was set). It has no public redraw, so this calls the controller's own
   * (monaco-editor's version is pinned; should the method go, the held lines are as before).
   */
  private redrawStickyLines(): void {
    const sticky = this.editor.getContribution('store.contrib.stickyScrollController') as { _renderStickyScroll?: (fromLine: number) => Promise<void> } | null
    if (typeof sticky?._renderStickyScroll === 'function') sticky._renderStickyScroll(0).catch(() => {})
  }

  /**
   * An inline hint after the end of `line`, as VS Code draws inline values: injected text the cursor skips. Every
   * hint the debugger draws is one of these (a call's result, the watchdog's stop), a decoration of its own: on a
   * whole-line decoration Monaco shows none.
   */
  private hintAfter(line: number, text: string, className: string, hover?: string): monaco.editor.IModelDeltaDecoration {
    const end = this.editor.getModel()!.getLineMaxColumn(line)
    return {
      range: new monaco.Range(line, end, line, end),
      options: {
        showIfCollapsed: true,
        ...(hover === undefined ? {} : { hoverMessage: { value: hover } }),
        after: { content: '  ' + clip(text), inlineClassName: className, cursorStops: monaco.editor.InjectedTextCursorStops.None },
      },
    }
  }

  /** After a watchdog stop: where the loop was when it was stopped, its hover and inline hint (null clears it). */
  setLoopLine(line: number | null, mark: LoopMark): void {
    if (line === null || line < 1 || line > this.lineCount()) { this.loop.clear(); this.redrawStickyLines(); return }
    this.loop.set([{
      range: new monaco.Range(line, 1, line, 1),
      options: {
        isWholeLine: true, className: 'riffle-loop-line', glyphMarginClassName: 'riffle-loop-glyph',
        glyphMarginHoverMessage: { value: mark.hover }, hoverMessage: { value: mark.hover },
      },
    }, this.hintAfter(line, mark.hint, 'riffle-loop-hint', mark.hover)])
    this.redrawStickyLines()
    this.editor.revealLineInCenterIfOutsideViewport(line)
  }

  /** Replaces the gutter breakpoints with `list` (the model's decorations then carry them through edits). */
  setBreakpoints(list: GutterBreakpoint[]): void {
    const model = this.editor.getModel()
    if (!model) return
    const old = this.bpModel === model ? [...this.bpDecorations.values()] : []
    const n = model.getLineCount()
    const shown = list.filter((b) => b.line >= 1 && b.line <= n)
    const ids = model.deltaDecorations(old, shown.map((b) => ({
      range: new monaco.Range(b.line, 1, b.line, 1),
      options: {
        stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        glyphMarginClassName: `riffle-bp riffle-bp-${b.look}${b.enabled ? '' : ' riffle-bp-disabled'}${b.unverified === undefined ? '' : ' riffle-bp-unverified'}`,
        glyphMarginHoverMessage: { value: b.unverified === undefined ? b.hover : `${b.hover}\n\nUnverified: ${b.unverified}` },
        // No glyphMargin lane of its own: in the current arrow's lane, since a second lane widened the gutter by a line
        // and moved the code sideways when the first breakpoint was set. The arrow's z-index, so that Monaco draws both
        // marks in one glyph (theme.css draws the arrow over the dot, as VS Code does) rather than the arrow alone.
        zIndex: 2,
      },
    })))
    this.bpModel = model
    this.bpDecorations = new Map(shown.map((b, i) => [b.id, ids[i]!]))
    this.linesBefore = this.breakpointLines()
  }

  /**
   * The breakpoints' lines after an edit of the text `before`: where Monaco's decorations carried them, except when
   * the edit replaced the whole text (select all, paste a new version), where Monaco keeps each at its character
   * offset, whatever line that now is; there each goes where a line diff of the two versions puts its line.
   */
  linesAfterEdit(before: string, now: string, wholeReplaced: boolean): Record<string, number> {
    const near = wholeReplaced ? nearLines(before, now) : null
    const lines = near !== null
      ? Object.fromEntries(Object.entries(this.linesBefore).map(([id, line]) => [id, near(line)]))
      : this.breakpointLines()
    this.linesBefore = lines
    return lines
  }

  /** Where each breakpoint's decoration is now (after edits moved lines), by breakpoint id. */
  breakpointLines(): Record<string, number> {
    const model = this.editor.getModel()
    const out: Record<string, number> = {}
    if (!model || model !== this.bpModel) return out
    for (const [id, dec] of this.bpDecorations) {
      const range = model.getDecorationRange(dec)
      if (range) out[id] = range.startLineNumber
    }
    return out
  }

  /** The classes of the decorations on `line` (tests read what the user sees). */
  classesAt(line: number): string[] {
    const model = this.editor.getModel()
    if (!model || line < 1 || line > model.getLineCount()) return []
    return model.getLineDecorations(line).flatMap((d) => [d.options.className, d.options.glyphMarginClassName, d.options.after?.inlineClassName])
      .filter((c): c is string => typeof c === 'string' && c !== '')
  }

  hintAt(line: number): string | null {
    const model = this.editor.getModel()
    if (!model || line < 1 || line > model.getLineCount()) return null
    return model.getLineDecorations(line).map((d) => d.options.after?.content).find((c) => typeof c === 'string')?.trim() ?? null
  }

  /** A model swap (another job) drops the old decorations. */
  forgetModel(): void {
    this.bpDecorations.clear()
    this.bpModel = null
    this.trace.clear()
    this.loop.clear()
  }
}
