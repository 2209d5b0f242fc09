// The debugger's marks on the job editor, VS Code style: the lines the current step ran (a faint band) and the
// current one (yellow band and arrow), each call's result as an inline hint after its line (like inline values),
// a runaway loop's line after a watchdog stop, and gutter breakpoints that Monaco's decorations carry along
// when edits move lines. Touches Monaco, so it lives beside job-editor.ts (unit tests never load it).
import * as monaco from 'monaco-editor/editor/editor.api'
import { breakpointGlyphClass, type BreakpointLook } from '../breakpoint-glyph'
import { nearLines } from '../line-map'
import { INLINE_GAP, fitInline, inlineRoom } from './inline-fit'

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
  look: BreakpointLook
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


export class DebugDecorations {
  private trace: monaco.editor.IEditorDecorationsCollection
  private loop: monaco.editor.IEditorDecorationsCollection
  /** Breakpoint decoration ids, by breakpoint id (model decorations, so their ranges track edits). */
  private bpDecorations = new Map<string, string>()
  private bpModel: monaco.editor.ITextModel | null = null
  /** Each breakpoint's line before the edit being told of (Monaco has moved the decorations by then). */
  private linesBefore: Record<string, number> = {}

  /** What was drawn last, drawn again to fit when the editor's width changes (a window resize, a dragged handle). */
  private marks: TraceMarks | null = null
  private loopAt: { line: number; mark: LoopMark } | null = null
  private fittedTo = 0
  /** Each drawn hint's whole text (it may be drawn cut to fit), by decoration id. */
  private traceWholes = new Map<string, string>()
  private loopWhole = { id: '', text: '' }

  constructor(private readonly editor: monaco.editor.IStandaloneCodeEditor) {
    this.trace = editor.createDecorationsCollection([])
    this.loop = editor.createDecorationsCollection([])
    editor.onDidLayoutChange(() => {
      if (this.visibleColumns() === this.fittedTo) return
      if (this.marks !== null) this.setTrace(this.marks)
      if (this.loopAt !== null) this.drawLoop(this.loopAt.line, this.loopAt.mark)
    })
  }

  /** How many characters of code the editor shows across (its text area, less the minimap and scrollbar). */
  private visibleColumns(): number {
    const layout = this.editor.getLayoutInfo()
    const charWidth = this.editor.getOption(monaco.editor.EditorOption.fontInfo).typicalHalfwidthCharacterWidth
    return charWidth > 0 ? Math.floor(layout.contentWidth / charWidth) : 0
  }

  private lineCount(): number { return this.editor.getModel()?.getLineCount() ?? 0 }

  setTrace(marks: TraceMarks | null): void {
    this.marks = marks
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
    const wholes: Array<string | undefined> = decorations.map(() => undefined)
    for (const h of marks.hints) {
      if (!inRange(h.line) || h.text === '') continue
      decorations.push(this.hintAfter(h.line, h.text, 'riffle-inline-value'))
      wholes.push(h.text)
    }
    const ids = this.trace.set(decorations)
    this.traceWholes = new Map(ids.flatMap((id, i) => (wholes[i] === undefined ? [] : [[id, wholes[i]!]])))
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
   * whole-line decoration Monaco shows none. Cut to the room the editor has after the line (inline-fit.ts): one cut
   * ends in an ellipsis, and its hover shows it whole.
   */
  private hintAfter(line: number, text: string, className: string, hover?: string): monaco.editor.IModelDeltaDecoration {
    const model = this.editor.getModel()!
    const end = model.getLineMaxColumn(line)
    this.fittedTo = this.visibleColumns()
    const fit = fitInline(text, inlineRoom(model.getLineContent(line), model.getOptions().tabSize, this.fittedTo))
    const whole = fit.cut ? '```text\n' + text.replace(/```/g, '`\u200b``') + '\n```' : undefined
    const message = [hover, whole].filter((m) => m !== undefined).join('\n\n')
    return {
      range: new monaco.Range(line, end, line, end),
      options: {
        showIfCollapsed: true,
        ...(message === '' ? {} : { hoverMessage: { value: message } }),
        after: { content: INLINE_GAP + fit.text, inlineClassName: className, cursorStops: monaco.editor.InjectedTextCursorStops.None },
      },
    }
  }

  /** After a watchdog stop: where the loop was when it was stopped, its hover and inline hint (null clears it). */
  setLoopLine(line: number | null, mark: LoopMark): void {
    if (line === null || line < 1 || line > this.lineCount()) { this.loopAt = null; this.loop.clear(); this.redrawStickyLines(); return }
    this.drawLoop(line, mark)
    this.editor.revealLineInCenterIfOutsideViewport(line)
  }

  private drawLoop(line: number, mark: LoopMark): void {
    this.loopAt = { line, mark }
    this.loopWhole = { id: '', text: mark.hint }
    const ids = this.loop.set([{
      range: new monaco.Range(line, 1, line, 1),
      options: {
        isWholeLine: true, className: 'riffle-loop-line', glyphMarginClassName: 'riffle-loop-glyph',
        glyphMarginHoverMessage: { value: mark.hover }, hoverMessage: { value: mark.hover },
      },
    }, this.hintAfter(line, mark.hint, 'riffle-loop-hint', mark.hover)])
    this.loopWhole.id = ids[1] ?? ''
    this.redrawStickyLines()
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
        glyphMarginClassName: breakpointGlyphClass(b.look, b.enabled, b.unverified !== undefined),
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

  /** The hint after `line`, whole (it is drawn cut to the editor's width, whole in its hover), or null for none. */
  hintAt(line: number): string | null {
    const model = this.editor.getModel()
    if (!model || line < 1 || line > model.getLineCount()) return null
    const d = model.getLineDecorations(line).find((x) => typeof x.options.after?.content === 'string')
    if (d === undefined) return null
    return this.traceWholes.get(d.id) ?? (d.id === this.loopWhole.id ? this.loopWhole.text : d.options.after!.content.trim())
  }

  /** A model swap (another job) drops the old decorations. */
  forgetModel(): void {
    this.bpDecorations.clear()
    this.bpModel = null
    this.trace.clear()
    this.loop.clear()
    this.marks = null
    this.loopAt = null
  }
}
