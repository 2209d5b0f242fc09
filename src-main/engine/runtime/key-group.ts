// Flink's key groups (rules K1-K4): murmur hash of the Java hashCode of the key, max parallelism 128.

export const DEFAULT_MAX_PARALLELISM = 128

/** K1: keyGroup = murmurHash(hashCode) % maxParallelism. */
export function keyGroupOf(key: unknown, maxParallelism = DEFAULT_MAX_PARALLELISM): number {
  return keyGroupOfHash(javaHashCode(key), maxParallelism)
}

/** K1 from the key's Java hashCode (K2) already taken, e.g. of a string key's bytes (field-scan.ts). */
export function keyGroupOfHash(javaHash: number, maxParallelism = DEFAULT_MAX_PARALLELISM): number {
  return murmurHash(javaHash) % maxParallelism
}

/** One subtask's share of the key groups (`riffle run --parallelism of`: subtask `index`, from 0). */
export interface KeyGroupShare { readonly index: number; readonly of: number }

/** True when the key's group belongs to the share's subtask (K1, K3). */
export function ownsKey(share: KeyGroupShare, key: unknown): boolean {
  return operatorIndexOf(keyGroupOf(key), share.of) === share.index
}

/** K3: the subtask that owns a key group. */
export function operatorIndexOf(keyGroup: number, parallelism: number, maxParallelism = DEFAULT_MAX_PARALLELISM): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism)
}

/** K4: min(max(roundUpToPowerOfTwo(p + p/2), 128), 32768). */
export function defaultMaxParallelism(parallelism: number): number {
  const n = parallelism + Math.floor(parallelism / 2)
  let pow = 1
  while (pow < n) pow *= 2
  return Math.min(Math.max(pow, 128), 32768)
}

/** MathUtils.murmurHash: single-block Murmur3-32 of an int, made non-negative. */
export function murmurHash(code: number): number {
  let h = Math.imul(code | 0, 0xcc9e2d51)
  h = (h << 15) | (h >>> 17)
  h = Math.imul(h, 0x1b873593)
  h = (h << 13) | (h >>> 19)
  h = (Math.imul(h, 5) + 0xe6546b64) | 0
  h ^= 4
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  if (h >= 0) return h
  return h === -2147483648 ? 0 : -h
}

/** java.lang.String.hashCode's step for one UTF-16 unit (an ASCII byte is one). */
export function javaHashStep(h: number, unit: number): number {
  return (Math.imul(31, h) + unit) | 0
}

const f64 = new Float64Array(1)
const u32 = new Uint32Array(f64.buffer)

/**
 * K2: the hashCode the key would have in Java. Strings hash as java.lang.String; integers in int range
 * as Integer, other integers as Long; other numbers as Double; booleans 1231/1237; arrays as Flink
 * tuples (31*h + field); objects as java.util.Map (sum of key^value hashes); null 0.
 */
export function javaHashCode(key: unknown): number {
  switch (typeof key) {
    case 'string': {
      let h = 0
      for (let i = 0; i < key.length; i++) h = javaHashStep(h, key.charCodeAt(i))
      return h
    }
    case 'number': {
      if (Number.isInteger(key)) {
        if (key >= -2147483648 && key <= 2147483647) return key | 0
        const big = BigInt.asUintN(64, BigInt(key))
        return Number(BigInt.asIntN(32, big ^ (big >> 32n)))
      }
      f64[0] = key
      // Double.hashCode: (int)(bits ^ (bits >>> 32)); little-endian words.
      return (u32[0] ^ u32[1]) | 0
    }
    case 'boolean':
      return key ? 1231 : 1237
    case 'object': {
      if (key === null) return 0
      if (Array.isArray(key)) {
        let h = 0
        for (let i = 0; i < key.length; i++) h = (Math.imul(31, h) + javaHashCode(key[i])) | 0
        return h
      }
      let h = 0
      for (const [k, v] of Object.entries(key)) h = (h + (javaHashCode(k) ^ javaHashCode(v))) | 0
      return h
    }
    default:
      return 0
  }
}
