// What a Python job writes through sys.stdout / sys.stderr beyond print() (python/_riffle_streams.py _JobStream): bytes
// to .buffer are the same job output as print's text, decoded as UTF-8; the stream answers what libraries ask
// of it (closed, isatty, name, reconfigure, an io.TextIOBase); and fileno(), which a job's stream cannot give,
// raises io.UnsupportedOperation that says why, at the job's line.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildCliBeforeAll, riffle, tempDir } from '../../cli/backend-cli-harness'

buildCliBeforeAll()

/** A job whose process_element runs BODY (line 6) for each of two records, and the run's result. */
async function runBody(body: string): Promise<{ code: number | null; stderr: string }> {
  const dir = tempDir()
  const job = join(dir, 'job.py')
  writeFileSync(job, `import io, sys
from pyflink.datastream.functions import KeyedProcessFunction

class F(KeyedProcessFunction):
    def process_element(self, value, ctx):
        ${body}
        return []

def job(events):
    return events.key_by(lambda e: e["k"]).process(F())
`)
  const rec = join(dir, 'rec.jsonl')
  writeFileSync(rec, '{"k":"a"}\n{"k":"b"}\n')
  return riffle([job, rec])
}

describe("a Python job's sys.stdout and sys.stderr", () => {
  it('sys.stdout.buffer.write(bytes) goes to the job output as print does, a character split between writes whole', async () => {
    const r = await runBody('sys.stdout.buffer.write(b"bytes for " + value["k"].encode() + b" \\xc3"); sys.stdout.buffer.write(b"\\xa9\\n"); sys.stdout.buffer.flush(); print("then print")')
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('bytes for a é\nthen print\nbytes for b é\nthen print\n')
  })

  it('sys.stderr.buffer, flush, and what libraries ask of a stream answer as for a stream without a file', async () => {
    const r = await runBody('sys.stderr.flush(); sys.stderr.buffer.write(b"err bytes\\n"); sys.stdout.reconfigure(line_buffering=True); ' +
      'print(isinstance(sys.stdout, io.TextIOBase), sys.stdout.closed, sys.stdout.isatty(), sys.stdout.name, sys.stdout.writable())')
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('err bytes\nTrue False False <stdout> True\n')
  })

  it('fileno() raises io.UnsupportedOperation at the job\'s line, saying why', async () => {
    const r = await runBody('import os; os.write(sys.stdout.fileno(), b"hi")')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^riffle: JOB_THREW: process_element threw UnsupportedOperation: fileno\(\): a Riffle job's sys\.stdout is not a file: what it writes goes to the job's output .* at \S*job\.py:6:/)
  })

  it('a text write of bytes is refused as CPython refuses it', async () => {
    const r = await runBody('sys.stdout.write(b"x")')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/process_element threw TypeError: write\(\) argument must be str, not bytes at \S*job\.py:6:/)
  })
})
