// A breakpoint's condition, log message or watch reads a MapState of no declared key type (MapStateDescriptor("m"),
// or Types.PICKLED_BYTE_ARRAY() keys) with its keys as the job's own calls give them: the debugger handed such a map
// over as an object named by each key's JSON text (debug-expression.ts stateObject), so an int key 9 and a str key
// "9", two entries for the job (m.put(9, ...), m.put("9", ...)), were one "9" there, and `9 in m` was False.
import { describe, expect, it } from 'vitest'
import type { WatchValue } from '../../../../src-main/common/debug-api'
import { openInline } from '../../helpers/run-inline'
import { PY, warmPythonOnce } from '../../helpers/typed-python-case'

warmPythonOnce()

const JOB = `from pyflink.common import Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import MapStateDescriptor

class F(KeyedProcessFunction):
    def open(self, rc):
        self.m = rc.get_map_state(MapStateDescriptor("m"))
        self.p = rc.get_map_state(MapStateDescriptor("p", Types.PICKLED_BYTE_ARRAY(), Types.DOUBLE()))
        self.s = rc.get_map_state(MapStateDescriptor("s", Types.STRING(), Types.LONG()))

    def process_element(self, e, ctx):
        self.m.put(9, "int")
        self.m.put("9", "str")
        self.p.put(("a", 1), 2.0)
        self.p.put(True, 1.0)
        self.s.put("n", 1)
        yield repr([list(self.m.items()), list(self.p.items())])

def job(events):
    return events.key_by(lambda e: e["user"]).process(F())
`

const shown = (w: WatchValue): unknown => w.text ?? w.error

describe('a MapState of no declared key type, in a breakpoint expression', () => {
  it('keeps an int key and a str key with the same text apart, a tuple key a tuple, as the job reads them', async () => {
    const s = await openInline(JOB, [{ user: 'a' }], PY)
    try {
      await s.setBreakpoints([{ id: 'c', kind: 'state', expression: '9 in m and "9" in m and ("a", 1) in p', log: 'repr([m, p, s])' }])
      await s.step({ kind: 'end' })
      expect((await s.logpointHits('c')).map((h) => h.value)).toEqual([
        "[{9: 'int', '9': 'str'}, {('a', 1): 2.0, True: 1.0}, {'n': 1}]",
      ])
      const op = (await s.operators()).find((o) => o.kind === 'process')!.id
      expect((await s.watch(op, '"a"', ['len(m)', 'm[9]', 'm["9"]', 'p[("a", 1)]', 'm.get(9)', 's.get("x")', '"n" in s'])).map(shown)).toEqual(['2', "'int'", "'str'", '2.0', "'int'", 'None', 'True'])
    } finally {
      await s.close()
    }
  }, 60_000)
})
