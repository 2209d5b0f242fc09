// Time travel refuses to copy an object whose class (the job's) defines how it is copied, hashed or looked up, as that
// would run the job's code between steps. A frozen dataclass (whose __setattr__, __eq__ and __hash__ the dataclasses
// module writes) and a namedtuple (whose __new__ and __getnewargs__ collections writes) were refused too, though none
// of that code is the job's: a field holding one was left as the run last had it and named in the notices, so a step
// back showed the field's later value. Such an object is copied; one whose fields hold an object of a class of the
// job's that defines __hash__ is still refused as a dict key, since its generated __hash__ hashes those fields.
import { describe, expect, it } from 'vitest'
import { eventTimeKeyedBy, warmPython } from './python-job-fixture'
import { COUNTED_POINT, EVENTS, expectNamedOnce, expectStepBackAsStraight } from './python-job-fields-case'

warmPython()

const SRC = `import collections
import dataclasses
from pyflink.common import Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction

${COUNTED_POINT}
@dataclasses.dataclass(frozen=True)
class Cell:
    row: int

P = collections.namedtuple("P", "x y")

@dataclasses.dataclass(frozen=True)
class Holder:
    point: Point

class Count(KeyedProcessFunction):
    def __init__(self):
        self.cell = Cell(0)
        self.p = P(0, 0)
        self.by_cell = {Cell(0): 0}
        self.by_holder = {Holder(Point(1)): 0}
        self.born = HASHES[0]

    def process_element(self, e, ctx):
        n = self.cell.row + 1
        self.cell = Cell(n)
        self.p = P(n, self.p.y + 1)
        self.by_cell = {Cell(n): n}
        yield [e["k"], n, list(self.p), self.by_cell[Cell(n)], HASHES[0] - self.born]

${eventTimeKeyedBy('k', '.process(Count())')}`

describe("a Python job's frozen dataclass and namedtuple fields under time travel", () => {
  it('are copied: a step back and a re-run give the straight run; only the dict keyed by a job-hashed object is named', async () => {
    await expectStepBackAsStraight(SRC, [1, 2, 3, 4, 5].map((n, i) => [EVENTS[i].k, n, [n, n], n, 0]), async (_s, notices) => {
      expect(notices.filter((m) => /self\.(cell|p|by_cell) of Count/.test(m)), JSON.stringify(notices)).toEqual([])
      expectNamedOnce(notices, [['self.by_holder', 'Point.__hash__']])
    })
  }, 300_000)
})
