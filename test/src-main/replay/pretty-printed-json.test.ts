// A pretty-printed JSON file given as the recording (JSON.stringify(x, null, 2), json.dump(x, indent=2), jq
// without -c): line 1 is "[" or "{" and failed as `not JSON (Unexpected end of JSON input)`, which does not say that
// a recording is one JSON value per line, nor how to make one. The bad line now says both.
import { afterAll, describe, expect, it } from 'vitest'
import { readAll, rejection, tempDir } from './helpers'

const tmp = tempDir()
afterAll(() => tmp.remove())

const events = [{ ts: 1, user_id: 'u1' }, { ts: 2, user_id: 'u2' }]

describe('a pretty-printed JSON file as the recording', () => {
  it('an array over many lines: line 1 says it is not JSON Lines and gives the jq to make it one', async () => {
    const err = await rejection(readAll(tmp.file('clicks.json', JSON.stringify(events, null, 2) + '\n')))
    expect(err.code).toBe('BAD_LINE')
    expect(err.message).toMatch(/clicks\.json:1: not JSON \(.*\); it looks like one JSON value over many lines \(pretty-printed\), but a recording holds one JSON value per line \(JSON Lines\): jq -c '\.\[\]' FILE prints an array's items one per line$/)
  })

  it('objects over many lines: the jq for a stream of objects', async () => {
    const err = await rejection(readAll(tmp.file('clicks2.json', events.map((e) => JSON.stringify(e, null, 2)).join('\n') + '\n')))
    expect(err.message).toMatch(/clicks2\.json:1: not JSON \(.*\); it looks like one JSON value over many lines \(pretty-printed\), but a recording holds one JSON value per line \(JSON Lines\): jq -c \. FILE prints each object on one line$/)
  })

  it('a broken line, or a "[" after line 1, says nothing of it', async () => {
    expect((await rejection(readAll(tmp.file('a.jsonl', '{"ts":1,\n')))).message).not.toContain('pretty-printed')
    expect((await rejection(readAll(tmp.file('b.jsonl', '{"ts":1}\n[\n')))).message).not.toContain('pretty-printed')
  })
})
