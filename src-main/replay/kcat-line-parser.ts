// kcat -J output: one JSON envelope per line ({topic, partition, offset, tstype, ts, key, payload, ...}).
import { checkNesting, isPlainObject, looksLikeControl, parseControl, parseJsonText } from './json-line-parser'
import { timestampProblem } from '../engine/time/timestamp-range'
import { BadLine, type LineParser, type RecordingItem } from './recording-types'

const ENVELOPE_KEYS = ['partition', 'offset', 'topic'] as const

/** The detection rule: an object with a "payload" key and at least one of partition, offset, topic. */
export function isKcatEnvelope(v: unknown): boolean {
  return isPlainObject(v) && 'payload' in v && ENVELOPE_KEYS.some((k) => k in v)
}

/** kcat prints the payload as a string; it is the event parsed as JSON when it is JSON text, else the string. */
function decodePayload(p: unknown, lineNo: number): unknown {
  if (typeof p !== 'string') return p
  let v: unknown
  try {
    v = JSON.parse(p)
  } catch {
    return p
  }
  checkNesting(v, p, lineNo)
  return v
}

function optionalNumber(v: Record<string, unknown>, key: string, lineNo: number, text: string): number | null {
  const x = v[key]
  if (x === undefined || x === null) return null
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new BadLine(lineNo, `kcat envelope field "${key}" must be a number (got ${JSON.stringify(x)})`, text)
  }
  return x
}

export class KcatLineParser implements LineParser {
  line(text: string, lineNo: number): RecordingItem | null {
    const v = parseJsonText(text, lineNo)
    if (v === undefined) return null
    if (looksLikeControl(v)) return parseControl(v, lineNo, text)
    if (!isPlainObject(v) || !('payload' in v)) {
      throw new BadLine(lineNo, 'not a kcat -J envelope (no "payload" key)', text)
    }
    let ts = optionalNumber(v, 'ts', lineNo, text)
    // Kafka marks "no timestamp" with -1 (kcat: tstype "none").
    if (ts !== null && (ts < 0 || v.tstype === 'none')) ts = null
    const problem = ts === null ? null : timestampProblem(ts)
    if (problem !== null) throw new BadLine(lineNo, `kcat envelope field "ts": ${problem}`, text)
    const key = v.key
    return {
      kind: 'record',
      value: decodePayload(v.payload, lineNo),
      sourceTimestamp: ts,
      origin: {
        line: lineNo,
        partition: optionalNumber(v, 'partition', lineNo, text),
        offset: optionalNumber(v, 'offset', lineNo, text),
        kafkaKey: key === undefined || key === null ? null : typeof key === 'string' ? key : JSON.stringify(key),
      },
    }
  }

  end(): void {}
}
