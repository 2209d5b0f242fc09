// A keyed job with a map, a list and a value state, each with TTL or without: what a write's before → after, a
// step's changes and a key's history must show as the job wrote it (not the backend's stored form).
import { RIFFLE } from './run-inline'

export const stateKindsJob = (ttl: boolean): string => `${RIFFLE}const ttl = StateTtlConfig.newBuilder(Time.seconds(10)).build()
const withTtl = <D extends { enableTimeToLive(c: unknown): void }>(d: D): D => { ${ttl ? 'd.enableTimeToLive(ttl); ' : ''}return d }
class C extends KeyedProcessFunction<any, any, any> {
  m: any; l: any; v: any
  open(ctx: any) {
    this.m = ctx.getMapState(withTtl(new MapStateDescriptor('m', Types.STRING, Types.LONG)))
    this.l = ctx.getListState(withTtl(new ListStateDescriptor('l', Types.LONG)))
    this.v = ctx.getState(withTtl(new ValueStateDescriptor('v', Types.BOOLEAN)))
  }
  processElement(e: any, ctx: any, out: any) {
    this.m.put(e.kind, (this.m.get(e.kind) ?? 0) + 1)
    this.l.add(e.n)
    this.v.update(true)
    out.collect(e.k)
  }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new C())
`
