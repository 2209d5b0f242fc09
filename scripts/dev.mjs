#!/usr/bin/env node
// `npm run dev`: development in browser mode with hot reload. Builds the main side once, starts the service
// (browser-main.js, WebSocket only) and the Vite dev server for the renderer, and prints the URL with the
// token. Renderer edits hot-reload; after changing src-main, restart this script.
// (electron-vite dev needs the Electron binary, which cannot be downloaded here: toolchain P4.)
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { createServer } from 'vite'

const root = join(import.meta.dirname, '..')
const DEV_PORT = Number(process.env.RIFFLE_DEV_PORT ?? 5173)
const devOrigin = `http://127.0.0.1:${DEV_PORT}`

console.log('Riffle dev: building the main side…')
const build = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
  cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
})
if (build.status !== 0) process.exit(build.status ?? 1)

const service = spawn(process.execPath, [join(root, 'out/main/browser-main.js'), '--dev-origin', devOrigin], {
  cwd: root, stdio: ['ignore', 'pipe', 'inherit'],
})
const info = await new Promise((resolve, reject) => {
  let out = ''
  service.stdout.on('data', (d) => {
    out += d
    const m = /^RIFFLE_SERVER (.*)$/m.exec(out)
    if (m) resolve(JSON.parse(m[1]))
  })
  service.on('exit', (code) => reject(new Error(`the service exited with ${code}`)))
})
service.stdout.pipe(process.stdout)

const vite = await createServer({
  configFile: join(root, 'vite.renderer.config.ts'),
  server: { host: '127.0.0.1', port: DEV_PORT, strictPort: true },
})
await vite.listen()
console.log(`Riffle dev: open ${devOrigin}/?token=${encodeURIComponent(info.token)}&ws=${info.port}`)

const stop = async () => { service.kill('SIGTERM'); await vite.close(); process.exit(0) }
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
