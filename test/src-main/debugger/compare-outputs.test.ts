// Edit and compare: outputs paired by (key, tag, timestamp, then value, fields and order): a shifted row is
// moved or unchanged, not changed; a changed one lists its field differences; the output log a closed run keeps.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { OutputView } from '../../../src-main/common/views'
import { compareOutputs } from '../../../src-main/debugger/compare-outputs'
import { readOutputLog, writeOutputLog } from '../../../src-main/debugger/output-log-file'
import { JOB, makeCase } from './time-travel-job'

const out = (seq: number, keyStr: string, value: unknown, tag: string | null = null, isJobOutput = true): OutputView => ({
  seq, step: seq + 1, operatorId: 'op', operatorName: 'process', tag, value, timestamp: 10 * seq, key: JSON.parse(keyStr), keyStr, isJobOutput,
})

describe('compareOutputs', () => {
  it('pairs by key and tag, then timestamp: an output shifted by an added one is unchanged, not changed', () => {
    const at = (seq: number, keyStr: string, value: unknown, ts: number): OutputView => ({ ...out(seq, keyStr, value), timestamp: ts })
    const prev = [at(0, '"a"', { n: 1 }, 100), at(1, '"a"', { n: 2 }, 200), at(2, '"b"', { n: 1 }, 100)]
    // The new run emits an extra "a" output first: positional pairing called every later "a" changed.
    const cur = [at(0, '"a"', { n: 0 }, 50), at(1, '"a"', { n: 1 }, 100), at(2, '"a"', { n: 2 }, 200), at(3, '"b"', { n: 1 }, 100)]
    const r = compareOutputs(prev, cur)
    expect(r.changed).toEqual([])
    expect(r.moved).toEqual([])
    expect(r.added.map((o) => o.seq)).toEqual([0])
    expect(r.unchanged).toBe(3)
  })

  it('calls equal outputs that changed place "moved", and lists a changed output\'s field differences', () => {
    const at = (seq: number, keyStr: string, value: unknown, ts: number): OutputView => ({ ...out(seq, keyStr, value), timestamp: ts })
    const prev = [at(0, '"a"', { n: 1 }, 100), at(1, '"b"', { n: 1 }, 100), at(2, '"c"', { start: 1, end: 5, count: 2 }, 900)]
    const cur = [at(0, '"b"', { n: 1 }, 100), at(1, '"a"', { n: 1 }, 100), at(2, '"c"', { start: 1, end: 8, count: 3 }, 1200)]
    const r = compareOutputs(prev, cur)
    expect(r.moved).toHaveLength(1)
    expect(r.unchanged).toBe(1)
    expect(r.changed).toHaveLength(1)
    expect(r.changed[0].fields).toEqual([
      { path: 'timestamp', previous: 900, current: 1200 },
      { path: 'count', previous: 2, current: 3 },
      { path: 'end', previous: 5, current: 8 },
    ])
    expect([r.added, r.removed]).toEqual([[], []])
  })

  it('identical runs compare as all unchanged; non-job outputs are ignored', () => {
    const a = [out(0, '"a"', { n: 1 }), out(1, '"b"', [1, 2]), out(2, '"a"', 0, null, false)]
    expect(compareOutputs(a, a.slice(0, 2))).toEqual({ added: [], removed: [], changed: [], moved: [], unchanged: 2 })
  })

  it('cuts each list to the limit and gives the full counts in totals', () => {
    const prev = Array.from({ length: 5 }, (_, i) => out(i, `"k${i}"`, i))
    const cur = Array.from({ length: 8 }, (_, i) => out(i, `"k${i}"`, i === 0 ? 'changed' : i))
    const r = compareOutputs(prev, cur, 2)
    expect(r.added.map((o) => o.seq)).toEqual([5, 6])
    expect(r.changed).toHaveLength(1)
    expect(r.unchanged).toBe(4)
    expect(r.totals).toEqual({ added: 3, removed: 0, changed: 1, moved: 0 })
    expect(compareOutputs(prev, cur).totals).toBeUndefined()
  })

  it('a run\'s output log round-trips through its file (values of any JSON shape, unicode, side outputs)', async () => {
    const log = [out(0, '"a"', { s: 'ünï\n"q"', n: [1, null, { x: true }] }), out(1, '"b"', 'x', 'side'), out(2, '["c",1]', null, null, false)]
    const file = join(mkdtempSync(join(tmpdir(), 'riffle-log-')), 'run.jsonl')
    expect(await writeOutputLog(file, log)).toBe(3)
    expect(await readOutputLog(file)).toEqual(log)
  })

  // After a seek back this run stood at step 60 and the previous run's log went to its end: its outputs after step 60
  // were listed as "removed" though this run had only not got there yet. Both runs' outputs up to the same step are
  // paired, and the comparison says how many of the previous run's later ones it left out.
  it('a session seeked back compares the previous run\'s outputs up to the step it stands at, and counts the later ones', async () => {
    const c = makeCase(200)
    const a = await c.open()
    const b = await c.open()
    try {
      await a.step({ kind: 'end' })
      const file = join(mkdtempSync(join(tmpdir(), 'riffle-log-')), 'run.jsonl')
      await a.saveOutputs(file)
      const all = (await a.outputs(0, 1e9)).items.filter((o) => o.isJobOutput)
      await b.step({ kind: 'end' })
      const at = all[Math.floor(all.length / 2)]!.step
      await b.seek(at)
      const r = await b.compareOutputsWithFile(file)
      expect(r.removed).toEqual([])
      expect([r.added, r.changed, r.moved]).toEqual([[], [], []])
      expect(r.unchanged).toBe(all.filter((o) => o.step <= at).length)
      expect(r.throughStep).toBe(at)
      expect(r.previousLater).toBe(all.filter((o) => o.step > at).length)
      expect(r.previousLater).toBeGreaterThan(0)
      // At the end, nothing is left out.
      await b.step({ kind: 'end' })
      const end = await b.compareOutputsWithFile(file)
      expect(end).toMatchObject({ removed: [], unchanged: all.length })
      expect(end.previousLater ?? 0).toBe(0)
    } finally {
      await a.close()
      await b.close()
    }
  })

  // Step numbers count timer firings, which an edit changes: the fixed job's run ended at another step than the
  // previous one, and a cut at this run's last step left out (or counted as removed) outputs of a run that had ended.
  it('two finished runs of different jobs compare whole, whatever step each ended at', async () => {
    const a = await makeCase(200).open()
    const b = await makeCase(200, JOB.replace(/\+ 1000/g, '+ 700')).open()
    try {
      const endA = (await a.step({ kind: 'end' })).status.step
      const endB = (await b.step({ kind: 'end' })).status.step
      expect(endB).not.toBe(endA)
      const file = join(mkdtempSync(join(tmpdir(), 'riffle-log-')), 'run.jsonl')
      await a.saveOutputs(file)
      const jobOut = async (s: typeof a): Promise<number> => (await s.outputs(0, 1e9)).items.filter((o) => o.isJobOutput).length
      const r = await b.compareOutputsWithFile(file)
      expect(r.unchanged + r.moved.length + r.changed.length + r.removed.length).toBe(await jobOut(a))
      expect(r.unchanged + r.moved.length + r.changed.length + r.added.length).toBe(await jobOut(b))
      expect(r.throughStep).toBeUndefined()
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('after an edit, a session compares its outputs with the previous run (the sessionizer gap changed)', async () => {
    const c1 = makeCase(200)
    const c2 = makeCase(200, JOB.replace(/\+ 1000/g, '+ 700'))
    const a = await c1.open()
    const b = await c2.open()
    try {
      await a.step({ kind: 'end' })
      await b.step({ kind: 'end' })
      const prev = (await a.outputs(0, 1e9)).items
      const r = await b.compareOutputs(prev)
      const jobOut = (l: OutputView[]): number => l.filter((o) => o.isJobOutput).length
      const cur = (await b.outputs(0, 1e9)).items
      // Every output is accounted for once on each side.
      expect(r.unchanged + r.moved.length + r.changed.length + r.removed.length).toBe(jobOut(prev))
      expect(r.unchanged + r.moved.length + r.changed.length + r.added.length).toBe(jobOut(cur))
      expect(r.added.length + r.changed.length).toBeGreaterThan(0)
      expect(await a.compareOutputs(prev)).toMatchObject({ added: [], removed: [], changed: [], moved: [] })
    } finally {
      await a.close()
      await b.close()
    }
  })
})
