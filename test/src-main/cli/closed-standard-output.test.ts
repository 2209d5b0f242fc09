// A reader of standard output that goes away early (`riffle trace ... | head`, `riffle test ... | head`): the command
// printed Node's "Unhandled 'error' event" and a stack trace of its own code (write EPIPE). `riffle run --out - | head`
// ends with one line and exit 3 (docs/command-line.md); trace now ends the same way, test keeps its verdict's status.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildRiffleOnce, ROOT } from '../helpers/riffle-cli'
import { tempDir } from '../helpers/run-inline'

buildRiffleOnce()

/** `riffle ARGS... | head -1` in bash: riffle's exit status, and what it said on standard error. */
function intoHead(...args: string[]): { status: number; stderr: string; head: string } {
  const quoted = [process.execPath, join(ROOT, 'bin/riffle.mjs'), ...args].map((a) => `'${a}'`).join(' ')
  const errFile = join(tempDir(), 'stderr.txt')
  const r = spawnSync('bash', ['-c', `${quoted} 2>'${errFile}' | head -1; echo "status $\{PIPESTATUS[0]}"; cat '${errFile}' >&2`], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
  const lines = r.stdout.split('\n')
  return { status: Number(lines.find((l) => l.startsWith('status '))!.slice(7)), stderr: r.stderr, head: lines[0] }
}

const running = join(ROOT, 'examples/running-count.ts')

describe('standard output closed by its reader', () => {
  it('riffle trace: one line saying so, exit 3, no stack trace', () => {
    const r = intoHead('trace', running, join(ROOT, 'recordings/clicks-small.jsonl'), '--step', '1', '--to', '40')
    expect(r.head).toMatch(/^step 1 {2}record/)
    expect(r.stderr).not.toContain('Unhandled')
    expect(r.stderr).not.toMatch(/^\s+at /m)
    expect(r.stderr).toMatch(/^riffle: OUTPUT_WRITE_FAILED: the reader of standard output closed the pipe \(EPIPE\) after \d+ output lines?; /m)
    expect(r.status).toBe(3)
  })

  it('riffle test: its long diff cut short, the verdict\'s exit 1 stands, no stack trace', () => {
    const golden = join(tempDir(), 'golden.jsonl')
    // A golden file of other values on every line: a diff of thousands of lines.
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ value: [`nobody-${i}`, 1], timestamp: null }))
    writeFileSync(golden, `${lines.join('\n')}\n`)
    const r = intoHead('test', running, join(ROOT, 'recordings/clicks.jsonl'), '--expect', golden, '--max-diffs', '100000')
    expect(r.head).toContain('riffle test: FAILED')
    expect(r.stderr).not.toContain('Unhandled')
    expect(r.stderr).not.toMatch(/^\s+at /m)
    expect(r.status).toBe(1)
  })
})
