// kcat -J recordings: detection rule, envelope → value, source timestamp and origin (partition, offset, key).
import { afterAll, describe, expect, it } from 'vitest'
import { openRecording } from '../../../src-main/replay'
import { isKcatEnvelope } from '../../../src-main/replay/kcat-line-parser'
import { readAll, rejection, tempDir } from './helpers'

const tmp = tempDir()
afterAll(() => tmp.remove())

const env = (o: Record<string, unknown>): string =>
  JSON.stringify({ topic: 'orders', partition: 0, offset: 0, tstype: 'create', ts: 1708848000000, broker: 1, key: null, ...o })

describe('kcat -J', () => {
  it('is detected from the first non-blank line and unwraps the payload, ts and origin', async () => {
    const p = tmp.file('o.jsonl', [
      '',
      env({ partition: 1, offset: 7, key: 'u1', payload: '{"order_id":"o1","amount":10}' }),
      env({ partition: 0, offset: 3, ts: 1708848000500, key: null, payload: '{"order_id":"o2"}' }),
    ].join('\n'))
    const r = await openRecording(p)
    expect(r.format).toBe('kcat')
    await r.close()
    expect(await readAll(p)).toEqual([
      { kind: 'record', value: { order_id: 'o1', amount: 10 }, sourceTimestamp: 1708848000000,
        origin: { line: 2, partition: 1, offset: 7, kafkaKey: 'u1' } },
      { kind: 'record', value: { order_id: 'o2' }, sourceTimestamp: 1708848000500,
        origin: { line: 3, partition: 0, offset: 3, kafkaKey: null } },
    ])
  })

  it('keeps a payload that is not JSON text as the string, and a null payload as null', async () => {
    const p = tmp.file('s.jsonl', [env({ payload: 'hello world' }), env({ offset: 1, payload: null }), env({ offset: 2, payload: '17' })].join('\n'))
    expect((await readAll(p)).map((i) => (i.kind === 'record' ? i.value : undefined))).toEqual(['hello world', null, 17])
  })

  it('a missing timestamp (ts -1, tstype none, or no ts) gives sourceTimestamp null', async () => {
    const p = tmp.file('nots.jsonl', [env({ ts: -1, payload: '1' }), env({ tstype: 'none', ts: 0, payload: '2' }), env({ ts: undefined, payload: '3' })].join('\n'))
    expect((await readAll(p)).map((i) => (i.kind === 'record' ? i.sourceTimestamp : 'x'))).toEqual([null, null, null])
  })

  it('after a kcat first line, a line without a payload is a bad line', async () => {
    const p = tmp.file('mixed.jsonl', [env({ payload: '{}' }), '{"order_id":"o3"}'].join('\n'))
    const err = await rejection(readAll(p))
    expect(err).toMatchObject({ code: 'BAD_LINE', line: 2, reason: 'not a kcat -J envelope (no "payload" key)' })
  })

  it('control lines still work inside a kcat recording', async () => {
    const p = tmp.file('ctl.jsonl', [env({ payload: '{}' }), '{"$watermark": 5}'].join('\n'))
    expect((await readAll(p))[1]).toEqual({ kind: 'watermark', watermark: 5, origin: { line: 2 } })
  })

  it('the rule needs payload plus partition, offset or topic: a plain event with a payload field stays JSON Lines', async () => {
    expect(isKcatEnvelope({ payload: 'x', partition: 0 })).toBe(true)
    expect(isKcatEnvelope({ payload: 'x', topic: 't' })).toBe(true)
    expect(isKcatEnvelope({ payload: 'x', user: 'u' })).toBe(false)
    expect(isKcatEnvelope({ partition: 0, offset: 1 })).toBe(false)
    const p = tmp.file('plain.jsonl', '{"payload":"x","user":"u"}\n')
    const r = await openRecording(p)
    expect(r.format).toBe('jsonl')
    await r.close()
  })
})
