// Loading a savepoint into a debug session of a Python job that has already run (real Pyodide): a savepoint holds Flink
// state only, so the job's self.seen and its module's globals are as open() left them, as `riffle run --from-savepoint`
// has them (a Flink job restarted from a savepoint builds its functions anew), not as the session had them.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { WatchValue } from '../../../../src-main/common/debug-api'
import { runJob } from '../../../../src-main/cli/run-job'
import { DebugSession } from '../../../../src-main/debugger/debug-session'
import { tempDir, writeCase } from '../../helpers/run-inline'
import { PY, eventTimeKeyedBy, warmPython } from './python-job-fixture'

warmPython()

const JOB = `from pyflink.common import Types, WatermarkStrategy
from pyflink.common.watermark_strategy import TimestampAssigner
from pyflink.datastream.functions import KeyedProcessFunction
from pyflink.datastream.state import ValueStateDescriptor

total = 0

class Count(KeyedProcessFunction):
    def __init__(self):
        self.seen = 0
        self.log = []

    def open(self, runtime_context):
        self.log.append("open")
        self.count = runtime_context.get_state(ValueStateDescriptor("count", Types.LONG()))

    def process_element(self, e, ctx):
        global total
        total += 1
        self.seen += 1
        self.log.append(e["k"])
        self.count.update((self.count.value() or 0) + 1)
        yield [e["k"], self.seen, self.count.value(), "".join(self.log), total]

${eventTimeKeyedBy('k', '.process(Count())')}`
const EVENTS = [...'aabacbbcab'].map((k, i) => ({ k, ts: 1000 + i * 10 }))

const shown = (w: WatchValue): unknown => ('value' in w ? w.value : w.text ?? w.error)

describe('a savepoint loaded into a Python session that ran on', () => {
  it('restarts self.seen and the module globals as open() left them, as riffle run --from-savepoint does', async () => {
    const c = writeCase(JOB, EVENTS, PY)
    const s = await DebugSession.open({
      jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false,
      skipBadLines: false, echoJobOutput: false,
    }, { minInterval: 2, maxInterval: 2 })
    const sp = join(tempDir(), 'sp')
    try {
      await s.step({ kind: 'end' }, 4)
      await s.saveSavepoint(sp)
      await s.step({ kind: 'end' })
      const loadedAt = (await s.loadSavepoint(sp)).step
      const op = (await s.operators()).find((o) => o.kind === 'process')!.id
      const fields = async (): Promise<unknown> => shown((await s.watch(op, '"a"', ['f"{self.seen}:{\'\'.join(self.log)}:{total}"']))[0]!)
      expect(await fields()).toBe('0:open:0')
      const straight: unknown[] = []
      while ((await s.step({ kind: 'step' })).taken > 0) straight.push(await fields())
      const got = (await s.outputs(0, 1e9)).items.map((o) => o.value)

      // Seeks back over the steps since the load re-run them from the restarted fields, not from the session's old ones.
      for (const back of [3, 1, 5]) {
        await s.seek(loadedAt + back)
        expect(await fields(), `seek(${loadedAt + back})`).toBe(straight[back - 1])
      }

      // The reference, run last: it loads the job into the same Pyodide, and the session's `self` would then read its objects.
      const out = join(tempDir(), 'out.jsonl')
      await runJob({
        jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', out, fromSavepoint: sp,
        processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false,
      })
      const cli = readFileSync(out, 'utf8').split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { value: unknown }).value)
      expect(cli[0]).toEqual(['c', 1, 1, 'openc', 1]) // state carried over (count), fields and globals started afresh
      expect(got).toEqual(cli)
    } finally {
      await s.close()
    }
  }, 120_000)
})
