// Flink's key groups (docs/semantics.md, K1-K4): checked against an independent BigInt
// transcription of MathUtils.murmurHash / String.hashCode and against fixed values known from Java.
import { describe, expect, it } from 'vitest'
import {
  defaultMaxParallelism, javaHashCode, keyGroupOf, murmurHash, operatorIndexOf,
} from '../../../../src-main/engine/runtime/key-group'
import { DebugSession } from '../../../../src-main/debugger/debug-session'
import { openInline, RIFFLE } from '../../helpers/run-inline'

// --- an independent transcription, in BigInt 32-bit arithmetic --------------------------------
const M32 = (1n << 32n) - 1n
const u = (x: bigint): bigint => x & M32
const toInt = (x: bigint): number => Number(BigInt.asIntN(32, x))
const rotl = (x: bigint, r: bigint): bigint => u((x << r) | (x >> (32n - r)))
function refMurmur(code: number): number {
  let k = u(BigInt(code))
  k = u(k * 0xcc9e2d51n); k = rotl(k, 15n); k = u(k * 0x1b873593n)
  let h = k // seed 0: h = 0 ^ k
  h = rotl(h, 13n); h = u(h * 5n + 0xe6546b64n)
  h = h ^ 4n // length in bytes
  h ^= h >> 16n; h = u(h * 0x85ebca6bn); h ^= h >> 13n; h = u(h * 0xc2b2ae35n); h ^= h >> 16n
  const s = toInt(h)
  return s >= 0 ? s : s === -2147483648 ? 0 : -s
}
function refStringHash(s: string): number {
  let h = 0n
  for (const unit of Array.from({ length: s.length }, (_, i) => s.charCodeAt(i))) h = u(31n * h + BigInt(unit))
  return toInt(h)
}
const refKeyGroup = (hash: number, maxP = 128): number => refMurmur(hash) % maxP

describe('K1/K2: key group = murmurHash(Java hashCode) % 128', () => {
  it('K1: murmurHash matches fixed Murmur3-32 values of an int (Guava murmur3_32().hashInt, made non-negative)', () => {
    expect(murmurHash(0)).toBe(593689054)
    expect(murmurHash(42)).toBe(1134849565)
    expect(murmurHash(-42)).toBe(189366624)
  })

  it('K1: murmurHash agrees with an independent BigInt transcription over many ints, including the extremes', () => {
    const ints = [0, 1, -1, 2, 127, 128, 1000, 123456789, -987654321, 2147483647, -2147483648]
    for (let i = 0; i < 500; i++) ints.push(((i * 2654435761) | 0) ^ (i << 7))
    for (const n of ints) expect(murmurHash(n)).toBe(refMurmur(n))
  })

  it('K2: String keys hash as java.lang.String.hashCode (fixed values)', () => {
    expect(javaHashCode('hello')).toBe(99162322)
    expect(javaHashCode('')).toBe(0)
    expect(javaHashCode('Aa')).toBe(2112)
    expect(javaHashCode('BB')).toBe(2112) // the classic Java collision
    expect(javaHashCode('user-42')).toBe(refStringHash('user-42'))
    expect(javaHashCode('ünïcødé 🙂')).toBe(refStringHash('ünïcødé 🙂')) // UTF-16 code units
    expect(javaHashCode('a much longer user id that wraps around int32 many times')).toBe(refStringHash('a much longer user id that wraps around int32 many times'))
  })

  it('K2: Integer keys hash to themselves, Long keys to (int)(v ^ v>>>32), booleans to 1231/1237', () => {
    expect(javaHashCode(42)).toBe(42)
    expect(javaHashCode(-7)).toBe(-7)
    expect(javaHashCode(2 ** 32)).toBe(1) // Long 0x1_0000_0000
    expect(javaHashCode(2 ** 32 + 5)).toBe(4)
    expect(javaHashCode(-(2 ** 33))).toBe(toInt(BigInt.asUintN(64, -(2n ** 33n)) ^ (BigInt.asUintN(64, -(2n ** 33n)) >> 32n)))
    expect(javaHashCode(true)).toBe(1231)
    expect(javaHashCode(false)).toBe(1237)
  })

  it('K2: an array key hashes as a Flink tuple: 31*hash(f0) + hash(f1)', () => {
    expect(javaHashCode(['a', 1])).toBe(31 * 97 + 1)
    expect(javaHashCode(['user-42', 7])).toBe(toInt(BigInt(31 * refStringHash('user-42')) + 7n))
    expect(javaHashCode([null, 'x'])).toBe(120) // a null field hashes to 0
  })

  it('K1: keyGroupOf is the reference formula for strings, ints and tuples, always in [0, 128)', () => {
    for (let i = 0; i < 300; i++) {
      const s = `user-${i}`
      expect(keyGroupOf(s)).toBe(refKeyGroup(refStringHash(s)))
      expect(keyGroupOf(i)).toBe(refKeyGroup(i))
      const g = keyGroupOf([s, i])
      expect(g).toBe(refKeyGroup(toInt(BigInt(31) * BigInt(refStringHash(s)) + BigInt(i))))
      expect(g).toBeGreaterThanOrEqual(0)
      expect(g).toBeLessThan(128)
    }
    expect(keyGroupOf(0)).toBe(593689054 % 128)
    expect(keyGroupOf(42)).toBe(1134849565 % 128)
  })
})

