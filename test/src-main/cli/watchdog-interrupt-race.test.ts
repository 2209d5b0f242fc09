// The watchdog stops a Python job by raising KeyboardInterrupt in it (Pyodide's interrupt buffer). When the job's call
// returned between the watchdog's decision and Python's next look at the buffer, the interrupt landed in Riffle's own
// Python (an import of its modules) and the run ended as 'riffle: INTERNAL: Traceback ... KeyboardInterrupt', exit 2,
// in most runs with a small --watchdog-ms (and now and then with the default on a busy machine). Whatever the worker
// answers while the watchdog waits is its answer now: the run ends as JOB_TIMEOUT, exit 1, or is not stopped at all.
// The race needs several runs to show; each must end as one of the two.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

describe('a Python job stopped by the watchdog just as its call returns', () => {
  it('never ends as INTERNAL: JOB_TIMEOUT (exit 1) or done (exit 0), in each of 4 runs with --watchdog-ms 1', () => {
    for (let i = 0; i < 4; i++) {
      const r = riffle('run', join(ROOT, 'examples/running-count.py'), join(ROOT, 'recordings/clicks-small.jsonl'), '--watchdog-ms', '1')
      expect(r.stderr).not.toContain('INTERNAL')
      if (r.code === 1) expect(r.stderr).toMatch(/^riffle: JOB_TIMEOUT: the job's code did not return within 1 ms/)
      else expect(r.code, r.stderr).toBe(0)
    }
  }, 120_000)
})
