// vitest.config.ts's slowest-first order: every file it names exists, and Vitest, given this project's config, starts them
// first and in that order, then every other test file.
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createVitest } from 'vitest/node'
import { SLOWEST_FIRST } from '../../vitest.config'

const ROOT = join(import.meta.dirname, '../..')

describe('the slowest-first sequencer', () => {
  it('names only test files that exist', () => {
    for (const f of SLOWEST_FIRST) expect(existsSync(join(ROOT, f)), f).toBe(true)
    expect(new Set(SLOWEST_FIRST).size).toBe(SLOWEST_FIRST.length)
  })

  it("puts the files it names first, in its order, and keeps every other file", async () => {
    const vitest = await createVitest('test', { watch: false, root: ROOT, reporters: [] })
    try {
      const specs = await vitest.globTestSpecifications()
      const sorted = await new vitest.config.sequence.sequencer(vitest).sort(specs)
      const names = sorted.map((s) => relative(ROOT, s.moduleId))
      expect(names.slice(0, SLOWEST_FIRST.length)).toEqual(SLOWEST_FIRST)
      expect([...names].sort()).toEqual(specs.map((s) => relative(ROOT, s.moduleId)).sort())
    } finally {
      await vitest.close()
    }
  }, 60_000)
})
