// The bench's per-thread CPU reading must find the threads that do the work, or its explanation of the
// --parallelism goal would blame the wrong thread.
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain .mjs bench modules have no type declarations
import { hasThreadCpu, statCpuSeconds, threadCpu } from '../../bench/thread-cpu.mjs'

describe.runIf(hasThreadCpu)('per-thread CPU of a child process', () => {
  it('reads a thread name with spaces and parentheses from its stat line', () => {
    const stat = '4242 (node (worker) 1) R 1 4242 4242 0 -1 4194304 100 0 0 0 250 30 0 0 20 0 7 0 100 0 0'
    expect(statCpuSeconds(stat)).toBeCloseTo(2.8)
  })

  it('charges a busy worker thread to the busiest threads, not to the main thread', async () => {
    // The worker does a fixed amount of work (a few hundred ms of CPU) while the main thread waits for it.
    const code = `const { Worker } = require('node:worker_threads');
      new Worker('let x = 0; for (let i = 0; i < 6e7; i++) x = (x + i * 7) % 1000003; if (x < 0) console.log(x)', { eval: true })`
    const r = await threadCpu(['-e', code], 1)
    expect(r.busiest[0]).toBeGreaterThan(0.15)
    expect(r.main).toBeLessThan(r.busiest[0])
  })
})
