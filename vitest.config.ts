// Vitest: node tests mirror src-main, web tests (happy-dom) mirror src-renderer. E2E runs separately. The slowest
// files start first, so that with two workers no long file starts near the end and runs on alone while the other
// worker has nothing left (CI's full run lost minutes that way).
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'
import vue from '@vitejs/plugin-vue'

/**
 * The slowest files, slowest first, from a full run's report (a file's duration in
 * test-artifacts/vitest.json). Vitest's own order (the last run's durations where its cache has them, else the
 * largest files first) puts a short file of long runs late on a fresh machine such as CI's. A file missing here or
 * in the wrong place only starts later than it could; every other file follows in Vitest's own order.
 */
export const SLOWEST_FIRST = [
  'test/src-main/cli/parallelism.test.ts',
  'test/src-main/cli/backends-identical.test.ts',
  'test/src-main/cli/parallel-savepoints.test.ts',
  'test/examples/python-twins.test.ts',
  'test/src-main/cli/riffle-findings-trace.test.ts',
  'test/src-main/cli/savepoint-backend-switch.test.ts',
  'test/src-main/worker/watchdog-restore-in-place.test.ts',
  'test/src-main/cli/savepoint-refused.test.ts',
  'test/src-main/cli/crash-resume.test.ts',
  'test/src-main/cli/output-safety.test.ts',
  'test/src-main/cli/piped-recording.test.ts',
  'test/src-main/worker/worker-watchdog.test.ts',
  'test/src-main/cli/trace-long-extremes.test.ts',
  'test/src-main/cli/parallel-routed.test.ts',
  'test/src-main/cli/parallel-key-order.test.ts',
  'test/src-main/engine/runtime/savepoint-rescale.test.ts',
  'test/src-main/cli/riffle-test-command.test.ts',
  'test/src-main/cli/riffle-run-job-errors.test.ts',
  'test/src-main/cli/export/riffle-export.test.ts',
  'test/examples/examples.test.ts',
  'test/src-main/sandbox/python/pyodide-snapshot.test.ts',
  'test/src-main/worker/runaway-where.test.ts',
  'test/bench/leveldb-bench.test.ts',
  'test/src-main/service/debugger-service-sessions.test.ts',
]

export class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (f: TestSpecification): number => {
      const root = f.project.config.root
      const i = SLOWEST_FIRST.indexOf(f.moduleId.startsWith(`${root}/`) ? f.moduleId.slice(root.length + 1) : f.moduleId)
      return i === -1 ? SLOWEST_FIRST.length : i
    }
    // Array.prototype.sort is stable: the files not listed keep Vitest's order among themselves.
    return sorted.sort((a, b) => rank(a) - rank(b))
  }
}

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@common': resolve(import.meta.dirname, 'src-main/common') } },
  test: {
    testTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: one on the 2-core machines CI runs on. Most of the
    // slow files wait on child processes (the command line, Pyodide), so a second worker cut the suite from
    // 432 s to 363 s there.
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirstSequencer },
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'node', environment: 'node', include: ['test/src-main/**/*.test.ts', 'test/examples/**/*.test.ts', 'test/bench/**/*.test.ts', 'test/scripts/**/*.test.ts'] } },
      { extends: true, test: { name: 'web', environment: 'happy-dom', include: ['test/src-renderer/**/*.test.ts'] } },
    ],
  },
})
