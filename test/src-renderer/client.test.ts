// Browser mode's client finds the service from the page URL: the token (and, under the dev server, the
// service port) become the WebSocket URL.
import { describe, expect, it } from 'vitest'
import { websocketUrl } from '../../src-renderer/src/client'

describe('websocketUrl', () => {
  it('uses the page host and the token from the URL', () => {
    expect(websocketUrl({ search: '?token=a%2Bb', hostname: '127.0.0.1', host: '127.0.0.1:4100' })).toBe('ws://127.0.0.1:4100/rpc?token=a%2Bb')
  })
  it('uses the service port named by ?ws= under the dev server', () => {
    expect(websocketUrl({ search: '?token=t&ws=4200', hostname: '127.0.0.1', host: '127.0.0.1:5173' })).toBe('ws://127.0.0.1:4200/rpc?token=t')
  })
  it("falls back to the tab's saved token after the address bar was cleaned", () => {
    expect(websocketUrl({ search: '', hostname: '127.0.0.1', host: '127.0.0.1:4100' }, { token: 'saved', ws: null })).toBe('ws://127.0.0.1:4100/rpc?token=saved')
  })
})
