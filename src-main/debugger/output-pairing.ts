// The one rule that pairs the outputs of two runs, used by the app's Compare (outputs carry their key) and by
// `riffle test`'s diff against a golden file (lines carry no key). Within a group — (key, tag) in the app,
// (tag) for golden lines — outputs are paired in passes, each on what the one before left:
//   1. same timestamp and same value;
//   2. same timestamp, the most equal fields of the value first, then emission order;
//   3. any timestamp, the most equal fields first, then the nearest timestamp, then emission order.
// Without a key (golden lines) passes 2 and 3 pair only outputs that share at least one field: two unrelated
// lines are a removal and an addition, not a change.
// A pair whose value and timestamp are equal is "same" when it keeps its place among the other pairs (the
// longest run of pairs in the same order in both runs) and "moved" when it does not, so a row shifted by
// an added or removed one is not a change. Any other pair is "changed", with its field-level differences.

/** An output to pair: its group (key and tag), timestamp, value, and position in its run's emission order. */
export interface PairInput<T> {
  item: T
  group: string
  timestamp: number | null
  value: unknown
  order: number
}

/** One difference inside a changed pair: a field path ("" for the value itself, or "timestamp"). */
export interface FieldDiff { path: string; previous?: unknown; current?: unknown }

export interface Pairing<T> {
  same: Array<{ previous: T; current: T }>
  moved: Array<{ previous: T; current: T }>
  changed: Array<{ previous: T; current: T; fields: FieldDiff[] }>
  removed: T[]
  added: T[]
}

/** Above this many candidate comparisons in one group, pass 3 pairs by order alone (cost stays linear). */
const FIELD_MATCH_BUDGET = 2_000_000

export function pairOutputs<T>(previous: PairInput<T>[], current: PairInput<T>[], opts: { keyed: boolean }): Pairing<T> {
  const pairs: Array<[PairInput<T>, PairInput<T>]> = []
  const removed: PairInput<T>[] = []
  const added: PairInput<T>[] = []
  const prevGroups = groupBy(previous, (p) => p.group)
  const curGroups = groupBy(current, (p) => p.group)
  for (const [g, a] of prevGroups) {
    const b = curGroups.get(g) ?? []
    const left = pairGroup(a, b, opts.keyed, pairs)
    removed.push(...left.a)
    added.push(...left.b)
  }
  for (const [g, b] of curGroups) if (!prevGroups.has(g)) added.push(...b)

  const result: Pairing<T> = { same: [], moved: [], changed: [], removed: removed.sort(byOrder).map((p) => p.item), added: added.sort(byOrder).map((p) => p.item) }
  pairs.sort((x, y) => x[0].order - y[0].order)
  const inPlace = longestIncreasing(pairs.map((p) => p[1].order))
  pairs.forEach(([p, c], i) => {
    const fields = fieldDiffs(p, c)
    if (fields.length > 0) result.changed.push({ previous: p.item, current: c.item, fields })
    else (inPlace.has(i) ? result.same : result.moved).push({ previous: p.item, current: c.item })
  })
  const curOrder = new Map(current.map((p) => [p.item, p.order]))
  const byCurrent = (x: { current: T }, y: { current: T }): number => (curOrder.get(x.current) ?? 0) - (curOrder.get(y.current) ?? 0)
  result.changed.sort(byCurrent)
  result.moved.sort(byCurrent)
  return result
}

