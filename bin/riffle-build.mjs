#!/usr/bin/env node
// Builds the command line, the session worker and browser mode's server from the TypeScript sources into .riffle-build/
// with esbuild, when the sources changed since the last build (so `npx riffle` needs no build step).
import { build } from 'esbuild'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, '.riffle-build')
const stampFile = join(outDir, 'stamp.json')

function newestSource(dir) {
  let newest = 0
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    const st = statSync(p)
    if (st.isDirectory()) newest = Math.max(newest, newestSource(p))
    else if (name.endsWith('.ts')) newest = Math.max(newest, st.mtimeMs)
  }
  return newest
}

export async function ensureBuilt({ quiet = true } = {}) {
  const srcStamp = Math.max(newestSource(join(root, 'src-main')), statSync(fileURLToPath(import.meta.url)).mtimeMs)
  if (existsSync(stampFile)) {
    try {
      if (JSON.parse(readFileSync(stampFile, 'utf8')).srcStamp === srcStamp) return outDir
    } catch { /* rebuild */ }
  }
  mkdirSync(outDir, { recursive: true })
  await build({
    entryPoints: {
      cli: join(root, 'src-main/cli/entry.ts'),
      'session-worker': join(root, 'src-main/worker/session-worker.ts'),
      api: join(root, 'src-main/engine/api/index.ts'),
      // Browser mode's server, for the tests that run it as a child process (the app itself uses out/main/).
      'browser-main': join(root, 'src-main/service/browser-main.ts'),
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: quiet ? 'error' : 'info',
  })
  writeFileSync(stampFile, JSON.stringify({ srcStamp }))
  return outDir
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await ensureBuilt({ quiet: false })
}
