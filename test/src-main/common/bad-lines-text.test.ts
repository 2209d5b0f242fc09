// The bad-line count's wording: singular for one, plural otherwise, and the recording catalog uses it.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { badLinesText } from '../../../src-main/common/bad-lines-text'
import { scanForCatalog } from '../../../src-main/service/create-service'

describe('badLinesText', () => {
  it('says "1 bad line" for one and "N bad lines" otherwise', () => {
    expect(badLinesText(1)).toBe('1 bad line')
    expect(badLinesText(2)).toBe('2 bad lines')
    expect(badLinesText(0)).toBe('0 bad lines')
    expect(badLinesText(1234)).toBe('1,234 bad lines')
  })

  it('is the wording of a recording with one bad line in the catalog', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'riffle-badlines-'))
    const path = join(dir, 'one-bad.jsonl')
    writeFileSync(path, '{"key":"a","timestamp":1,"value":1}\nnot json\n{"key":"a","timestamp":2,"value":2}\n')
    const info = await scanForCatalog(path)
    expect(info.error).toMatch(/^1 bad line \(first at line 2: /)
  })
})
