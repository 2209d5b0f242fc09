// The stored form of a value under TTL (Flink's TtlValue): the user value and its last-access stamp.
export interface TtlValue<V = unknown> {
  /** The user value. */
  v: V
  /** Last access timestamp (U1/U2). */
  t: number
}

/** U1: expired iff lastAccess + ttl <= now, with Flink's overflow guard. */
export function isExpired(lastAccess: number, ttl: number, now: number): boolean {
  return expiresAt(lastAccess, ttl) <= now
}

/** The first instant at which a value stamped at lastAccess is expired. */
export function expiresAt(lastAccess: number, ttl: number): number {
  // Overflow guard of TtlUtils.getExpirationTimestamp: cap at MAX for huge stamps.
  const MAX = 2 ** 63 // Long.MAX_VALUE as a double
  return lastAccess > 0 && ttl > MAX - lastAccess ? MAX : lastAccess + ttl
}
