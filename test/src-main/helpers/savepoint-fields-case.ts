// Test helper: a savepoint loaded into a session that ran on, for a job (TypeScript or Python) that counts in its own
// fields as well as in Flink state. A savepoint holds Flink state only, so the job goes on as `riffle run
// --from-savepoint` does (a Flink job restarted from it builds its functions anew): its fields as open() left them,
// not as the session had them; time travel over the steps since the load keeps that. The job's output rows are
// [key, fields' count, state's count, fields' log, opened-or-global count]; the events are keys a, b, c.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { runJob } from '../../../src-main/cli/run-job'
import type { WatchValue } from '../../../src-main/common/debug-api'
import type { BackendName } from '../../../src-main/common/views'
import { DebugSession } from '../../../src-main/debugger/debug-session'
import { type InlineOptions, tempDir, writeCase } from './run-inline'
import { savepointDir, sessionOptions } from './savepoint-case'

export const FIELDS_EVENTS = [...'aabacbbcab'].map((k, i) => ({ k, ts: 1000 + i * 10 }))

export interface FieldsCase {
  job: string
  caseOptions?: InlineOptions
  backend: BackendName
  /** A watch expression on key "a" that reads the job's fields. */
  watch: string
  /** What a watch shows of its value. */
  shown(w: WatchValue): unknown
  /** What the watch shows right after the load (the fields as open() left them). */
  afterOpen: unknown
}

/** Saves at step 4, runs on to the end, loads the savepoint, and checks the fields against the CLI's resumed run. */
export async function checkFieldsAfterLoad(k: FieldsCase): Promise<void> {
  const c = writeCase(k.job, FIELDS_EVENTS, k.caseOptions)
  const s = await DebugSession.open({ ...sessionOptions(c, k.backend), echoJobOutput: false }, { minInterval: 2, maxInterval: 2 })
  const sp = savepointDir()
  try {
    await s.step({ kind: 'end' }, 4)
    await s.saveSavepoint(sp)
    await s.step({ kind: 'end' }) // the session runs on: its fields count all ten events
    const loadedAt = (await s.loadSavepoint(sp)).step
    const op = (await s.operators()).find((o) => o.kind === 'process')!.id
    const fields = async (): Promise<unknown> => k.shown((await s.watch(op, '"a"', [k.watch]))[0]!)
    expect(await fields()).toBe(k.afterOpen)
    const straight: unknown[] = []
    while ((await s.step({ kind: 'step' })).taken > 0) straight.push(await fields())
    const got = (await s.outputs(0, 1e9)).items.map((o) => o.value)

    // Seeks back over the steps since the load re-run them from the restarted fields, not from the session's old ones.
    for (const back of [3, 1, 5]) {
      await s.seek(loadedAt + back)
      expect(await fields(), `seek(${loadedAt + back})`).toBe(straight[back - 1])
    }
    // Back to where the savepoint was loaded (a step back from the step after it): the restarted fields there.
    await s.seek(loadedAt + 1)
    expect((await s.stepBack()).status.step).toBe(loadedAt)
    expect(await fields()).toBe(k.afterOpen)
    await expect(s.seek(loadedAt - 1)).rejects.toThrow(`cannot go back before step ${loadedAt}`)

    // The reference: the CLI continuing from the same savepoint in fresh job objects. Run last: a Python job is loaded
    // into the same Pyodide, and the session's `self` would then read the reference's objects.
    const out = join(tempDir(), 'out.jsonl')
    await runJob({ ...sessionOptions(c), out, fromSavepoint: sp })
    const cli = readFileSync(out, 'utf8').split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { value: unknown }).value)
    expect(cli[0]).toEqual(['c', 1, 1, 'openc', 1]) // state carried over (count), the fields started afresh
    expect(got).toEqual(cli)
  } finally {
    await s.close()
  }
}
