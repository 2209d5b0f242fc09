// A Python job saved with a UTF-8 byte order mark (as Windows Notepad and some editors save it, often with CRLF
// line ends too): CPython runs such a file, but Riffle handed the mark to compile() and refused the job, exit 2,
// "SyntaxError: invalid non-printable character U+FEFF" at line 1. It now runs as the same file without the mark.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const REC = join(ROOT, 'recordings/clicks-small.jsonl')

describe('a Python job that starts with a byte order mark', () => {
  it('runs, with the output of the same job without it', () => {
    const job = join(tempDir(), 'running-count.py')
    const source = readFileSync(join(ROOT, 'examples/running-count.py'), 'utf8')
    writeFileSync(job, '\uFEFF' + source.replace(/\n/g, '\r\n'))
    const r = riffle('run', job, REC, '--out', '-')
    expect(r.code, r.stderr).toBe(0)
    const plain = riffle('run', join(ROOT, 'examples/running-count.py'), REC, '--out', '-')
    expect(r.stdout).toBe(plain.stdout)
    expect(r.stdout.split('\n')).toHaveLength(41)
  })
})
