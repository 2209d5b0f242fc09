// Time travel copies a Python job's fields at each snapshot, outside any step: an object whose class defines how it is
// copied (__deepcopy__, __reduce_ex__, __getstate__...) or looked up (__getattr__) would run the job's code there,
// outside the watchdog's gate and with no record at work, where it could change the job or never return. Such an
// object is not copied: it is left as the run last had it and named once in the session's notices, as a lock is.
import { describe, expect, it } from 'vitest'
import { eventTimeKeyedBy, warmPython } from './python-job-fixture'
import { expectNamedOnce, expectStepBackAsStraight, jobOutputs, openSnapshotEachStep } from './python-job-fields-case'

warmPython()

const job = (extra: string): string => `import collections
from pyflink.common import Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction

COPIES = [0]

class Meddler:
    def __init__(self, owner):
        self.owner = owner

    def __deepcopy__(self, memo):
        COPIES[0] += 1
        self.owner.seen += 100
        return Meddler(self.owner)

class Reducer:
    def __reduce_ex__(self, protocol):
        COPIES[0] += 1
        return (Reducer, ())

class Lookup:
    def __getattr__(self, name):
        COPIES[0] += 1
        raise AttributeError(name)
${extra}
class Count(KeyedProcessFunction):
    def __init__(self):
        self.seen = 0
        self.meddler = Meddler(self)
        self.inside = {"deep": [Reducer()]}
        self.lookup = Lookup()
        self.plain = {"n": 0}
        self.queue = collections.deque([Meddler(self)])
        self.later = collections.defaultdict(list, {"a": [Lookup()]})
        self.dates = collections.OrderedDict(n=collections.Counter("aab"))

    def process_element(self, e, ctx):
        self.seen += 1
        self.plain["n"] += 1
        self.dates["n"][e["k"]] += 1
        yield [e["k"], self.seen, self.plain["n"], COPIES[0]]

${eventTimeKeyedBy('k', '.process(Count())')}`

describe("a Python job's field whose class decides how it is copied", () => {
  it('is not copied by time travel: the job is not changed, the outputs are a straight run\'s, each is named once', async () => {
    await expectStepBackAsStraight(job(''), [['a', 1, 1, 0], ['a', 2, 2, 0], ['b', 3, 3, 0], ['a', 4, 4, 0], ['b', 5, 5, 0]], async (s, notices) => {
      // Inside Python's own containers too (a deque, a defaultdict).
      expectNamedOnce(notices, [['self.meddler', '__deepcopy__'], ['self.inside', '__reduce_ex__'], ['self.lookup', '__getattr__'],
        ['self.queue', '__deepcopy__'], ['self.later', '__getattr__']])
      // A plain field is still kept: a step back shows what the straight run had there.
      await s.seek(3)
      const op = (await s.operators()).find((o) => o.keyed)!.id
      expect((await s.watch(op, '"b"', ['self.plain["n"]', 'self.dates']))).toEqual([
        { expression: 'self.plain["n"]', text: '3' }, { expression: 'self.dates', text: "OrderedDict({'n': Counter({'a': 4, 'b': 2})})" }])
      expect((await s.findings()).notices.map((n) => n.message).filter((m) => m.includes('self.dates'))).toEqual([])
    })
  }, 300_000)

  it('that never returns does not hold the session up: it is not run', async () => {
    const src = job(`
class Forever:
    def __deepcopy__(self, memo):
        while True:
            pass
`).replace('        self.plain = {"n": 0}', '        self.plain = {"n": 0}\n        self.forever = Forever()')
    const s = await openSnapshotEachStep(src)
    try {
      await s.step({ kind: 'end' })
      expect((await jobOutputs(s)).length).toBe(5)
      expect((await s.findings()).notices.map((n) => n.message).filter((m) => m.includes('self.forever of Count'))).toHaveLength(1)
    } finally {
      await s.close()
    }
  }, 300_000)
})
