// Whether a URL is one of the app's own pages: the same scheme and host (with port) as the URL the window
// loads. Origins cannot be compared: Node's and Electron's URL give the origin "null" for app:, file: and
// data: URLs alike, so an origin check would let a file: or data: page pass as the app (and refuse the app).
// Pure (no electron import): the window's navigation guard and the IPC sender check both use it.

/** True when `target` has the scheme and host of `appUrl` (and a host at all: file: and data: never match). */
export function isAppUrl(target: string, appUrl: string): boolean {
  const a = parse(target)
  const b = parse(appUrl)
  if (a === null || b === null || b.host === '') return false
  return a.protocol === b.protocol && a.host === b.host && a.username === '' && a.password === ''
}

function parse(url: string): URL | null {
  try { return new URL(url) } catch { return null }
}
