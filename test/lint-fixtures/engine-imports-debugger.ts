// lint-as: src-main/engine/runtime/lint-fixture-engine-imports-debugger.ts
// lint-expect: no-restricted-imports
// The engine must not reach the debugger: it runs the same in the command line, where there is none.
import { DebugSession } from '../../debugger/debug-session'

export const session: typeof DebugSession | null = null
