// Maps a request path to a file of the built renderer, for both ways the renderer is served (browser mode's
// HTTP server and Electron's app:// protocol): the path is decoded once and must stay inside the folder.
// Never throws: a malformed escape is a 400, a path outside the folder a 404.
import { join, normalize, resolve, sep } from 'node:path'

export type RendererFile = { ok: true; file: string } | { ok: false; status: 400 | 404 }

/** The file under `root` that `pathname` (still percent-encoded, as in a URL) names; "/" is index.html. */
export function rendererFile(root: string, pathname: string): RendererFile {
  let decoded: string
  try { decoded = decodeURIComponent(pathname) } catch { return { ok: false, status: 400 } }
  if (decoded.includes('\0')) return { ok: false, status: 400 }
  const dir = resolve(root)
  const file = normalize(join(dir, decoded === '/' || decoded === '' ? 'index.html' : decoded))
  return file.startsWith(dir + sep) ? { ok: true, file } : { ok: false, status: 404 }
}
