// Types of bench/leveldb-hand-loop.mjs (the hand-written classic-level sessionization baseline).
export interface HandLoopEvent { ts: number; user_id: string }
export interface HandLoopResult { events: number; sessions: number; millis: number; eventsPerSec: number }
export function runLevelDbHandLoop(
  events: Iterable<HandLoopEvent>,
  dir: string,
  opts?: { cacheEntries?: number; emit?: (session: { user_id: string; start: number; end: number; count: number }, timestamp: number) => void },
): Promise<HandLoopResult>
export function prefillHandLoopDb(dir: string, count: number, keyOf: (i: number) => string, valueOf: (i: number) => unknown): Promise<void>
