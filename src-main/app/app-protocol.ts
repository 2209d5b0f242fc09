// Serves the built renderer from app://riffle/ instead of file:// so module workers (Monaco's editor and
// TypeScript workers) load from a standard, secure origin (toolchain P18: workers fail on file:// pages).
import { net, protocol } from 'electron'
import { join, normalize, sep } from 'node:path'
import { pathToFileURL } from 'node:url'

export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://riffle`

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Maps app://riffle/<path> to files under rendererDir; anything outside it is a 404. */
export function serveRenderer(rendererDir: string): void {
  const root = normalize(rendererDir)
  protocol.handle(APP_SCHEME, (request) => {
    const { host, pathname } = new URL(request.url)
    const file = normalize(join(root, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)))
    if (host !== 'riffle' || !file.startsWith(root + sep)) return new Response('Not found', { status: 404 })
    return net.fetch(pathToFileURL(file).toString())
  })
}
