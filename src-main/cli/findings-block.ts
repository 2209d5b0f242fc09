// The `findings:` block the command line prints after the summary (API.md "Findings"): one line per
// finding, warnings first, with the job file's line, a count and the first step and key.
import type { FindingView } from '../common/trace-api'
import { shownPath } from '../common/shown-path'

export function findingsBlock(findings: readonly FindingView[], cwd = process.cwd()): string {
  if (findings.length === 0) return 'findings: none'
  const lines = ['findings:']
  for (const f of findings) lines.push(`  ${findingLine(f, cwd)}`)
  return lines.join('\n')
}

/** `warning  examples/sessionizer-seed.ts:35  message  (50,000 times; first at step 1, key "u00758")` */
export function findingLine(f: FindingView, cwd = process.cwd()): string {
  const times = `${f.count.toLocaleString('en-US')} ${f.count === 1 ? 'time' : 'times'}`
  const key = f.firstKey === null ? '' : `, key ${f.firstKey}`
  // A growing state's count is the keys holding it, which its message says already.
  const where = f.kind === 'stateGrowsForever' ? `first at step ${f.firstStep}` : `${times}; first at step ${f.firstStep}${key}`
  return `${f.severity.padEnd(7)}  ${shownPath(f.file, cwd)}:${f.line}  ${f.message}  (${where})`
}
