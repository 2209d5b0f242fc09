// Python jobs on the real engine in real Pyodide: every state kind, TTL, timers and side outputs give the same
// output as the same job written in TypeScript, and the seed's out.collect form, map, filter and flat_map work.
import { describe, expect, it } from 'vitest'
import { RIFFLE, runInline } from '../../helpers/run-inline'
import { events, PY, PY_ALL_KINDS, warmPython } from './python-job-fixture'

warmPython()

const TS_ALL_KINDS = `${RIFFLE}
const late = new OutputTag<string>('timers')
class AllKinds extends KeyedProcessFunction<any, any, any> {
  last: any; kinds: any; perKind: any; total: any; avg: any
  open(rc: any) {
    const ttl = StateTtlConfig.newBuilder(Time.seconds(30)).setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite).build()
    const last = new ValueStateDescriptor('last', Types.STRING)
    last.enableTimeToLive(ttl)
    this.last = rc.getState(last)
    this.kinds = rc.getListState(new ListStateDescriptor('kinds', Types.STRING))
    this.perKind = rc.getMapState(new MapStateDescriptor('per_kind', Types.STRING, Types.LONG))
    this.total = rc.getReducingState(new ReducingStateDescriptor('total', (a: number, b: number) => a + b, Types.LONG))
    this.avg = rc.getAggregatingState(new AggregatingStateDescriptor('avg', {
      createAccumulator: () => [0, 0], add: (v: number, acc: number[]) => [acc[0] + v, acc[1] + 1], getResult: (acc: number[]) => acc[0] / acc[1],
    }, Types.LIST(Types.LONG)))
  }
  processElement(e: any, ctx: any, out: any) {
    const before = this.last.value()
    this.last.update(e.kind)
    this.kinds.add(e.kind)
    this.perKind.put(e.kind, (this.perKind.get(e.kind) ?? 0) + 1)
    this.total.add(e.n)
    this.avg.add(e.n)
    ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 500)
    out.collect({ key: ctx.getCurrentKey(), before, kinds: [...this.kinds.get()],
      map: [...this.perKind.entries()].sort(), has_x: this.perKind.contains('x'),
      total: this.total.get(), avg: this.avg.get(), ts: ctx.timestamp(), wm: ctx.timerService().currentWatermark() > 0 })
  }
  onTimer(t: number, ctx: any, out: any) {
    ctx.output(late, \`\${ctx.getCurrentKey()}@\${t} \${ctx.timeDomain()}\`)
    if (t > 5000) { this.perKind.remove('x'); this.kinds.update(['reset']) }
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(0)).withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.user).process(new AllKinds())
`

describe('a Python job runs on the same engine as a TypeScript job', () => {
  it('value (with TTL), list, map, reducing and aggregating state, timers and a side output match the TS twin byte for byte', async () => {
    const py = await runInline(PY_ALL_KINDS, events, PY)
    const ts = await runInline(TS_ALL_KINDS, events)
    expect(py.out.length).toBeGreaterThan(events.length)
    expect(py.out.filter((l) => l.tag === 'timers').length).toBe(events.filter((e) => 'ts' in e).length)
    expect(py.raw).toBe(ts.raw)
  })

  it("the seed article's out.collect form works, and map/filter/flat_map and tuples (as lists) pass through", async () => {
    const job = `
from pyflink.datastream.functions import KeyedProcessFunction, MapFunction

class Double(MapFunction):
    def map(self, value):
        return {"user": value["user"], "n": value["n"] * 2}

class Count(KeyedProcessFunction):
    def process_element(self, value, ctx, out):
        out.collect((ctx.get_current_key(), value["n"]))

def job(events):
    return (events.filter(lambda e: e["n"] % 2 == 1).map(Double())
            .flat_map(lambda e: [e, e]).key_by(lambda e: e["user"]).process(Count()))
`
    const r = await runInline(job, events, PY)
    expect(r.out.map((l) => l.value)).toEqual([['a', 2], ['a', 2], ['a', 6], ['a', 6], ['b', 10], ['b', 10]])
  })
})
