// The only module that touches Monaco (unit tests mock it, toolchain P14). Creates the job editor with
// IntelliSense for `riffle` (the API's generated .d.ts files as extra libs under node_modules/riffle), Python
// highlighting and completion of the `pyflink` names Riffle provides for `.py` jobs (job-language.ts picks the
// language by extension), and shows compile and runtime errors from the engine as markers on the job's lines;
// the debugger's marks (trace lines, inline values, gutter breakpoints, a runaway loop's line) are in
// debug-decorations.ts.
import './env'
import * as monaco from 'monaco-editor/editor/editor.api'
import './contributions'
import 'monaco-editor/languages/definitions/typescript/register'
import 'monaco-editor/languages/definitions/python/register'
import * as tsLang from 'monaco-editor/languages/features/typescript/register'
import riffleDts from 'virtual:riffle-dts'
import { jobLanguage, modelFileName } from './job-language'
import { aggregateExpression, type HoverKey, pythonHover } from './python-hover'
import { pyflinkCompletions } from './pyflink-completions'
import { utf16Column } from './python-columns'
import type { PyflinkKind } from './pyflink-names'
import { DebugDecorations, type GutterBreakpoint, type LoopMark, type TraceMarks } from './debug-decorations'

export type { GutterBreakpoint, LoopMark, TraceMarks }

export interface EngineMarker { line: number; column?: number; endLine?: number; endColumn?: number; message: string; severity: 'error' | 'warning' | 'hint' }

export interface JobEditor {
  getValue(): string
  setValue(source: string, path: string): void
  /** The job saved under another name: its text moves to that name's model (Save as… job.py makes it Python). */
  setPath(path: string): void
  onChange(listener: (source: string) => void): void
  /** Markers from the engine (compile error, runtime error); replaces earlier ones. */
  setEngineMarkers(markers: EngineMarker[]): void
  /** The live syntax check's markers (a Python job's SyntaxError as you type); replaces earlier ones. */
  setSyntaxMarkers(markers: EngineMarker[]): void
  /** Marks the line where the job threw (or does not compile), and reveals it; `message` is the gutter mark's hover. */
  setErrorLine(line: number | null, message?: string): void
  /** Error markers (TypeScript's and the engine's) currently on the model. */
  diagnostics(): { line: number; message: string }[]
  /** The model's language id ('typescript' or 'python'). */
  language(): string
  /** Findings as warning squiggles (hints as dotted hints); replaces earlier ones. */
  setFindingMarkers(markers: EngineMarker[]): void
  /** Markers from findings currently on the model (tests read what the user sees). */
  findingMarkers(): { line: number; message: string; severity: 'warning' | 'hint' }[]
  /** The current step's lines, current line and inline values (null clears them). */
  setTrace(marks: TraceMarks | null): void
  /** After a watchdog stop: the line the loop was on, with its hover and inline hint (null clears it). */
  setLoopLine(line: number | null, mark: LoopMark): void
  /** Puts the cursor on `line` and scrolls it into view. */
  goToLine(line: number): void
  /** Scrolls `line` into view when it is outside it (the cursor stays), as VS Code does for the current line. */
  revealLine(line: number): void
  setBreakpoints(list: GutterBreakpoint[]): void
  /** A click in the glyph margin (the gutter left of the line numbers), or F9 / "Edit Breakpoint…" on the cursor's line;
   *  `menu` for a right-click (or Edit Breakpoint…). */
  onGutterClick(listener: (line: number, menu: boolean, at: { x: number; y: number }) => void): void
  /** Edits moved breakpoint lines: the new line of each breakpoint, by id. */
  onBreakpointsMoved(listener: (lines: Record<string, number>) => void): void
  /** Decoration classes on `line`, the inline hint there (whole: it may be drawn cut, whole in its hover), the cursor's line, and where a user clicks for `line`'s
   *  gutter (page coordinates, after scrolling it into view): what the browser tests check and do. */
  classesAt(line: number): string[]
  hintAt(line: number): string | null
  cursorLine(): number | null
  glyphPoint(line: number): { x: number; y: number } | null
  focus(): void
  dispose(): void
}

let configured = false

