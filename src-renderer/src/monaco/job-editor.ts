// The only module that touches Monaco (unit tests mock it, toolchain P14). Creates the job editor with
// IntelliSense for `riffle` (the API's generated .d.ts files as extra libs under node_modules/riffle), Python
// highlighting and completion of the `pyflink` names Riffle provides for `.py` jobs (job-language.ts picks the
// language by extension), and shows compile and runtime errors from the engine as markers on the job's lines.
import './env'
import * as monaco from 'monaco-editor/editor/editor.api'
import './contributions'
import 'monaco-editor/languages/definitions/typescript/register'
import 'monaco-editor/languages/definitions/python/register'
import * as tsLang from 'monaco-editor/languages/features/typescript/register'
import riffleDts from 'virtual:riffle-dts'
import { jobLanguage, modelFileName } from './job-language'
import { pyflinkCompletions } from './pyflink-completions'
import type { PyflinkKind } from './pyflink-names'

export interface EngineMarker { line: number; column?: number; message: string; severity: 'error' | 'warning' }

export interface JobEditor {
  getValue(): string
  setValue(source: string, path: string): void
  onChange(listener: (source: string) => void): void
  /** Markers from the engine (compile error, runtime error); replaces earlier ones. */
  setEngineMarkers(markers: EngineMarker[]): void
  /** Marks the line where the job threw, and reveals it. */
  setErrorLine(line: number | null): void
  /** Error markers (TypeScript's and the engine's) currently on the model. */
  diagnostics(): { line: number; message: string }[]
  /** The model's language id ('typescript' or 'python'). */
  language(): string
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

/** Completion of the pyflink names (pyflink-names.ts) in Python models, with signatures and docs. */
function configurePython(): void {
  if (pythonConfigured) return
  pythonConfigured = true
  const K = monaco.languages.CompletionItemKind
  const kinds: Record<PyflinkKind, monaco.languages.CompletionItemKind> = {
    module: K.Module, class: K.Class, method: K.Method, function: K.Function, constant: K.Constant,
  }
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
        suggestions: pyflinkCompletions(lineBefore).map((n) => ({
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

  const setModel = (text: string, p: string): void => {
    const uri = modelUri(p)
    const old = model
    const language = jobLanguage(p)
    model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, language, uri)
    model.setValue(text)
    // Python's indentation is its syntax: four spaces, as PEP 8 and the article write it.
    model.updateOptions(language === 'python' ? { tabSize: 4, insertSpaces: true } : { tabSize: 2 })
    editor.setModel(model)
    if (old && old !== model) old.dispose()
    model.onDidChangeContent(() => { for (const l of listeners) l(model!.getValue()) })
  }
  setModel(source, path)

  return {
    getValue: () => model?.getValue() ?? '',
    setValue: (text, p) => setModel(text, p),
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
    setErrorLine(line) {
      errorDecorations.clear()
      if (line === null || !model) return
      errorDecorations = editor.createDecorationsCollection([{
        range: new monaco.Range(line, 1, line, 1),
        options: { isWholeLine: true, className: 'riffle-error-line', glyphMarginClassName: 'riffle-error-glyph' },
      }])
      editor.revealLineInCenter(line)
    },
    diagnostics: () => model
      ? monaco.editor.getModelMarkers({ resource: model.uri })
        .filter((m) => m.severity === monaco.MarkerSeverity.Error)
        .map((m) => ({ line: m.startLineNumber, message: m.message }))
      : [],
    language: () => model?.getLanguageId() ?? '',
    focus: () => editor.focus(),
    dispose: () => { editor.dispose(); model?.dispose() },
  }
}
