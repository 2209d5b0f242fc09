// npm start rebuilds only when what the build reads changed since the last build: a missing build, no
// stamp, or a changed source means a build; the same sources mean none.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs script without types
import { buildNeeded, sourceFingerprint, writeStamp } from '../../scripts/build-stamp.mjs'

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'riffle-stamp-'))
  const put = (p: string, text: string): void => { mkdirSync(dirname(join(root, p)), { recursive: true }); writeFileSync(join(root, p), text) }
  put('src-main/index.ts', 'export {}\n')
  put('src-renderer/src/App.vue', '<template />\n')
  put('package.json', '{}\n')
  return root
}
const built = (root: string): void => {
  for (const o of ['out/main/index.js', 'out/main/browser-main.js', 'out/renderer/index.html']) {
    mkdirSync(dirname(join(root, o)), { recursive: true })
    writeFileSync(join(root, o), '')
  }
}

describe('build stamp', () => {
  it('asks for a build with no build, then none after one, and again when a source changes', () => {
    const root = project()
    expect(buildNeeded(root)).toBe('no build yet')
    const fp = sourceFingerprint(root)
    built(root)
    expect(buildNeeded(root)).toBe('no record of the last build')
    writeStamp(root, fp)
    expect(buildNeeded(root)).toBeNull()
    writeFileSync(join(root, 'src-renderer/src/App.vue'), '<template><div /></template>\n')
    expect(buildNeeded(root)).toBe('the sources changed since the last build')
    writeStamp(root, sourceFingerprint(root))
    expect(buildNeeded(root)).toBeNull()
    // A touched file (same size, new time) counts as changed; a new source file too.
    const later = new Date(Date.now() + 5_000)
    utimesSync(join(root, 'src-main/index.ts'), later, later)
    expect(buildNeeded(root)).not.toBeNull()
    writeStamp(root, sourceFingerprint(root))
    writeFileSync(join(root, 'src-main/new.ts'), 'export {}\n')
    expect(buildNeeded(root)).not.toBeNull()
  })
})
