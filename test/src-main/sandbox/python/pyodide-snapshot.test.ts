// The Pyodide snapshot cache on disk: keyed by everything the memory holds, read back as written, bounded in
// count, and switched off by RIFFLE_PYODIDE_CACHE=off; a job started from a snapshot runs as after a full load.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { root } from '../../../examples/run-cli'
import { dropSnapshot, readSnapshot, snapshotDir, snapshotKey, writeSnapshot } from '../../../../src-main/sandbox/python/pyodide-snapshot'

const dirs: string[] = []
const fresh = (): string => { const d = mkdtempSync(join(tmpdir(), 'riffle-snap-test-')); dirs.push(d); return d }
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }) })

const files = [{ path: '/riffle/python/a.py', text: 'A = 1\n' }, { path: '/riffle/python/b.py', text: 'B = 2\n' }]

describe('snapshot key', () => {
  it('changes with the Pyodide version, the setup code and any Python source, not with the files\' order', () => {
    const k = snapshotKey('314.0.8', 'import a', files)
    expect(snapshotKey('314.0.8', 'import a', [...files].reverse())).toBe(k)
    expect(snapshotKey('314.0.9', 'import a', files)).not.toBe(k)
    expect(snapshotKey('314.0.8', 'import a, b', files)).not.toBe(k)
    expect(snapshotKey('314.0.8', 'import a', [files[0], { ...files[1], text: 'B = 3\n' }])).not.toBe(k)
  })
})

describe('snapshot cache', () => {
  it('reads back what was written, and nothing once dropped', () => {
    const dir = fresh()
    expect(readSnapshot(dir, 'k1')).toBeNull()
    writeSnapshot(dir, 'k1', new Uint8Array([1, 2, 3]))
    expect(Array.from(readSnapshot(dir, 'k1')!)).toEqual([1, 2, 3])
    dropSnapshot(dir, 'k1')
    expect(readSnapshot(dir, 'k1')).toBeNull()
  })

  it('keeps the three newest snapshots and no temporary files', () => {
    const dir = fresh()
    for (let i = 0; i < 5; i++) {
      writeSnapshot(dir, `k${i}`, new Uint8Array([i]))
      // Distinct modification times, oldest first, whatever the file system's clock resolution.
      utimesSync(join(dir, `k${i}.pyodide-snapshot`), 1000 + i, 1000 + i)
    }
    writeSnapshot(dir, 'k5', new Uint8Array([5]))
    expect(readdirSync(dir).sort()).toEqual(['k3.pyodide-snapshot', 'k4.pyodide-snapshot', 'k5.pyodide-snapshot'])
  })

  it('is off with RIFFLE_PYODIDE_CACHE=off, in the named folder with another value, else in the temporary folder', () => {
    const saved = process.env.RIFFLE_PYODIDE_CACHE
    try {
      process.env.RIFFLE_PYODIDE_CACHE = 'off'
      expect(snapshotDir()).toBeNull()
      expect(readSnapshot(snapshotDir(), 'k')).toBeNull()
      process.env.RIFFLE_PYODIDE_CACHE = '/some/where'
      expect(snapshotDir()).toBe('/some/where')
      delete process.env.RIFFLE_PYODIDE_CACHE
      expect(snapshotDir()).toBe(join(tmpdir(), 'riffle-pyodide'))
    } finally {
      if (saved === undefined) delete process.env.RIFFLE_PYODIDE_CACHE
      else process.env.RIFFLE_PYODIDE_CACHE = saved
    }
  })

  it('writes nothing when the folder cannot be made (a start only loses its speed)', () => {
    const dir = fresh()
    writeSnapshot(dir, 'k0', new Uint8Array([0]))
    expect(() => writeSnapshot(join(dir, 'k0.pyodide-snapshot'), 'x', new Uint8Array([1]))).not.toThrow()
    expect(readSnapshot(join(dir, 'k0.pyodide-snapshot'), 'x')).toBeNull()
  })
})

describe('a Python job started from a cached snapshot', () => {
  it('gives the output of a full load, and its print() and error lines still work', () => {
    const cache = fresh()
    const dir = fresh()
    const job = join(dir, 'job.py')
    writeFileSync(job, [
      'from pyflink.datastream.functions import KeyedProcessFunction',
      'class P(KeyedProcessFunction):',
      '    def process_element(self, e, ctx):',
      '        print("seen", e["user_id"])',
      '        if e.get("page") == "/boom":',
      '            raise ValueError("boom")',
      '        yield e["user_id"]',
      'def job(events):',
      '    return events.key_by(lambda e: e["user_id"]).process(P())',
      '',
    ].join('\n'))
    const env = { ...process.env, RIFFLE_PYODIDE_CACHE: cache }
    const run = (recording: string) => spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', job, recording, '--out', '-'], { cwd: root, encoding: 'utf8', env })
    const first = run(join(root, 'recordings/clicks-small.jsonl'))
    expect(first.status, first.stderr).toBe(0)
    expect(readdirSync(cache).filter((n) => n.endsWith('.pyodide-snapshot'))).toHaveLength(1)
    const second = run(join(root, 'recordings/clicks-small.jsonl'))
    expect(second.status, second.stderr).toBe(0)
    expect(second.stdout).toBe(first.stdout)
    expect(second.stderr).toMatch(/^seen /m)
    const bad = join(dir, 'bad.jsonl')
    writeFileSync(bad, '{"ts": 1, "user_id": "u1", "page": "/boom"}\n')
    const failed = run(bad)
    expect(failed.status).not.toBe(0)
    expect(failed.stderr).toContain(`${job}:6`)
    expect(failed.stderr).toMatch(/ValueError: boom/)
  }, 300_000)
})
