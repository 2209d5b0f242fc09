// Every example has a Python twin (examples/*.py) that writes byte-identical --out to its TypeScript twin, on
// the heap and on LevelDB, through `npx riffle run` as a user runs it; and the CLI stops a Python `while True:`.
// On the heap each pair reads its whole recording; on LevelDB (whose output backends-identical.test.ts shows is the
// heap's for the TypeScript examples) a slice of clicks.jsonl, as a Python run is about ten times slower per event.
import { beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { riffleRun, root } from './run-cli'
import { comparedRecording, OWN_RECORDING as RECORDING } from './example-recordings'
import { writeCase } from '../src-main/helpers/run-inline'

/** Each run starts Pyodide cold (seconds, more on a loaded machine). */
const SLOW = 180_000

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'bin/riffle-build.mjs')])
})

function out(job: string, recording: string, backend: string): string {
  const r = riffleRun([job, recording, '--backend', backend, '--out', '-'])
  if (r.status !== 0) throw new Error(`riffle run ${job} --backend ${backend} exited ${r.status}:\n${r.stderr}`)
  return r.stdout
}

describe('Python twins of the examples', () => {
  const names = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3))

  it('every TypeScript example has a .py twin and a recording here', () => {
    const py = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3))
    expect(py.sort()).toEqual([...names].sort())
    for (const n of names) expect(RECORDING[n], `recording for ${n}`).toBeDefined()
  })

  for (const backend of ['heap', 'leveldb']) {
    for (const name of Object.keys(RECORDING)) {
      it(`${name}.py writes the same --out as ${name}.ts on ${backend}`, () => {
        const rec = backend === 'heap' ? `recordings/${RECORDING[name]}` : comparedRecording(`${name}.py`)
        const ts = out(`examples/${name}.ts`, rec, backend)
        const py = out(`examples/${name}.py`, rec, backend)
        expect(ts.length).toBeGreaterThan(0)
        expect(py).toBe(ts)
      }, SLOW)
    }
  }

  it("the seed twin warns once per out.collect line that the article's form is not PyFlink's", () => {
    const r = riffleRun(['examples/sessionizer-seed.py', 'recordings/clicks-small.jsonl', '--out', '/dev/null'])
    expect(r.status).toBe(0)
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: '))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/sessionizer-seed\.py:\d+: out\.collect\(\.\.\.\) is the seed article's form and will not run on a Flink cluster/)
  }, SLOW)

  it('a `while True:` in process_element is stopped by the watchdog with exit 1, naming the input line', () => {
    const c = writeCase(`from pyflink.datastream.functions import KeyedProcessFunction

class Spin(KeyedProcessFunction):
    def process_element(self, value, ctx):
        while True:
            pass

def job(events):
    return events.key_by(lambda e: e["k"]).process(Spin())
`, [{ k: 'a' }, { k: 'b' }], { jobName: 'spin.py' })
    const r = riffleRun([c.jobPath, c.recordingPath, '--watchdog-ms', '1500', '--out', '/dev/null'])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/JOB_TIMEOUT: the job's code did not return within 1,500 ms while processing .*rec\.jsonl:1/)
  }, SLOW)
})
