// The one table `npm run bench` ends with: every goal, its figure and whether it was met, each ratio
// measured within this run. Bench sections return rows; a bench that runs as a child process prints them
// as JSON lines ({"goal": …, "figure": …, "target": …, "met": …}) and its section collects them with
// rowsFromOutput.

/**
 * One goal's line of the table.
 * @typedef {object} GoalRow
 * @property {string} goal      what is measured, e.g. "riffle run / hand loop, whole process (heap)"
 * @property {string} figure    the measured figure as printed, e.g. "0.41 (4.10 s / 10.00 s)"
 * @property {string} target    the goal as printed, e.g. "≥ 0.60 (stretch 0.75)"
 * @property {boolean|null} met null when the figure could not be measured (see note)
 * @property {string} [note]    for a goal not met: where the time goes (the profile's explanation)
 */

/** Rows printed by a child process, one JSON object per line among its other output. */
export function rowsFromOutput(stdout) {
  const rows = []
  for (const line of String(stdout).split('\n')) {
    const t = line.trim()
    if (!t.startsWith('{') || !t.includes('"goal"')) continue
    let v
    try { v = JSON.parse(t) } catch { continue }
    if (isRow(v)) rows.push(v)
  }
  return rows
}

export function isRow(v) {
  return v !== null && typeof v === 'object' && typeof v.goal === 'string' && typeof v.figure === 'string' &&
    typeof v.target === 'string' && (typeof v.met === 'boolean' || v.met === null)
}

/** Median of numbers (the mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2
}

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** The goal table as Markdown, then the notes of goals not met. */
export function formatGoalTable(rows, { commit } = {}) {
  const lines = []
  lines.push(`\n## Goals${commit ? ` (commit ${commit})` : ''}\n`)
  lines.push('| goal | figure | target | met |')
  lines.push('|---|---:|---:|:---:|')
  for (const r of rows) lines.push(`| ${cell(r.goal)} | ${cell(r.figure)} | ${cell(r.target)} | ${r.met === null ? 'not measured' : r.met ? 'yes' : '**no**'} |`)
  const missed = rows.filter((r) => r.met !== true)
  if (missed.length > 0) {
    lines.push('\nNot met, and where the time goes:\n')
    for (const r of missed) lines.push(`- ${r.goal}: ${r.note ?? '(no explanation given)'}`)
  }
  return lines.join('\n')
}
