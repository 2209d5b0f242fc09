#!/usr/bin/env node
// `npm start`: builds the app, then opens it in Electron. Where Electron cannot start (no binary — it cannot
// be downloaded here — or no display), serves the same app in browser mode on 127.0.0.1 with a per-launch
// token, prints the URL and says why.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const forceBrowser = process.argv.includes('--browser') || process.env.RIFFLE_BROWSER === '1'

// RIFFLE_SKIP_BUILD=1 reuses out/ as it is (tests that have just built it).
if (process.env.RIFFLE_SKIP_BUILD !== '1') {
  console.log('Riffle: building (electron-vite build)…')
  const build = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (build.status !== 0) {
    console.error('Riffle: the build failed (see above).')
    process.exit(build.status ?? 1)
  }
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

function browserMode(why) {
  console.log(`Riffle: Electron cannot start here: ${why}.`)
  console.log('Riffle: serving the same app in browser mode on 127.0.0.1 instead (Ctrl+C to stop).')
  const child = spawn(process.execPath, [join(root, 'out/main/browser-main.js')], { cwd: root, stdio: 'inherit' })
  const stop = () => child.kill('SIGTERM')
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  child.on('exit', (code) => process.exit(code ?? 0))
}

const electron = electronBinary()
if (forceBrowser) browserMode('browser mode was asked for (--browser)')
else if (!electron.bin) browserMode(electron.reason)
else if (noDisplay()) browserMode('there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)')
else {
  console.log('Riffle: starting Electron…')
  const t0 = Date.now()
  const child = spawn(electron.bin, [root], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d) => { stderr += d; process.stderr.write(d) })
  child.on('error', (err) => browserMode(`Electron failed to launch (${err.message})`))
  child.on('exit', (code) => {
    // A crash in the first seconds means Electron could not run here (missing libraries, no GPU/display).
    if (code !== 0 && Date.now() - t0 < 5000) browserMode(`Electron exited with code ${code} at start-up${stderr ? ': ' + stderr.trim().split('\n').at(-1) : ''}`)
    else process.exit(code ?? 0)
  })
}