function configureTypeScript(): void {
  if (configured) return
  configured = true
  const defaults = tsLang.typescriptDefaults
  defaults.setCompilerOptions({
    target: tsLang.ScriptTarget.ES2020,
    module: tsLang.ModuleKind.ESNext,
    moduleResolution: tsLang.ModuleResolutionKind.NodeJs,
    strict: true,
    noEmit: true,
    allowNonTsExtensions: true,
    esModuleInterop: true,
    lib: ['es2022'],
  })
  defaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false })
  // The sandbox gives jobs a console; declare it so logging does not show as an error (no DOM lib here).
  defaults.addExtraLib(
    'declare const console: { log(...a: unknown[]): void; info(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void; debug(...a: unknown[]): void }',
    'file:///node_modules/@types/riffle-globals/index.d.ts')
  for (const [name, content] of Object.entries(riffleDts)) {
    defaults.addExtraLib(content, `file:///node_modules/riffle/${name}`)
  }
  defaults.setEagerModelSync(true)
}

let pythonConfigured = false
/** The key the key detail shows and its step, for a state's hover (EditorPane sets it). */
let hoverKey: () => HoverKey | null = () => null

/** Where a Python hover reads the key detail's key from. */
export function setPythonHoverKey(get: () => HoverKey | null): void {
  hoverKey = get
}

/** Completion of the pyflink names (pyflink-names.ts) in Python models, with signatures and docs. */
function configurePython(): void {
  if (pythonConfigured) return
  pythonConfigured = true
  const K = monaco.languages.CompletionItemKind
  const kinds: Record<PyflinkKind, monaco.languages.CompletionItemKind> = {
    module: K.Module, class: K.Class, method: K.Method, function: K.Function, constant: K.Constant,
  }
  // Hover: a pyflink name's signature, a state's value for the shown key (python-hover.ts); an AggregatingState's
  // get() as the session evaluates it, which only the job's get_result can make.
  monaco.languages.registerHoverProvider('python', {
    async provideHover(model, position) {
      const word = model.getWordAtPosition(position)
      if (word === null) return null
      const key = hoverKey()
      const source = model.getValue()
      const ask = aggregateExpression(word.word, source, key)
      const result = ask === null || key?.evaluate === undefined ? null : await key.evaluate(ask.operatorId, ask.keyStr, ask.expression)
      const shown = pythonHover(word.word, source, key, result ?? undefined)
      return shown === null ? null : {
        range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
        contents: shown.map((value) => ({ value })),
      }
    },
  })
  monaco.languages.registerCompletionItemProvider('python', {
    triggerCharacters: ['.', ' '],
    provideCompletionItems(model, position) {
      const lineBefore = model.getValueInRange(new monaco.Range(position.lineNumber, 1, position.lineNumber, position.column))
      const word = model.getWordUntilPosition(position)
      // A dotted module name is replaced whole; anything else from the start of the word.
      const dotted = /[\w.]*$/.exec(lineBefore)![0]
      const range = (kind: PyflinkKind): monaco.IRange => new monaco.Range(position.lineNumber,
        kind === 'module' ? position.column - dotted.length : word.startColumn, position.lineNumber, position.column)
      return {
        suggestions: pyflinkCompletions(lineBefore, undefined, model.getValue()).map((n) => ({
          label: { label: n.name, description: n.owner ?? n.module },
          kind: kinds[n.kind], detail: n.signature, documentation: n.doc, insertText: n.name, range: range(n.kind),
        })),
      }
    },
  })
}

function modelUri(path: string): monaco.Uri {
  return monaco.Uri.parse(`file:///workspace/${modelFileName(path)}`)
}