describe('K3/K4: subtasks and the default max parallelism', () => {
  it('K3: the subtask of a key group is keyGroup * parallelism / maxParallelism (integer division)', () => {
    expect(operatorIndexOf(0, 4)).toBe(0)
    expect(operatorIndexOf(31, 4)).toBe(0)
    expect(operatorIndexOf(32, 4)).toBe(1)
    expect(operatorIndexOf(127, 4)).toBe(3)
    expect(operatorIndexOf(42, 3)).toBe(0)
    expect(operatorIndexOf(43, 3)).toBe(1) // 129 / 128
    for (let kg = 0; kg < 128; kg++) expect(operatorIndexOf(kg, 7)).toBe(Math.trunc((kg * 7) / 128))
  })

  it('K4: default max parallelism is 128 up to parallelism 85, then the next power of two of 1.5p, at most 32768', () => {
    expect(defaultMaxParallelism(1)).toBe(128)
    expect(defaultMaxParallelism(85)).toBe(128)
    expect(defaultMaxParallelism(86)).toBe(256)
    expect(defaultMaxParallelism(170)).toBe(256)
    expect(defaultMaxParallelism(171)).toBe(256) // 171 + 85 = 256 is already a power of two
    expect(defaultMaxParallelism(172)).toBe(512)
    expect(defaultMaxParallelism(100000)).toBe(32768)
  })
})

describe('the inspector shows each key\'s key group', () => {
  it('keys() reports keyGroupOf(key) for string, numeric and composite keys', async () => {
    const job = `${RIFFLE}
class Noop extends KeyedProcessFunction<any, any, any> { processElement() {} }
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new Noop())
`
    const s: DebugSession = await openInline(job, [{ k: 'hello' }, { k: 42 }, { k: ['a', 1] }])
    try {
      await s.step({ kind: 'end' })
      const page = await s.keys({ offset: 0, limit: 10, sort: 'key' })
      const byKey = Object.fromEntries(page.items.map((k) => [k.keyStr, k.keyGroup]))
      expect(Object.values(byKey).sort()).toEqual([keyGroupOf('hello'), keyGroupOf(42), keyGroupOf(['a', 1])].sort())
      expect(page.items.find((k) => k.key === 42)?.keyGroup).toBe(refKeyGroup(42))
      expect(page.items.find((k) => k.key === 'hello')?.keyGroup).toBe(refKeyGroup(99162322))
    } finally {
      await s.close()
    }
  })
})
