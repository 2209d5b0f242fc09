// The watchdog's KeyboardInterrupt that lands between two yields of a generator process_element (in the
// operator's loop that drains it, not in the job's frame) still names the generator's line and function: the
// JOB_TIMEOUT said no place at all about one run in fifteen of an endless `while True: yield ...`. Real Pyodide.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'

beforeAll(async () => { await pythonRuntime() }, 300_000)

describe('a KeyboardInterrupt between two yields', () => {
  it('is given the suspended generator\'s line and function, as an interrupt inside it has', async () => {
    const py = await pythonRuntime()
    const got = py.runPython(`
from pyflink.datastream._operator import RiffleOperator

def process_element(value, ctx):
    while True:
        yield value

class _Interrupted:
    def emit(self, value, gen):
        raise KeyboardInterrupt()

try:
    RiffleOperator._drain(_Interrupted(), process_element(1, None), process_element)
    place = "no interrupt"
except KeyboardInterrupt as e:
    place = f"{getattr(e, 'line', None)} {getattr(e, 'function', None)}"
place
`) as string
    expect(got).toBe('6 process_element')
  })
})
