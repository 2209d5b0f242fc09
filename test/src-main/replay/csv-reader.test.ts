// CSV recordings: header row, RFC 4180 quoting, field typing, and rows with the wrong shape.
import { afterAll, describe, expect, it } from 'vitest'
import { openRecording } from '../../../src-main/replay'
import { typeCsvField } from '../../../src-main/replay/csv-line-parser'
import { drain, readAll, rejection, tempDir } from './helpers'

const tmp = tempDir()
afterAll(() => tmp.remove())
const values = (items: Awaited<ReturnType<typeof readAll>>): unknown[] => items.map((i) => (i.kind === 'record' ? i.value : i))

describe('CSV', () => {
  it('maps each row to an object keyed by the header, numbering lines with the header as line 1', async () => {
    const p = tmp.file('a.csv', 'ts,user_id,amount\n1000,u1,12.5\n2000,u2,-3\n')
    const items = await readAll(p)
    expect(items).toEqual([
      { kind: 'record', value: { ts: 1000, user_id: 'u1', amount: 12.5 }, sourceTimestamp: null, origin: { line: 2 } },
      { kind: 'record', value: { ts: 2000, user_id: 'u2', amount: -3 }, sourceTimestamp: null, origin: { line: 3 } },
    ])
    const r = await openRecording(p)
    expect(r.format).toBe('csv')
    await r.close()
  })

  it('types unquoted fields: numbers, booleans, empty → null; quoted fields stay strings', async () => {
    const p = tmp.file('types.csv', 'a,b,c,d,e,f,g,h\n42,true,false,,"",00042,"7",1e3\n')
    expect(values(await readAll(p))).toEqual([{ a: 42, b: true, c: false, d: null, e: '', f: '00042', g: '7', h: 1000 }])
  })

  it.each([
    ['12', 12], ['-0.5', -0.5], ['3.', '3.'], ['.5', '.5'], [' 12', ' 12'], ['1_000', '1_000'], ['0x10', '0x10'],
    ['TRUE', 'TRUE'], ['NaN', 'NaN'], ['9007199254740993', '9007199254740993'], ['9007199254740991', 9007199254740991],
  ])('the unquoted field %j becomes %j', (raw, expected) => {
    expect(typeCsvField(raw, false)).toEqual(expected)
  })

  it('reads quoted commas, doubled quotes and line breaks inside quotes (RFC 4180)', async () => {
    const p = tmp.file('quotes.csv', 'id,text,n\r\n1,"a, b",2\r\n2,"she said ""hi""",3\r\n3,"two\r\nlines",4\r\n4,x,5\r\n')
    const items = await readAll(p)
    expect(values(items)).toEqual([
      { id: 1, text: 'a, b', n: 2 },
      { id: 2, text: 'she said "hi"', n: 3 },
      { id: 3, text: 'two\nlines', n: 4 },
      { id: 4, text: 'x', n: 5 },
    ])
    // A record spanning two lines is numbered by its first line; the next record by its own.
    expect(items.map((i) => i.origin.line)).toEqual([2, 3, 4, 6])
  })

  it('keeps a trailing empty field and skips blank lines between rows', async () => {
    const p = tmp.file('trail.csv', 'a,b\n1,\n\n2,x\n')
    expect(values(await readAll(p))).toEqual([{ a: 1, b: null }, { a: 2, b: 'x' }])
  })

  it('a row with the wrong number of fields is a bad line naming the expected count', async () => {
    const p = tmp.file('short.csv', 'a,b,c\n1,2,3\n4,5\n')
    const err = await rejection(readAll(p))
    expect(err).toMatchObject({ code: 'BAD_LINE', line: 3, reason: 'expected 3 fields (as in the header), found 2', text: '4,5' })
  })

  it.each([
    ['1,ab"c', /a quote inside unquoted field 2/],
    ['1,"ab"c', /unexpected text after a closing quote in field 2/],
  ])('a malformed quote in %j is a bad line', async (row, reason) => {
    const err = await rejection(readAll(tmp.file('q.csv', `a,b\n${row}\n`)))
    expect(err.code).toBe('BAD_LINE')
    expect(err.line).toBe(2)
    expect(String(err.reason)).toMatch(reason)
  })

  it('an unterminated quoted field at the end is a bad line at the line it started', async () => {
    const err = await rejection(readAll(tmp.file('open.csv', 'a,b\n1,2\n3,"never\nclosed\n')))
    expect(err).toMatchObject({ code: 'BAD_LINE', line: 3, reason: 'unterminated quoted field (a " was never closed)' })
  })

  it('with skipBadLines, short rows are listed and the rest read', async () => {
    const p = tmp.file('skip.csv', 'a,b\n1,2\n3\n4,5\n6,7,8\n')
    const r = await openRecording(p, { skipBadLines: true })
    expect(values(await drain(r))).toEqual([{ a: 1, b: 2 }, { a: 4, b: 5 }])
    expect(r.badLines().map((b) => b.line)).toEqual([3, 5])
    await r.close()
  })

  it('a header with a duplicate column name fails even when skipping bad lines', async () => {
    const err = await rejection(readAll(tmp.file('dup.csv', 'a,b,a\n1,2,3\n'), { skipBadLines: true }))
    expect(err).toMatchObject({ code: 'BAD_LINE', line: 1 })
    expect(String(err.reason)).toContain('"a" appears twice')
  })

  it('reads a gzipped .csv.gz, and a header-only file yields nothing', async () => {
    expect(values(await readAll(tmp.file('z.csv.gz', 'a,b\n1,"x"\n')))).toEqual([{ a: 1, b: 'x' }])
    expect(await readAll(tmp.file('h.csv', 'a,b\n'))).toEqual([])
  })
})
