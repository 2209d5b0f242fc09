// What a step changed, a key's state history and an output's lineage show the job's values (a map's keys as the
// job wrote them, TTL's stamps left out), like a step's trace: not the backend's stored form; in TypeScript and
// Python jobs, on heap and LevelDB, with and without TTL.
import { describe, expect, it } from 'vitest'
import { DebugSession } from '../../../src-main/debugger/debug-session'
import { writeCase } from '../helpers/run-inline'
import { stateKindsJob } from '../helpers/state-kinds-job'


const PY = (ttl: boolean): string => `from pyflink.common import Time, Types
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ListStateDescriptor, MapStateDescriptor, StateTtlConfig, ValueStateDescriptor


def with_ttl(d):
    ${ttl ? 'd.enable_time_to_live(StateTtlConfig.new_builder(Time.seconds(10)).build())' : 'pass'}
    return d


class C(KeyedProcessFunction):
    def open(self, ctx):
        self.m = ctx.get_map_state(with_ttl(MapStateDescriptor("m", Types.STRING(), Types.LONG())))
        self.l = ctx.get_list_state(with_ttl(ListStateDescriptor("l", Types.LONG())))
        self.v = ctx.get_state(with_ttl(ValueStateDescriptor("v", Types.BOOLEAN())))

    def process_element(self, e, ctx):
        self.m.put(e["kind"], (self.m.get(e["kind"]) or 0) + 1)
        self.l.add(e["n"])
        self.v.update(True)
        yield e["k"]


def job(events):
    return events.key_by(lambda e: e["k"]).process(C())
`

const cases = (['ts', 'py'] as const).flatMap((lang) => (['heap', 'leveldb'] as const).flatMap((backend) => [false, true].map((ttl) => [lang, backend, ttl] as const)))

describe("a step's changes, a key's history and an output's lineage", () => {
  it.each(cases)('are the job\'s values (%s, %s, TTL %s)', async (lang, backend, ttl) => {
    const c = writeCase(lang === 'ts' ? stateKindsJob(ttl) : PY(ttl), [{ k: 'a', kind: 'click', n: 1 }, { k: 'a', kind: 'click', n: 2 }], { jobName: `job.${lang}` })
    const s = await DebugSession.open({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend, processingTime: 'follow', drainProcessingTimers: false,
      skipBadLines: false, echoJobOutput: false,
    })
    try {
      await s.step({ kind: 'step' })
      const second = (await s.step({ kind: 'step' })).steps[0]
      const v = true
      // They were the stored forms: [["\\"click\\"",{"v":1,"t":0}]], [{"v":1,"t":0}], {"v":true,"t":0}.
      const changes = second.changes.map((x) => [x.stateName, x.before, x.after])
      expect(changes).toEqual([['m', [['click', 1]], [['click', 2]]], ['l', [1], [1, 2]]])
      const h = await s.keyHistory(second.changes[0].operatorId, '"a"')
      expect(h.entries.map((e) => e.changes.map((x) => [x.stateName, x.before, x.after]))[1]).toEqual(changes)
      expect(h.entries.map((e) => e.stateAfter)).toEqual([{ m: [['click', 1]], l: [1], v }, { m: [['click', 2]], l: [1, 2], v }])
      const lin = await s.lineage(1)
      expect(lin.writes.map((x) => [x.stateName, x.before, x.after])).toEqual(changes)
      expect(lin.reads.map((x) => [x.stateName, x.value])).toContainEqual(['m', [['click', 1]]])
    } finally {
      await s.close()
    }
  }, 60_000)
})
