// A file that is not text given as the recording (a program, an image, a .gz renamed to .jsonl is caught earlier by
// its bytes): line 1 said "it looks like a CSV header row" whenever the binary bytes before the first newline held
// a comma, sending the user to rename it .csv. It now says the file is not text, and names no CSV.
import { afterAll, describe, expect, it } from 'vitest'
import { readAll, rejection, tempDir } from './helpers'

const tmp = tempDir()
afterAll(() => tmp.remove())

describe('a recording that is not text', () => {
  it('line 1 says it is not text (binary data), not that it looks like a CSV header', async () => {
    const bytes = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x2c, 0x00, 0x00, 0x2c, 0x41, 0x0a, 0x7b, 0x7d, 0x0a])
    const err = await rejection(readAll(tmp.file('program.jsonl', bytes)))
    expect(err.code).toBe('BAD_LINE')
    expect(err.message).not.toContain('CSV')
    expect(err.message).toMatch(/^\S+program\.jsonl:1: not JSON \(.*\); it is not text \(binary data\): is it the recording you meant\?$/)
  })

  it('a CSV header with a tab or a UTF-8 name is still taken for one', async () => {
    const err = await rejection(readAll(tmp.file('p.txt', 'ts,user_id,prix\té\n1,u1,2\n')))
    expect(err.message).toContain('it looks like a CSV header row')
  })
})
