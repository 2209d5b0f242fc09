// Time travel copies a Python job's fields at each snapshot, outside any step. A dict's keys and a set's members are
// hashed again as the copy is built (and compared on a collision), so a key whose class (the job's own) defines
// __hash__ or __eq__ would run the job's code there, outside the watchdog's gate and with no record at work. Such a
// dict or set is left as the run last had it and named once in the session's notices, as a lock is (also where the key
// is a frozen dataclass whose generated __hash__ hashes such an object: python-job-fields-generated-methods.test.ts).
import { describe, expect, it } from 'vitest'
import { eventTimeKeyedBy, warmPython } from './python-job-fixture'
import { COUNTED_POINT, expectNamedOnce, expectStepBackAsStraight } from './python-job-fields-case'

warmPython()

const SRC = `import dataclasses
from pyflink.common import Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction

${COUNTED_POINT}
    def __eq__(self, other):
        HASHES[0] += 1
        return isinstance(other, Point) and other.x == self.x

@dataclasses.dataclass(frozen=True)
class Cell:
    row: object

class Count(KeyedProcessFunction):
    def __init__(self):
        self.seen = 0
        self.by_point = {Point(1): "one"}
        self.points = {Point(2)}
        self.frozen = frozenset([Point(3)])
        self.by_pair = {(Point(4), "x"): 1}
        self.deep = {"cells": {Cell(Point(5)): 0}}
        self.shared = self.deep
        self.plain = {"n": 0}
        self.born = HASHES[0]

    def process_element(self, e, ctx):
        self.seen += 1
        self.plain["n"] += 1
        yield [e["k"], self.seen, self.plain["n"], HASHES[0] - self.born]

${eventTimeKeyedBy('k', '.process(Count())')}`

describe("a Python job's dict or set whose keys' class defines __hash__ or __eq__", () => {
  it('is not copied by time travel: no __hash__ runs, the outputs are a straight run\'s, each field is named once', async () => {
    await expectStepBackAsStraight(SRC, [['a', 1, 1, 0], ['a', 2, 2, 0], ['b', 3, 3, 0], ['a', 4, 4, 0], ['b', 5, 5, 0]], async (s, notices) => {
      expectNamedOnce(notices, ['self.by_point', 'self.points', 'self.frozen', 'self.by_pair', 'self.deep', 'self.shared']
        .map((field): [string, string] => [field, 'Point.__hash__']))
      // A plain field is still kept: a step back shows what the straight run had there.
      await s.seek(3)
      const op = (await s.operators()).find((o) => o.keyed)!.id
      expect(await s.watch(op, '"b"', ['self.plain["n"]'])).toEqual([{ expression: 'self.plain["n"]', text: '3' }])
    })
  }, 300_000)
})
