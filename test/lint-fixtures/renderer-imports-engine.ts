// lint-as: src-renderer/src/lint-fixture-renderer-imports-engine.ts
// lint-expect: no-restricted-imports
// The renderer reaches the main side only through @common: never the engine itself.
import { JobRun } from '../../src-main/engine/runtime/job-run'

export const run: typeof JobRun | null = null
