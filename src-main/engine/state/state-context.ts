// What state handles need from the operator that owns them: the current key and the TTL clock.
// Both are injected, so state never reads a wall clock (DESIGN.md "time is injected").

/** The key the operator is processing now. The operator mutates keyStr before each call into user code. */
export interface KeyContext {
  /** Canonical string of the current key (runtime/key-codec.ts), or null outside a keyed call. */
  keyStr: string | null
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
