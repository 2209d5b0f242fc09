// What hovering a word of a Python job shows, as VS Code's Python debugger does: a pyflink name's signature and doc
// (pyflink-names.ts), and a state's value for the key the key detail shows at the current step, whether the word is
// the field holding its handle (`self.session_start`, as open() assigned it) or the state's own name. Pure, so it is
// unit-tested without Monaco; job-editor.ts registers it and EditorPane gives it the key's state.
import type { KeyStateView, StateView } from '@common/views'
import { PYFLINK_NAMES } from './pyflink-names'

/**
 * The key the key detail shows and the step it is read at (null: no session or no key selected). `evaluate`: asks the
 * session for a debugger expression's text at that key and step (a watch), null when it cannot answer now.
 */
export interface HoverKey {
  view: KeyStateView
  step: number
  evaluate?: (operatorId: string, keyStr: string, expression: string) => Promise<string | null>
}

/** The state `word` names in `source`: its own name, or the one whose handle open() assigns the field `word`. */
export function stateNamed(word: string, source: string, states: readonly StateView[]): StateView | undefined {
  const own = states.find((s) => s.name === word)
  if (own !== undefined) return own
  // self.word = ctx.get_state(ValueStateDescriptor("name", ...)), the descriptor maybe on the next line.
  const made = new RegExp(`self\\.${word}\\s*=\\s*[\\w.]+\\.get_\\w*state\\(\\s*\\w+\\(\\s*["']([^"']+)["']`).exec(source)
  return made === null ? undefined : states.find((s) => s.name === made[1])
}

/** A state's value as the job reads it, as JSON: a value state's value, a list's items, a map's entries. */
function valueOf(s: StateView): unknown {
  if (s.kind === 'list') return s.entries.map((e) => e.value)
  if (s.kind === 'map') return Object.fromEntries(s.entries.map((e) => [typeof e.entryKey === 'string' ? e.entryKey : JSON.stringify(e.entryKey), e.value]))
  return s.entries.length > 0 ? s.entries[0]!.value : null
}

const MAX = 300

const clip = (shown: string): string => (shown.length > MAX ? `${shown.slice(0, MAX)}…` : shown).replace(/`/g, "'")

// Names a debugger expression's context gives before the states' (debug-expression.ts): a state so named is not read
// by its name there.
const CONTEXT_NAMES = new Set(['event', 'key', 'step', 'watermark', 'input', 'output', 'timer', 'state', 'self'])

/**
 * What to ask the session (session.watch) for an AggregatingState's hover: the expression that reads what the job's
 * get() returns, the aggregate's get_result of the accumulator the key detail shows (only the job's code can make it,
 * under the watchdog): the state's name, or `self.<field>.get()` for a name that is no Python name. Null for another
 * word, kind of state, or an empty one.
 */
export function aggregateExpression(word: string, source: string, key: HoverKey | null): { operatorId: string; keyStr: string; expression: string } | null {
  const state = key === null ? undefined : stateNamed(word, source, key.view.states)
  if (key === null || state === undefined || state.kind !== 'aggregating' || state.entries.length === 0) return null
  const byName = /^[A-Za-z_]\w*$/.test(state.name) && !CONTEXT_NAMES.has(state.name)
  const expression = byName ? state.name : word !== state.name ? `self.${word}.get()` : null
  return expression === null ? null : { operatorId: state.operatorId, keyStr: key.view.keyStr, expression }
}

/**
 * The hover's Markdown paragraphs for `word`, or null for nothing to show. `result`: an AggregatingState's get() as the
 * session evaluated it (aggregateExpression), shown first, its accumulator (what the state stores) below it.
 */
export function pythonHover(word: string, source: string, key: HoverKey | null, result?: string): string[] | null {
  const state = key === null ? undefined : stateNamed(word, source, key.view.states)
  if (state !== undefined && key !== null) {
    // In Python's repr, as the job reads it (None, 3.0, {'a': 1}); the JSON kept where the view has no such text.
    const shown = state.entries.length === 0 ? '(empty)' : state.pythonText ?? JSON.stringify(valueOf(state))
    const title = `**${state.name}** · ${state.kind} · ${state.typeLabel}`
    const at = `key ${key.view.keyStr} at step ${key.step}`
    if (state.kind !== 'aggregating' || state.entries.length === 0) return [title, `\`${clip(shown)}\` — ${at}`]
    // The job's get() reads get_result(accumulator), not the accumulator: never show one as the other.
    if (result === undefined) return [title, `accumulator: \`${clip(shown)}\` — ${at}`]
    return [title, `\`${clip(result)}\` — \`get()\` for ${at}`, `accumulator: \`${clip(shown)}\``]
  }
  const named = PYFLINK_NAMES.filter((n) => n.name === word && n.kind !== 'module')
  const one = named.find((n) => n.kind === 'class') ?? (named.length === 1 ? named[0] : undefined)
  return one === undefined ? null : [`\`${one.signature}\``, one.doc]
}