export function createJobEditor(el: HTMLElement, source: string, path: string): JobEditor {
  configureTypeScript()
  configurePython()
  monaco.editor.defineTheme('riffle-dark', {
    base: 'vs-dark', inherit: true, rules: [],
    colors: { 'editor.background': '#1b1e24', 'editorLineNumber.foreground': '#5c6370' },
  })
  const editor = monaco.editor.create(el, {
    model: null, theme: 'riffle-dark', automaticLayout: true, fontSize: 13, minimap: { enabled: false },
    scrollBeyondLastLine: false, glyphMargin: true, tabSize: 2, fixedOverflowWidgets: true,
  })
  let model: monaco.editor.ITextModel | null = null
  let errorDecorations = editor.createDecorationsCollection([])
  const listeners: ((s: string) => void)[] = []
  const debug = new DebugDecorations(editor)
  const gutterListeners: Array<(line: number, menu: boolean, at: { x: number; y: number }) => void> = []
  const movedListeners: Array<(lines: Record<string, number>) => void> = []
  const hover = editor.createDecorationsCollection([])

  let contentSub: monaco.IDisposable | null = null
  const setModel = (text: string, p: string): void => {
    const uri = modelUri(p)
    const old = model
    const language = jobLanguage(p)
    model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, language, uri)
    model.setValue(text)
    // Python's indentation is its syntax: four spaces, as PEP 8 and the article write it.
    model.updateOptions(language === 'python' ? { tabSize: 4, insertSpaces: true } : { tabSize: 2 })
    editor.setModel(model)
    if (old && old !== model) { old.dispose(); debug.forgetModel() }
    // One subscription per editor: a model reused for the same file would otherwise tell every listener once per load.
    contentSub?.dispose()
    let before = model.getValue()
    contentSub = model.onDidChangeContent((e) => {
      const now = model!.getValue()
      for (const l of listeners) l(now)
      const c = e.changes
      const wholeReplaced = !e.isFlush && c.length === 1 && c[0]!.rangeOffset === 0 && c[0]!.rangeLength === before.length && before.length > 0
      const lines = debug.linesAfterEdit(before, now, wholeReplaced)
      before = now
      if (Object.keys(lines).length > 0) for (const l of movedListeners) l(lines)
    })
  }
  setModel(source, path)

  const glyphLine = (t: monaco.editor.IMouseTarget): number | null =>
    t.type === monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN && t.position ? t.position.lineNumber : null
  editor.onMouseDown((e) => {
    const line = glyphLine(e.target)
    if (line === null || e.event.rightButton) return
    for (const l of gutterListeners) l(line, false, { x: e.event.posx, y: e.event.posy })
  })
  editor.onContextMenu((e) => {
    const line = glyphLine(e.target)
    if (line === null) return
    e.event.preventDefault()
    for (const l of gutterListeners) l(line, true, { x: e.event.posx, y: e.event.posy })
  })
  // Where a click in `line`'s gutter lands (page coordinates), the line scrolled into view first.
  const gutterPoint = (line: number): { x: number; y: number } | null => {
    editor.revealLineInCenterIfOutsideViewport(line)
    const pos = editor.getScrolledVisiblePosition({ lineNumber: line, column: 1 })
    const box = editor.getDomNode()?.getBoundingClientRect()
    if (!pos || !box) return null
    const layout = editor.getLayoutInfo()
    return { x: box.left + layout.glyphMarginLeft + layout.glyphMarginWidth / 2, y: box.top + pos.top + pos.height / 2 }
  }
  // The gutter's two actions without the mouse, on the cursor's line, as VS Code has them: F9 toggles a breakpoint,
  // and "Edit Breakpoint…" (F1's palette, or the editor's context menu) opens the widget a right-click opens.
  const onCursorLine = (menu: boolean) => (): void => {
    const line = editor.getPosition()?.lineNumber
    const at = line === undefined ? null : gutterPoint(line)
    if (line !== undefined && at) for (const l of gutterListeners) l(line, menu, at)
  }
  editor.addAction({ id: 'riffle.toggleBreakpoint', label: 'Toggle Breakpoint', keybindings: [monaco.KeyCode.F9], run: onCursorLine(false) })
  // Shift+F10 is the debugger's Step back (shortcuts.ts): Monaco's own binding of it opened the context menu over
  // the code as the step went back. The menu stays on a right-click and the context-menu key.
  monaco.editor.addKeybindingRule({ keybinding: monaco.KeyMod.Shift | monaco.KeyCode.F10, command: '-editor.action.showContextMenu' })
  editor.addAction({
    id: 'riffle.editBreakpoint', label: 'Edit Breakpoint… (condition, log message)', contextMenuGroupId: 'navigation', run: onCursorLine(true),
  })
  // VS Code's hint that a click sets a breakpoint: a faint dot in the gutter under the mouse.
  editor.onMouseMove((e) => {
    const line = glyphLine(e.target)
    const taken = line !== null && Object.values(debug.breakpointLines()).includes(line)
    hover.set(line === null || taken ? [] : [{ range: new monaco.Range(line, 1, line, 1), options: { glyphMarginClassName: 'riffle-bp-hover' } }])
  })
  editor.onMouseLeave(() => hover.clear())

  return {
    getValue: () => model?.getValue() ?? '',
    setValue: (text, p) => setModel(text, p),
    setPath: (p) => { if (model && model.uri.toString() !== modelUri(p).toString()) setModel(model.getValue(), p) },
    onChange: (l) => { listeners.push(l) },
    setEngineMarkers(markers) {
      if (!model) return
      monaco.editor.setModelMarkers(model, 'riffle', markers.map((m) => ({
        startLineNumber: m.line, endLineNumber: m.line,
        startColumn: m.column ?? 1, endColumn: model!.getLineMaxColumn(Math.min(m.line, model!.getLineCount())),
        message: m.message,
        severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      })))
    },
    setSyntaxMarkers(markers) {
      if (!model) return
      const n = model.getLineCount()
      monaco.editor.setModelMarkers(model, 'riffle-syntax', markers.filter((m) => m.line >= 1 && m.line <= n).map((m) => {
        const endLine = m.endLine && m.endLine >= m.line && m.endLine <= n ? m.endLine : m.line
        // Python's columns are code points, Monaco's UTF-16 units (an emoji before the error is two).
        const start = utf16Column(model!.getLineContent(m.line), Math.max(1, m.column ?? 1))
        const endAt = m.endColumn ? utf16Column(model!.getLineContent(endLine), m.endColumn) : 0
        // Python points at one character (or none, at the end of a line): at least one column wide, so it shows.
        const end = endAt && (endLine > m.line || endAt > start) ? endAt : start + 1
        return {
          startLineNumber: m.line, endLineNumber: endLine, startColumn: start, endColumn: end, message: m.message, source: 'Python',
          severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        }
      }))
    },
    setErrorLine(line, message) {
      errorDecorations.clear()
      if (line === null || !model) return
      errorDecorations = editor.createDecorationsCollection([{
        range: new monaco.Range(line, 1, line, 1),
        // The gutter mark is a cross (theme.css), not a dot, and says what it is on hover: a red dot there is a breakpoint.
        options: {
          isWholeLine: true, className: 'riffle-error-line', glyphMarginClassName: 'riffle-error-glyph',
          ...(message === undefined ? {} : { glyphMarginHoverMessage: { value: message } }),
        },
      }])
      editor.revealLineInCenter(line)
    },
    diagnostics: () => model
      ? monaco.editor.getModelMarkers({ resource: model.uri })
        .filter((m) => m.severity === monaco.MarkerSeverity.Error)
        .map((m) => ({ line: m.startLineNumber, message: m.message }))
      : [],
    language: () => model?.getLanguageId() ?? '',
    setFindingMarkers(markers) {
      if (!model) return
      const n = model.getLineCount()
      monaco.editor.setModelMarkers(model, 'riffle-findings', markers.filter((m) => m.line >= 1 && m.line <= n).map((m) => ({
        startLineNumber: m.line, endLineNumber: m.line,
        startColumn: Math.max(1, m.column ?? model!.getLineFirstNonWhitespaceColumn(m.line)), endColumn: model!.getLineMaxColumn(m.line),
        message: m.message, source: 'Riffle',
        severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : m.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
      })))
    },
    findingMarkers: () => model
      ? monaco.editor.getModelMarkers({ resource: model.uri, owner: 'riffle-findings' })
        .map((m) => ({ line: m.startLineNumber, message: m.message, severity: m.severity === monaco.MarkerSeverity.Warning ? 'warning' as const : 'hint' as const }))
      : [],
    setTrace: (marks) => debug.setTrace(marks),
    setLoopLine: (line, mark) => debug.setLoopLine(line, mark),
    goToLine(line) {
      if (!model || line < 1 || line > model.getLineCount()) return
      editor.setPosition({ lineNumber: line, column: model.getLineFirstNonWhitespaceColumn(line) || 1 })
      editor.revealLineInCenterIfOutsideViewport(line)
    },
    revealLine(line) {
      if (model && line >= 1 && line <= model.getLineCount()) editor.revealLineInCenterIfOutsideViewport(line)
    },
    setBreakpoints: (list) => debug.setBreakpoints(list),
    onGutterClick: (l) => { gutterListeners.push(l) },
    onBreakpointsMoved: (l) => { movedListeners.push(l) },
    classesAt: (line) => debug.classesAt(line),
    hintAt: (line) => debug.hintAt(line),
    cursorLine: () => editor.getPosition()?.lineNumber ?? null,
    glyphPoint(line) {
      editor.revealLineInCenter(line)
      return gutterPoint(line)
    },
    focus: () => editor.focus(),
    dispose: () => { editor.dispose(); model?.dispose() },
  }
}
