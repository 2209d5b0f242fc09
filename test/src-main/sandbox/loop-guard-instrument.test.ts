// The loop guard compiled into a TypeScript job: every kind of loop checks the watchdog's interrupt on every turn,
// and the job's lines, columns and behaviour are as without it (errors, breakpoints and traces name the same places).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { compileJob } from '../../../src-main/sandbox/compile-job'
import { loadJob } from '../../../src-main/sandbox/load-job'
import { LOOP_GUARD, setJobInterrupt, SIGINT } from '../../../src-main/sandbox/job-interrupt'
import { EngineAbort } from '../../../src-main/sandbox/gate'

const slot = new Int32Array(new SharedArrayBuffer(4))
afterEach(() => { Atomics.store(slot, 0, 0) })

function jobFile(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'riffle-loop-guard-'))
  const path = join(dir, 'job.ts')
  writeFileSync(path, source)
  return path
}

/** A job module whose default export runs `body` (a function of the interrupt slot's test hook) and returns what it returns. */
async function loaded(source: string): Promise<(...a: unknown[]) => unknown> {
  const path = jobFile(source)
  const job = loadJob(await compileJob(path))
  return job.main as (...a: unknown[]) => unknown
}

const LOOPS = {
  'while': 'let i = 0\n  while (true) { i++; if (i === 3) arm() }',
  'do-while': 'let i = 0\n  do { i++; if (i === 3) arm() } while (true)',
  'for': 'for (let i = 0; ; i++) { if (i === 3) arm() }',
  'for without braces': 'let i = 0\n  for (;;) if (++i === 3) arm()',
  'for-of': 'const xs = [1, 2, 3, 4, 5]\n  for (const x of xs) { if (x === 3) arm() }\n  for (;;) {}',
  'for-in': 'const o: Record<string, number> = { a: 1, b: 2, c: 3 }\n  for (const k in o) { if (k === "b") arm() }\n  for (;;) {}',
  'nested, caught in the inner loop': 'for (;;) { try { let i = 0; while (true) { if (++i === 3) arm() } } catch { /* swallowed */ } }',
}

describe('the loop guard of a TypeScript job', () => {
  for (const [kind, loop] of Object.entries(LOOPS)) {
    it(`stops a ${kind} loop with the watchdog's stop at the job's line once the interrupt is set`, async () => {
      setJobInterrupt(slot)
      const main = await loaded(`export default function run(arm: () => void) {\n  ${loop}\n}\n`)
      let err: unknown
      try { main(() => Atomics.store(slot, 0, SIGINT)) } catch (e) { err = e }
      expect(err).toBeInstanceOf(EngineAbort)
      expect(err).toMatchObject({ code: 'JOB_TIMEOUT', message: 'the watchdog interrupted the job (in run)' })
      const where = (err as EngineAbort).where!
      expect(where.file).toMatch(/job\.ts$/)
      expect([2, 3]).toContain(where.line)
    })
  }

  // The stop names the loop statement's own place (its `while`, `for`, `do`), not its body's `{`.
  const AT_LOOP: Array<[string, string]> = [
    ['while', '    while (true) { i++; if (i === 3) arm() }'],
    ['do-while', '    do { i++; if (i === 3) arm() } while (true)'],
    ['for', '    for (let j = 0; ; j++) { if (++i === 3) arm() }'],
    ['for without braces', '    for (;;) if (++i === 3) arm()'],
    ['for-of', '    for (const x of [1, 2, 3, 4]) { if (x === 3) arm() }'],
    ['inner of two on one line', '    for (;;) { while (true) { if (++i === 3) arm() } }'],
  ]
  for (const [kind, loop] of AT_LOOP) {
    it(`names the column of the ${kind} loop's statement`, async () => {
      setJobInterrupt(slot)
      const main = await loaded(`export default function run(arm: () => void) {\n  let i = 0\n${loop}\n}\n`)
      let err: unknown
      try { main(() => Atomics.store(slot, 0, SIGINT)) } catch (e) { err = e }
      expect(err).toBeInstanceOf(EngineAbort)
      const keyword = kind.startsWith('inner') ? 'while' : kind.split(/[- ]/)[0]
      expect((err as EngineAbort).where).toMatchObject({ line: 3, column: loop.indexOf(keyword) + 1 })
    })
  }

  it('lets every loop run to its end while no interrupt is set, with the same results', async () => {
    setJobInterrupt(slot)
    const main = await loaded([
      'export default function sums() {',
      '  let a = 0; for (let i = 0; i < 1000; i++) a += i',
      '  let b = 0; for (const x of [1, 2, 3]) { b += x }',
      '  let c = 0; while (c < 10) c++',
      '  let d = 0; do d += 2; while (d < 9)',
      '  let e = ""; for (const k in { p: 1, q: 2 }) e += k',
      '  return [a, b, c, d, e]',
      '}',
    ].join('\n'))
    expect(main()).toEqual([499500, 6, 10, 10, 'pq'])
  })

  it('keeps the line and column of an error in a loop body without braces (the guard goes on its line)', async () => {
    const line = '  for (let i = 0; ; i++) if (i === 2) throw new Error("here")'
    const job = loadJob(await compileJob(jobFile(`export default function f() {\n${line}\n}\n`)))
    let err: unknown
    try { (job.main as () => void)() } catch (e) { err = e }
    expect(job.mapper.locate(err)).toMatchObject({ line: 2, column: line.indexOf('new Error') + 1 })
  })

  it('puts the guard into the compiled code under a name no job uses', async () => {
    const compiled = await compileJob(jobFile('export default function f() { while (Math.random() > 2) {} }\n'))
    expect(compiled.code).toContain(`${LOOP_GUARD}()`)
  })
})
