// A CSV recording read as JSON Lines (its name does not end in .csv, or it came through standard input, which is
// JSON Lines or kcat -J output): line 1 failed as `not JSON (Unexpected token 't', "ts,user_id,"... is not valid
// JSON)`, which does not say why the file was read as JSON at all. The bad line now says what would read it as CSV.
import { afterAll, describe, expect, it } from 'vitest'
import { readAll, rejection, tempDir } from './helpers'

const tmp = tempDir()
afterAll(() => tmp.remove())

const CSV = 'ts,user_id,item\n1708848000000,u1,book\n'

describe('a CSV recording whose name does not end in .csv', () => {
  it('line 1 is a bad line that says it looks like a CSV header and how CSV is chosen', async () => {
    const p = tmp.file('purchases.txt', CSV)
    const err = await rejection(readAll(p))
    expect(err.code).toBe('BAD_LINE')
    expect(err.message).toMatch(/^\S+purchases\.txt:1: not JSON \(.*\); it looks like a CSV header row: a recording is read as CSV only when its name ends in \.csv \(or \.csv\.gz\), and standard input as JSON Lines or kcat -J output$/)
  })

  it('a JSON line that is only broken, and a later line, say nothing of CSV', async () => {
    expect((await rejection(readAll(tmp.file('a.jsonl', '{"ts":1,\n')))).message).not.toContain('CSV')
    expect((await rejection(readAll(tmp.file('b.jsonl', '{"ts":1}\nts,user_id\n')))).message).not.toContain('CSV')
  })
})
