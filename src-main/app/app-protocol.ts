// Serves the built renderer from app://riffle/ instead of file:// so module workers (Monaco's editor and
// TypeScript workers) load from a standard, secure origin (toolchain P18: workers fail on file:// pages).
import { net, protocol } from 'electron'
import { pathToFileURL } from 'node:url'
import { rendererFile } from '../service/renderer-file'

export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://riffle`

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Maps app://riffle/<path> to files under rendererDir; anything outside it is a 404, a malformed path a 400. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = URL.canParse(request.url) ? new URL(request.url) : null
    if (url === null || url.host !== 'riffle') return new Response('Not found', { status: 404 })
    const found = rendererFile(rendererDir, url.pathname)
    if (!found.ok) return new Response(found.status === 400 ? 'Bad request' : 'Not found', { status: found.status })
    return net.fetch(pathToFileURL(found.file).toString())
  })
}
