// The backend check: the session's job and recording run to the end on the heap and on LevelDB (a fresh
// temporary folder) must give the same outputs and the same final state, table by table and key by key.
import type { BackendCheckResult, SessionOptions } from '../common/debug-api'
import type { OutputView } from '../common/views'
import type { JobRun } from '../engine/runtime/job-run'
import { openRun } from '../engine/runtime/open-run'
import type { BackendName } from '../common/views'
import { COMPARE_LIST_LIMIT, compareOutputs } from './compare-outputs'
import { StepRecorder } from './step-recorder'

/** Each backend's run to the end, compared; at most `maxDiffKeys` differing keys are listed per table. */
export async function backendCheck(options: Omit<SessionOptions, 'backend' | 'stateDir'>, maxDiffKeys = 20, heartbeat?: Int32Array): Promise<BackendCheckResult> {
  const heap = await runToEnd(options, 'heap', heartbeat)
  const leveldb = await runToEnd(options, 'leveldb', heartbeat)
  const outputs = compareOutputs(heap.outputs, leveldb.outputs, COMPARE_LIST_LIMIT)
  const stateDiffs = diffTables(heap.state, leveldb.state, maxDiffKeys)
  return {
    same: outputs.added.length === 0 && outputs.removed.length === 0 && outputs.changed.length === 0 && outputs.moved.length === 0 && stateDiffs.length === 0,
    outputs, stateDiffs,
    heapSteps: heap.steps,
    leveldbSteps: leveldb.steps,
  }
}

interface Ended { outputs: OutputView[]; state: Map<string, Map<string, string>>; steps: number }

async function runToEnd(options: Omit<SessionOptions, 'backend' | 'stateDir'>, backend: BackendName, heartbeat?: Int32Array): Promise<Ended> {
  const opened = await openRun({ ...options, backend, observable: true })
  try {
    const run = opened.run
    // Inside a session worker: the watchdog watches this run's user code too.
    if (heartbeat !== undefined) run.rc.gate.heartbeat = heartbeat
    const recorder = new StepRecorder(run.rc)
    recorder.trackChanges = false
    run.observe(recorder)
    await run.runToEnd()
    return { outputs: recorder.outputs, state: await finalState(run), steps: run.rc.step }
  } finally {
    await opened.close()
  }
}

/** Every table as id → (key → JSON of its value), plus each operator's pending timers as a pseudo-table. */
async function finalState(run: JobRun): Promise<Map<string, Map<string, string>>> {
  await run.backend.flush()
  const dumps = await run.backend.dump()
  const out = new Map<string, Map<string, string>>()
  for (const d of dumps) {
    const m = new Map<string, string>()
    for (const [k, v] of d.entries) m.set(k, JSON.stringify(v))
    out.set(`${d.meta.operatorId}/${d.meta.stateName}`, m)
  }
  for (const op of run.keyedOps) {
    const m = new Map<string, string>()
    for (const t of [...op.eventTimers.all().map((x) => ['E', x] as const), ...op.processingTimers.all().map((x) => ['P', x] as const)]) {
      const k = t[1].keyStr
      m.set(k, `${m.get(k) ?? ''}${t[0]}${t[1].timestamp};`)
    }
    out.set(`${op.id}/(timers)`, m)
  }
  return out
}

function diffTables(a: Map<string, Map<string, string>>, b: Map<string, Map<string, string>>, max: number): BackendCheckResult['stateDiffs'] {
  const diffs: BackendCheckResult['stateDiffs'] = []
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(id) ?? new Map<string, string>()
    const y = b.get(id) ?? new Map<string, string>()
    const keys: string[] = []
    for (const k of new Set([...x.keys(), ...y.keys()])) {
      if (x.get(k) !== y.get(k)) keys.push(k)
      if (keys.length >= max) break
    }
    if (keys.length > 0) diffs.push({ table: id, keys })
  }
  return diffs
}
