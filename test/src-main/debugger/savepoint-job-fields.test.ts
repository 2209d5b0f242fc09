// Loading a savepoint into a debug session that has already run (a TypeScript job counting in plain fields): a
// savepoint holds Flink state only, so the job continues as `riffle run --from-savepoint` does, as a Flink job
// restarted from it would: its fields as open() left them, not as the session had them when it loaded the savepoint.
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runJob } from '../../../src-main/cli/run-job'
import { DebugSession } from '../../../src-main/debugger/debug-session'
import type { WatchValue } from '../../../src-main/common/debug-api'
import { RIFFLE, tempDir, writeCase } from '../helpers/run-inline'

const JOB = `${RIFFLE}
class Count extends KeyedProcessFunction<string, any, any> {
  seen = 0
  log: string[] = []
  opened = 0
  count: any
  open(ctx: any) { this.opened++; this.log.push('open'); this.count = ctx.getState(new ValueStateDescriptor('count', Types.LONG)) }
  processElement(e: any, ctx: any, out: any) {
    this.seen++
    this.log.push(e.k)
    this.count.update((this.count.value() ?? 0) + 1)
    out.collect([e.k, this.seen, this.count.value(), this.log.join(''), this.opened])
  }
}
export default (env: any) => env.fromRecording()
  .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e: any) => e.ts))
  .keyBy((e: any) => e.k).process(new Count()).name('count')
`
const EVENTS = [...'aabacbbcab'].map((k, i) => ({ k, ts: 1000 + i * 10 }))

const shown = (w: WatchValue): unknown => ('value' in w ? w.value : w.text ?? w.error)

describe.each(['heap', 'leveldb'] as const)('a savepoint loaded into a session that ran on (%s)', (backend) => {
  it('restarts the job\'s fields as open() left them, as riffle run --from-savepoint does, and time travel keeps that', async () => {
    const c = writeCase(JOB, EVENTS)
    const s = await DebugSession.open({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend, processingTime: 'follow', drainProcessingTimers: false,
      skipBadLines: false, echoJobOutput: false,
    }, { minInterval: 2, maxInterval: 2 })
    const sp = join(tempDir(), 'sp')
    try {
      await s.step({ kind: 'end' }, 4)
      await s.saveSavepoint(sp)
      await s.step({ kind: 'end' }) // the session runs on: this.seen is 10, the log 10 keys long
      const loadedAt = (await s.loadSavepoint(sp)).step
      const op = (await s.operators()).find((o) => o.kind === 'process')!.id
      const fields = async (): Promise<unknown> => shown((await s.watch(op, '"a"', ['this.seen + ":" + this.log.join("") + ":" + this.opened']))[0]!)
      expect(await fields()).toBe('0:open:1')
      const straight: unknown[] = []
      while ((await s.step({ kind: 'step' })).taken > 0) straight.push(await fields())
      const got = (await s.outputs(0, 1e9)).items.map((o) => o.value)

      // The reference: the CLI continuing from the same savepoint in a fresh process' job objects.
      const out = join(tempDir(), 'out.jsonl')
      await runJob({
        jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', out, fromSavepoint: sp,
        processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false,
      })
      const cli = readFileSync(out, 'utf8').split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { value: unknown }).value)
      expect(cli[0]).toEqual(['c', 1, 1, 'openc', 1]) // state carried over (count), the field started afresh
      expect(got).toEqual(cli)

      // Seeks back over the steps since the load re-run them from the restarted fields, not from the session's old ones.
      for (const back of [3, 1, 5]) {
        await s.seek(loadedAt + back)
        expect(await fields(), `seek(${loadedAt + back})`).toBe(straight[back - 1])
      }
      // Back to where the savepoint was loaded (a step back from the step after it): the restarted fields there.
      await s.seek(loadedAt + 1)
      expect((await s.stepBack()).status.step).toBe(loadedAt)
      expect(await fields()).toBe('0:open:1')
      await expect(s.seek(loadedAt - 1)).rejects.toThrow(`cannot go back before step ${loadedAt}`)
    } finally {
      await s.close()
    }
  })
})
