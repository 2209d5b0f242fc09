// Vitest: node tests mirror src-main, web tests (happy-dom) mirror src-renderer. E2E runs separately.
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@common': resolve(import.meta.dirname, 'src-main/common') } },
  test: {
    testTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: one on the 2-core machines CI runs on. Most of the
    // slow files wait on child processes (the command line, Pyodide), so a second worker cut the suite from
    // 432 s to 363 s there.
    maxWorkers: 2,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'node', environment: 'node', include: ['test/src-main/**/*.test.ts', 'test/examples/**/*.test.ts', 'test/bench/**/*.test.ts', 'test/scripts/**/*.test.ts'] } },
      { extends: true, test: { name: 'web', environment: 'happy-dom', include: ['test/src-renderer/**/*.test.ts'] } },
    ],
  },
})
