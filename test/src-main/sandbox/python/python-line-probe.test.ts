// Which lines of a Python job run (sys.monitoring, python/_riffle_lines.py) in real Pyodide, through a debug
// session: a breakpoint on a plain line stops at the steps that run it, with conditions and logpoints; a step's
// trace lists every line it ran; a line without code is unverified; and the hook is off again afterwards.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { openInline } from '../../helpers/run-inline'

const PY = { jobName: 'job.py' }

// Pyodide's cold start (seconds; far more on a loaded machine) is paid here once, not by the first test.
beforeAll(async () => { await pythonRuntime() }, 300_000)

const job = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

class Count(KeyedProcessFunction):
    def open(self, rc):
        self.n = rc.get_state(ValueStateDescriptor("n", Types.LONG()))
    def process_element(self, value, ctx):
        self.n.update((self.n.value() or 0) + 1)
        big = value["v"] > 3  # PLAIN
        if big:
            return  # RETURN

        # COMMENT
        yield value

def job(events):
    return events.key_by(lambda e: e["k"]).process(Count())
`
const line = (marker: string): number => job.split('\n').findIndex((l) => l.includes(marker)) + 1
const records = [{ k: 'a', v: 1 }, { k: 'b', v: 5 }, { k: 'a', v: 7 }, { k: 'b', v: 2 }, { k: 'a', v: 9 }]

describe('the lines a Python job runs', () => {
  it('a breakpoint on a plain line stops at each step that runs it; a Python condition and a logpoint work there', async () => {
    const s = await openInline(job, records, PY)
    try {
      expect(await s.setBreakpoints([{ id: 'ret', kind: 'line', line: line('# RETURN') }])).toEqual([{ id: 'ret', ok: true }])
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ id: 'ret', kind: 'line', step: 2, keyStr: '"b"' })
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ step: 3, keyStr: '"a"' })
      await s.seek(0)
      await s.setBreakpoints([
        { id: 'c', kind: 'line', line: line('# RETURN'), condition: 'key == "a" and n == 3' },
        { id: 'lp', kind: 'line', line: line('# PLAIN'), log: 'f"{key}:{n}"' },
      ])
      expect((await s.step({ kind: 'continue' })).breakpointHit).toMatchObject({ id: 'c', step: 5, keyStr: '"a"' })
      expect((await s.logpointHits('lp')).map((h) => [h.step, h.value])).toEqual([[1, 'a:1'], [2, 'b:1'], [3, 'a:2'], [4, 'b:2'], [5, 'a:3']])
    } finally {
      await s.close()
    }
  })

  it("a step's trace lists every line it ran, the key selector's lambda and plain lines too", async () => {
    const s = await openInline(job, records, PY)
    try {
      await s.step({ kind: 'end' })
      expect((await s.trace(1)).lines).toEqual([line('key_by'), line('self.n.update'), line('# PLAIN'), line('if big'), line('yield value')])
      expect((await s.trace(2)).lines).toEqual([line('key_by'), line('self.n.update'), line('# PLAIN'), line('if big'), line('# RETURN')])
    } finally {
      await s.close()
    }
  })

  it('a breakpoint on a blank or comment line is unverified and never stops; removing the breakpoints stops the hook', async () => {
    const s = await openInline(job, records, PY)
    try {
      const st = await s.setBreakpoints([{ id: 'blank', kind: 'line', line: line('# RETURN') + 1 }, { id: 'comment', kind: 'line', line: line('# COMMENT') }])
      for (const x of st) expect(x).toMatchObject({ ok: true, unverified: expect.stringMatching(/no code runs on line \d+/) })
      expect((await s.step({ kind: 'continue' })).breakpointHit).toBeUndefined()
      await s.setBreakpoints([])
      const { pythonRuntime: rt } = await import('../../../../src-main/sandbox/python/pyodide-runtime')
      const py = await rt()
      // sys.monitoring's events for Riffle's tool are off: an ordinary run pays nothing for lines.
      expect(py.runPython('import sys; sys.monitoring.get_events(4)')).toBe(0)
    } finally {
      await s.close()
    }
  })
})
