// Edit and compare: outputs aligned by (tag, key) and position; the output log a closed run keeps for it.
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
  it('aligns by key and tag, then position: extra outputs are added/removed, differing pairs changed', () => {
    const prev = [out(0, '"a"', 1), out(1, '"b"', 1), out(2, '"a"', 2), out(3, '"a"', 'x', 'side'), out(4, '"c"', 5)]
    const cur = [out(0, '"b"', 1), out(1, '"a"', 1), out(2, '"a"', 3), out(3, '"a"', 4), out(4, '"d"', 1), out(5, '"z"', 0, null, false)]
    const r = compareOutputs(prev, cur)
    // "a": 1 = 1 (timestamps differ: 0 vs 10 → changed), 2 vs 3 changed, 4 added; side "x" removed; "c" removed; "d" added; "b" same value, ts 10 vs 0.
    expect(r.changed.map((c) => [c.previous.seq, c.current.seq])).toEqual([[1, 0], [0, 1], [2, 2]])
    expect(r.added.map((o) => o.seq)).toEqual([3, 4])
    expect(r.removed.map((o) => o.seq)).toEqual([3, 4])
    expect(r.unchanged).toBe(0)
  })

  it('identical runs compare as all unchanged; non-job outputs are ignored', () => {
    const a = [out(0, '"a"', { n: 1 }), out(1, '"b"', [1, 2]), out(2, '"a"', 0, null, false)]
    expect(compareOutputs(a, a.slice(0, 2))).toEqual({ added: [], removed: [], changed: [], unchanged: 2 })
  })

  it('cuts each list to the limit and gives the full counts in totals', () => {
    const prev = Array.from({ length: 5 }, (_, i) => out(i, `"k${i}"`, i))
    const cur = Array.from({ length: 8 }, (_, i) => out(i, `"k${i}"`, i === 0 ? 'changed' : i))
    const r = compareOutputs(prev, cur, 2)
    expect(r.added.map((o) => o.seq)).toEqual([5, 6])
    expect(r.changed).toHaveLength(1)
    expect(r.unchanged).toBe(4)
    expect(r.totals).toEqual({ added: 3, removed: 0, changed: 1 })
    expect(compareOutputs(prev, cur).totals).toBeUndefined()
  })

  it('a run\'s output log round-trips through its file (values of any JSON shape, unicode, side outputs)', async () => {
    const log = [out(0, '"a"', { s: 'ünï\n"q"', n: [1, null, { x: true }] }), out(1, '"b"', 'x', 'side'), out(2, '["c",1]', null, null, false)]
    const file = join(mkdtempSync(join(tmpdir(), 'riffle-log-')), 'run.jsonl')
    expect(await writeOutputLog(file, log)).toBe(3)
    expect(await readOutputLog(file)).toEqual(log)
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
      expect(r.unchanged + r.changed.length + r.removed.length).toBe(jobOut(prev))
      expect(r.unchanged + r.changed.length + r.added.length).toBe(jobOut(cur))
      expect(r.added.length + r.changed.length).toBeGreaterThan(0)
      expect(await a.compareOutputs(prev)).toMatchObject({ added: [], removed: [], changed: [] })
    } finally {
      await a.close()
      await b.close()
    }
  })
})