/** Pairs one group's outputs (passes 1-3); returns what stayed unpaired, in order. */
function pairGroup<T>(a: PairInput<T>[], b: PairInput<T>[], keyed: boolean, out: Array<[PairInput<T>, PairInput<T>]>): { a: PairInput<T>[]; b: PairInput<T>[] } {
  const usedA = new Set<PairInput<T>>()
  const usedB = new Set<PairInput<T>>()
  const take = (x: PairInput<T>, y: PairInput<T>): void => { usedA.add(x); usedB.add(y); out.push([x, y]) }
  // Pass 1: same timestamp and value, in order; where one side has more copies, the ones nearest in place.
  const exactKey = (y: PairInput<T>): string => `${y.timestamp}\u0000${canonicalJson(y.value)}`
  const exactB = groupBy(b, exactKey)
  for (const [k, xs] of groupBy(a, exactKey)) {
    const ys = exactB.get(k)
    if (ys !== undefined) pairCopies(xs, ys, take)
  }
  // Pass 2: same timestamp, most equal fields then order.
  const restB = groupBy(b.filter((y) => !usedB.has(y)), (y) => String(y.timestamp))
  const restA = groupBy(a.filter((x) => !usedA.has(x)), (x) => String(x.timestamp))
  for (const [ts, xs] of restA) {
    const ys = restB.get(ts)
    if (ys !== undefined) bestPairs(xs, ys, keyed, take)
  }
  // Pass 3: any timestamp.
  bestPairs(a.filter((x) => !usedA.has(x)), b.filter((y) => !usedB.has(y)), keyed, take)
  return { a: a.filter((x) => !usedA.has(x)), b: b.filter((y) => !usedB.has(y)) }
}

/** Above this many (copies × copies) in one set of equal outputs, surplus copies are left at the end (cost stays low). */
const COPIES_BUDGET = 1_000_000

/**
 * Pairs equal outputs (each list in emission order). With as many on each side, in order. With more on one side,
 * the copies that pair are those nearest in place to the other side's (least total distance, order kept): a line
 * changed into the value of a later one leaves its own place unpaired (a change there), instead of taking the later
 * one's twin and leaving that one to pair across the file (a "move" and a change for one edit).
 */
function pairCopies<T>(xs: PairInput<T>[], ys: PairInput<T>[], take: (x: PairInput<T>, y: PairInput<T>) => void): void {
  const fewer = xs.length <= ys.length ? xs : ys
  const more = fewer === xs ? ys : xs
  const chosen = fewer.length === more.length || fewer.length * more.length > COPIES_BUDGET ? more.slice(0, fewer.length) : nearestCopies(fewer, more)
  fewer.forEach((f, i) => (fewer === xs ? take(f, chosen[i]) : take(chosen[i], f)))
}

/** The fewer.length copies of `more` that pair with `fewer` in order at the least total distance in place (DP). */
function nearestCopies<T>(fewer: PairInput<T>[], more: PairInput<T>[]): PairInput<T>[] {
  const k = fewer.length
  const n = more.length
  // cost[i][j]: the least cost of pairing fewer[0..i) with copies among more[0..j); took: whether more[j-1] paired.
  let prev = new Float64Array(n + 1)
  const took = new Uint8Array((k + 1) * (n + 1))
  for (let i = 1; i <= k; i++) {
    const cur = new Float64Array(n + 1).fill(Infinity)
    for (let j = i; j <= n; j++) {
      const skip = cur[j - 1]
      const pair = prev[j - 1] + Math.abs(fewer[i - 1].order - more[j - 1].order)
      if (pair <= skip) { cur[j] = pair; took[i * (n + 1) + j] = 1 } else cur[j] = skip
    }
    prev = cur
  }
  const out: PairInput<T>[] = []
  for (let i = k, j = n; i > 0; j--) {
    if (took[i * (n + 1) + j] === 1) { out.push(more[j - 1]); i-- }
  }
  return out.reverse()
}

/**
 * Greedy pairing: each x (in order) takes the free y with the most equal fields; on a tie the nearest in
 * time, then the earliest. With `allowNone` a pair may share no field (then it is simply the next in order).
 */
