// Crash safety with a real SIGKILL: a LevelDB state directory reopens consistent at the last completed
// flush (each batch is atomic), and a savepoint being written when the process dies leaves the previous
// savepoint readable.
import { spawn } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LevelDbStateBackend } from '../../../../../src-main/engine/state/leveldb/leveldb-backend'
import { readSavepoint, writeSavepoint } from '../../../../../src-main/engine/state/savepoint'
import { removeTempDirs, tempDir } from './tmp-dirs'

const root = join(import.meta.dirname, '../../../../..')
let script = ''

// The child: `state DIR` writes keys forever, printing the count after each completed flush;
// `savepoint DIR` writes an endless streamed savepoint.
const CHILD = `
import { LevelDbStateBackend } from './src-main/engine/state/leveldb/leveldb-backend'
import { writeSavepoint } from './src-main/engine/state/savepoint'
const [mode, dir] = process.argv.slice(2)
if (mode === 'hold') {
  await LevelDbStateBackend.open({ dir })
  process.stdout.write('holding\\n')
  setInterval(() => {}, 1000)
} else if (mode === 'state') {
  const b = await LevelDbStateBackend.open({ dir, cacheEntries: 2000, batchSize: 500 })
  const t = b.valueTable({ operatorId: 'op', stateName: 'v', kind: 'value', ttl: false })
  for (let i = 0; ; i++) {
    t.put(String(i), { i, pad: 'x'.repeat(50) })
    if (i % 7 === 0) t.delete(String(i - 3))
    if (i % 1000 === 999) { await b.flush(); process.stdout.write('flushed ' + (i + 1) + '\\n') }
  }
} else {
  async function* forever() { for (let i = 0; ; i++) { if (i % 10000 === 0) { process.stdout.write('writing\\n'); await new Promise((r) => setTimeout(r, 1)) } yield [String(i), i] } }
  await writeSavepoint(dir, { createdBy: 'child', engine: null, tables: [{ meta: { operatorId: 'op', stateName: 'v', kind: 'value', ttl: false }, entries: forever() }] })
}
`

beforeAll(async () => {
  script = join(root, '.riffle-build', 'test', `crash-child-${process.pid}.mjs`)
  await build({ stdin: { contents: CHILD, resolveDir: root, loader: 'ts' }, outfile: script, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'error' })
})
afterAll(() => { removeTempDirs(); rmSync(script, { force: true }) })

/** Runs the child until its stdout has shown `lines` lines matching `pattern`, then SIGKILLs it. */
function runAndKill(args: string[], pattern: RegExp, lines: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    const seen: string[] = []
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    child.stdout.on('data', (d: Buffer) => {
      for (const l of d.toString().split('\n')) if (pattern.test(l)) seen.push(l)
      if (seen.length >= lines) child.kill('SIGKILL')
    })
    child.on('exit', (code, signal) => signal === 'SIGKILL' ? resolve(seen) : reject(new Error(`child exited ${code}: ${stderr}`)))
  })
}

describe('crash safety', () => {
  it('reopens a LevelDB state directory killed mid-run consistent, with every flushed key', async () => {
    const dir = tempDir()
    const seen = await runAndKill(['state', dir], /^flushed \d+$/, 20)
    const flushed = Number(seen[seen.length - 1].split(' ')[1])
    const b = await LevelDbStateBackend.open({ dir })
    try {
      const t = b.valueTable({ operatorId: 'op', stateName: 'v', kind: 'value', ttl: false })
      const keys = [...t.keys()]
      expect(keys.length).toBe(t.size())
      for (let i = 0; i < flushed; i++) {
        const deleted = (i + 3) % 7 === 0 && i + 3 < flushed
        expect(t.get(String(i))).toEqual(deleted ? undefined : { i, pad: 'x'.repeat(50) })
      }
      // Chain order is insertion order: keys ascend numerically.
      expect(keys.map(Number)).toEqual([...keys.map(Number)].sort((x, y) => x - y))
    } finally {
      await b.close()
    }
  })

  it('refuses a directory another process holds, and reopens it once that process was killed', async () => {
    const dir = tempDir()
    const child = spawn(process.execPath, [script, 'hold', dir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise((r) => child.stdout.once('data', r))
    await expect(LevelDbStateBackend.open({ dir })).rejects.toMatchObject({ code: 'STATE_LOCKED', message: expect.stringContaining(dir) })
    const exited = new Promise((r) => child.on('exit', r))
    child.kill('SIGKILL')
    await exited
    const b = await LevelDbStateBackend.open({ dir })
    await b.close()
  })

  it('keeps the previous savepoint when the process writing a new one is killed', async () => {
    const dir = join(tempDir('riffle-sp-crash-'), 'sp')
    const before = { version: 1 as const, createdBy: 'before', engine: { step: 7 }, tables: [{ meta: { operatorId: 'op', stateName: 'v', kind: 'value' as const, ttl: false }, entries: [['"a"', 1]] as Array<[string, unknown]> }] }
    await writeSavepoint(dir, before)
    await runAndKill(['savepoint', dir], /^writing$/, 5)
    expect(await readSavepoint(dir)).toEqual(before)
    // The dead writer's temporary folder was cleaned up by that read.
    expect(readdirSync(join(dir, '..'))).toEqual(['sp'])
  })
})
