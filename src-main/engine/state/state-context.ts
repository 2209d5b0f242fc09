// What state handles need from the operator that owns them: the current key and the TTL clock.
// Both are injected, so state never reads a wall clock (DESIGN.md "time is injected").

/**
 * A key's cache of its stored values, a pair of cells (value, table version) per heap value table: the
 * key registry's entry (runtime/key-registry.ts), which the operator looks up for every record anyway,
 * so reading the key's state costs no second lookup by key (state/heap/heap-backend.ts). The first
 * table's pair is two fields of the entry (no other object to load); further tables' are in `cells`.
 */
export interface KeyCells { c0?: unknown; v0?: number; cells?: unknown[] }

/** The key the operator is processing now. The operator mutates keyStr before each call into user code. */
export interface KeyContext {
  /** Canonical string of the current key (runtime/key-codec.ts), or null outside a keyed call. */
  keyStr: string | null
  /** The current key's value cache (set with keyStr by an operator whose registry offers one), or null. */
  cells?: KeyCells | null
  /** Cell pairs handed out to this context's tables so far. */
  cellSlots?: number
}

/**
 * The TTL clock. For processing-time TTL both are the simulated processing time. For Riffle's
 * event-time TTL (docs/job-api.md) the stamp is the current record's (or timer's) timestamp and "now" is the
 * current watermark.
 */
export interface TtlTimeProvider {
  /** The timestamp stored on a write or refresh. */
  stampTime(): number
  /** The instant against which expiry is judged. */
  now(): number
}