function bestPairs<T>(xs: PairInput<T>[], ys: PairInput<T>[], allowNone: boolean, take: (x: PairInput<T>, y: PairInput<T>) => void): void {
  if (xs.length === 0 || ys.length === 0) return
  const free = ys.slice()
  if (xs.length * ys.length > FIELD_MATCH_BUDGET) {
    if (!allowNone) return
    for (let i = 0; i < Math.min(xs.length, free.length); i++) take(xs[i], free[i])
    return
  }
  const distance = (x: PairInput<T>, y: PairInput<T>): number =>
    x.timestamp === null || y.timestamp === null ? (x.timestamp === y.timestamp ? 0 : Infinity) : Math.abs(x.timestamp - y.timestamp)
  for (const x of xs) {
    let best = -1
    let bestScore = allowNone ? -1 : 0
    let bestDistance = Infinity
    for (let j = 0; j < free.length; j++) {
      const score = equalFields(x.value, free[j].value)
      const d = distance(x, free[j])
      if (score > bestScore || (score === bestScore && best !== -1 && d < bestDistance)) { best = j; bestScore = score; bestDistance = d }
    }
    if (best === -1) continue
    take(x, free[best])
    free.splice(best, 1)
    if (free.length === 0) return
  }
}

/**
 * How many leaf fields two values share with equal values (1 for equal scalars). An array's fields are its
 * positions: a PyFlink job's tuple ("u2", 2) and ("u2", 999) share "u2", so they pair as one changed line.
 */
function equalFields(a: unknown, b: unknown): number {
  if (isRecord(a) && isRecord(b)) {
    let n = 0
    for (const k of Object.keys(a)) if (k in b) n += equalFields(a[k], b[k])
    return n
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    let n = 0
    for (let i = 0; i < Math.min(a.length, b.length); i++) n += equalFields(a[i], b[i])
    return n
  }
  return canonicalJson(a) === canonicalJson(b) ? 1 : 0
}

/** The differences of a pair: the timestamp, then each differing field (nested objects by path). */
export function fieldDiffs(p: { timestamp: number | null; value: unknown }, c: { timestamp: number | null; value: unknown }): FieldDiff[] {
  const out: FieldDiff[] = []
  if (p.timestamp !== c.timestamp) out.push({ path: 'timestamp', previous: p.timestamp, current: c.timestamp })
  diffValue('', p.value, c.value, out)
  return out
}

function diffValue(path: string, a: unknown, b: unknown, out: FieldDiff[]): void {
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
    for (const k of keys) {
      const sub = path === '' ? k : `${path}.${k}`
      if (!(k in b)) out.push({ path: sub, previous: a[k] })
      else if (!(k in a)) out.push({ path: sub, current: b[k] })
      else diffValue(sub, a[k], b[k], out)
    }
    return
  }
  if (canonicalJson(a) !== canonicalJson(b)) out.push({ path, previous: a, current: b })
}

/** JSON with object keys sorted, so key order and spacing never make two values differ. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(sortKeys(v)) ?? 'undefined'
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (!isRecord(v)) return v
  const o: Record<string, unknown> = {}
  for (const k of Object.keys(v).sort()) o[k] = sortKeys(v[k])
  return o
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function groupBy<X>(list: X[], key: (x: X) => string): Map<string, X[]> {
  const m = new Map<string, X[]>()
  for (const x of list) {
    const k = key(x)
    const a = m.get(k)
    if (a === undefined) m.set(k, [x])
    else a.push(x)
  }
  return m
}

function byOrder<T>(x: PairInput<T>, y: PairInput<T>): number { return x.order - y.order }

/** Indexes of one longest strictly increasing subsequence of `xs` (patience sorting, O(n log n)). */
function longestIncreasing(xs: number[]): Set<number> {
  const tails: number[] = []
  const prev = new Array<number>(xs.length).fill(-1)
  for (let i = 0; i < xs.length; i++) {
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (xs[tails[mid]] < xs[i]) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) prev[i] = tails[lo - 1]
    tails[lo] = i
  }
  const keep = new Set<number>()
  for (let i = tails.length > 0 ? tails[tails.length - 1] : -1; i !== -1; i = prev[i]) keep.add(i)
  return keep
}
