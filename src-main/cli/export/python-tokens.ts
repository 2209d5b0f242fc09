// A small Python tokenizer for `riffle export`'s static look at a job: names, operators, strings and numbers with
// their line and column, comments dropped, and each token's logical-line indentation. Python's own `ast` does not
// run in Node; this is enough to find definitions, imports and attribute chains without being fooled by the
// same words inside strings or comments (a "#" in a string, a "def" in a docstring, a line continued in brackets).

export type PyTokenKind = 'name' | 'op' | 'string' | 'number' | 'newline'

export interface PyToken {
  kind: PyTokenKind
  text: string
  /** 1-based line of the token's first character. */
  line: number
  /** 1-based column of the token's first character. */
  column: number
  /** Indentation (in columns) of the logical line the token belongs to: 0 at module level. */
  indent: number
}

const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?(?:'''|"""|'|")/
const NAME = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]*/u
const NUMBER = /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/
const OPERATORS = ['**=', '//=', '>>=', '<<=', '...', '->', ':=', '**', '//', '<<', '>>', '<=', '>=', '==', '!=',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=']

/** Tokens of `source`; an unterminated string runs to the end of the source rather than failing. */
export function tokenizePython(source: string): PyToken[] {
  const tokens: PyToken[] = []
  let i = 0
  let line = 1
  let lineStart = 0
  let depth = 0 // open brackets: newlines inside them do not end the logical line
  let atLineStart = true
  let indent = 0
  const push = (kind: PyTokenKind, text: string, at: number, atLine: number, atLineStart: number): void => {
    tokens.push({ kind, text, line: atLine, column: at - atLineStart + 1, indent })
  }
  while (i < source.length) {
    if (atLineStart) {
      // Measure the indentation; a blank or comment-only line does not start a logical line.
      let j = i
      let cols = 0
      while (j < source.length && (source[j] === ' ' || source[j] === '\t')) { cols += source[j] === '\t' ? 8 - (cols % 8) : 1; j++ }
      if (j < source.length && source[j] !== '\n' && source[j] !== '\r' && source[j] !== '#') { indent = cols; atLineStart = false }
      i = j
      if (i >= source.length) break
    }
    const c = source[i]
    if (c === '\n' || c === '\r') {
      if (depth === 0 && !atLineStart) { push('newline', '\n', i, line, lineStart); atLineStart = true }
      i += c === '\r' && source[i + 1] === '\n' ? 2 : 1
      line++
      lineStart = i
      if (depth === 0) atLineStart = true
      continue
    }
    if (c === ' ' || c === '\t' || c === '\f') { i++; continue }
    if (c === '#') { while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++; continue }
    if (c === '\\' && (source[i + 1] === '\n' || source[i + 1] === '\r')) {
      // An explicit line join: the logical line goes on.
      i += source[i + 1] === '\r' && source[i + 2] === '\n' ? 3 : 2
      line++
      lineStart = i
      continue
    }
    const rest = source.slice(i, i + 5)
    const str = STRING_PREFIX.exec(rest)
    if (str !== null) {
      const startLine = line
      const startCol = lineStart
      const quote = str[0].endsWith("'''") || str[0].endsWith('"""') ? str[0].slice(-3) : str[0].slice(-1)
      let j = i + str[0].length
      while (j < source.length) {
        // A backslash always takes the next character with it (a raw string cannot end in an odd one either).
        if (source[j] === '\\') { j += 2; continue }
        if (source.startsWith(quote, j)) { j += quote.length; break }
        if (quote.length === 1 && (source[j] === '\n' || source[j] === '\r')) break // unterminated: stop at the line end
        j++
      }
      const text = source.slice(i, j)
      push('string', text, i, startLine, startCol)
      for (let k = i; k < j; k++) {
        if (source[k] === '\n' || (source[k] === '\r' && source[k + 1] !== '\n')) { line++; lineStart = k + 1 }
      }
      i = j
      continue
    }
    const name = NAME.exec(source.slice(i, i + 200))
    if (name !== null) { push('name', name[0], i, line, lineStart); i += name[0].length; continue }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const num = NUMBER.exec(source.slice(i, i + 100))
      const text = num !== null && num[0].length > 0 ? num[0] : c
      push('number', text, i, line, lineStart)
      i += text.length
      continue
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i)) ?? c
    if (op === '(' || op === '[' || op === '{') depth++
    if ((op === ')' || op === ']' || op === '}') && depth > 0) depth--
    push('op', op, i, line, lineStart)
    i += op.length
  }
  if (!atLineStart) push('newline', '\n', i, line, lineStart)
  return tokens
}

/** The tokens split into logical lines (each without its closing newline token). */
export function logicalLines(tokens: PyToken[]): PyToken[][] {
  const out: PyToken[][] = []
  let cur: PyToken[] = []
  for (const t of tokens) {
    if (t.kind === 'newline') { if (cur.length > 0) out.push(cur); cur = [] } else cur.push(t)
  }
  if (cur.length > 0) out.push(cur)
  return out
}
