#!/usr/bin/env node
// `npm start`: builds the app when its sources changed since the last build, then opens it in Electron.
// Where Electron cannot start (no binary — it cannot be downloaded here — or no display), or with --browser,
// serves the same app in browser mode on 127.0.0.1 with a per-launch token and prints a short banner: what
// opened, the URL, how to stop. The terminal stays with Riffle until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildNeeded, sourceFingerprint, writeStamp } from './build-stamp.mjs'

const root = join(import.meta.dirname, '..')
const forceBrowser = process.argv.includes('--browser') || process.env.RIFFLE_BROWSER === '1'
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version

// RIFFLE_SKIP_BUILD=1 reuses out/ as it is (tests that have just built it).
const why = process.env.RIFFLE_SKIP_BUILD === '1' ? null : buildNeeded(root)
if (why !== null) {
  console.log(`Riffle: building (${why})…`)
  const fingerprint = sourceFingerprint(root)
  // The build tool's own output (its timing table) only matters when the build fails.
  const build = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024,
  })
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`)
    console.error('Riffle: the build failed (see above).')
    process.exit(build.status ?? 1)
  }
  writeStamp(root, fingerprint)
}

/** The Electron binary's path, or the reason there is none (without triggering electron's lazy download). */
function electronBinary() {
  const pkg = join(root, 'node_modules/electron')
  if (!existsSync(pkg)) return { reason: 'the electron package is not installed' }
  const pathTxt = join(pkg, 'path.txt')
  if (!existsSync(pathTxt)) {
    return { reason: 'no Electron binary is installed (node_modules/electron/dist is missing: the binary download is not reachable from this machine)' }
  }
  const bin = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim())
  return existsSync(bin) ? { bin } : { reason: `the Electron binary ${bin} is missing` }
}

function noDisplay() {
  return process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
}

/** Serves the app in browser mode; `reason` says why (asked for, or why Electron cannot start). */
function browserMode(reason) {
  const child = spawn(process.execPath, [join(root, 'out/main/browser-main.js')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  let pending = ''
  // The server's machine-readable line (for test harnesses) becomes the banner; anything else passes through.
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk) => {
    pending += chunk
    let nl
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl)
      pending = pending.slice(nl + 1)
      const m = /^RIFFLE_SERVER (.*)$/.exec(line)
      if (m) banner(JSON.parse(m[1]).url, reason)
      else if (!line.startsWith('Riffle is running in browser mode')) console.log(line)
    }
  })
  const stop = () => child.kill('SIGTERM')
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  child.on('exit', (code) => {
    console.log('Riffle: stopped.')
    process.exit(code ?? 0)
  })
}

function banner(url, reason) {
  console.log([
    '',
    `  Riffle ${version} is running in browser mode (${reason}).`,
    '',
    `    open ${url}`,
    '',
    '  in Chromium or Chrome: the link carries this launch\'s token, so keep it to yourself.',
    '  Press Ctrl+C here to stop Riffle; this terminal stays with it while it runs.',
    '',
  ].join('\n'))
}

const electron = electronBinary()
if (forceBrowser) browserMode('asked for with --browser')
else if (!electron.bin) browserMode(`Electron cannot start here: ${electron.reason}`)
else if (noDisplay()) browserMode('Electron cannot start here: there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)')
else {
  console.log('Riffle: starting Electron…')
  const t0 = Date.now()
  const child = spawn(electron.bin, [root], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d) => { stderr += d; process.stderr.write(d) })
  child.on('error', (err) => browserMode(`Electron cannot start here: it failed to launch (${err.message})`))
  child.on('exit', (code) => {
    // A crash in the first seconds means Electron could not run here (missing libraries, no GPU/display).
    if (code !== 0 && Date.now() - t0 < 5000) browserMode(`Electron cannot start here: it exited with code ${code} at start-up${stderr ? ': ' + stderr.trim().split('\n').at(-1) : ''}`)
    else process.exit(code ?? 0)
  })
}
