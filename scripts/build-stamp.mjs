// Whether `npm start` must rebuild: a fingerprint of everything the build reads (the sources, the build
// configuration, the installed package versions) is kept beside the build in out/.build-stamp; the build is
// reused while the fingerprint is the same. Sizes and modification times, not contents: cheap on every start.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const SOURCE_DIRS = ['src-main', 'src-renderer']
const SOURCE_FILES = [
  'electron.vite.config.ts', 'scripts/vite-plugin-riffle-dts.ts', 'package.json', 'package-lock.json',
  'tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.electron.json',
]
/** What a finished build must hold for a start to use it. */
const OUTPUTS = ['out/main/index.js', 'out/main/browser-main.js', 'out/renderer/index.html']

export function stampPath(root) { return join(root, 'out', '.build-stamp') }

/** The fingerprint of the build's inputs under `root`. */
export function sourceFingerprint(root) {
  const hash = createHash('sha256')
  const add = (abs) => {
    const st = statSync(abs)
    hash.update(`${relative(root, abs)}\0${st.size}\0${st.mtimeMs}\n`)
  }
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = join(dir, entry.name)
      if (entry.isDirectory()) walk(abs)
      else if (entry.isFile()) add(abs)
    }
  }
  for (const d of SOURCE_DIRS) if (existsSync(join(root, d))) walk(join(root, d))
  for (const f of SOURCE_FILES) if (existsSync(join(root, f))) add(join(root, f))
  return hash.digest('hex')
}

/** Null when the last build is current, else why a build is needed (for the start-up line). */
export function buildNeeded(root) {
  if (OUTPUTS.some((o) => !existsSync(join(root, o)))) return 'no build yet'
  let stamp = ''
  try { stamp = readFileSync(stampPath(root), 'utf8').trim() } catch { return 'no record of the last build' }
  return stamp === sourceFingerprint(root) ? null : 'the sources changed since the last build'
}

/** Records that the build in out/ is of the sources with this fingerprint (taken before the build began). */
export function writeStamp(root, fingerprint) {
  writeFileSync(stampPath(root), fingerprint + '\n')
}
