// isAppUrl through the real URL class, with the URLs Electron reports for the packaged app and the dev server.
import { describe, expect, it } from 'vitest'
import { isAppUrl } from '../../../src-main/app/app-url'

describe('isAppUrl', () => {
  it('matches the packaged app by scheme and host although its origin is "null"', () => {
    expect(new URL('app://riffle/index.html').origin).toBe('null')
    expect(isAppUrl('app://riffle/assets/x.js', 'app://riffle/index.html')).toBe(true)
  })

  it('never matches file:, data:, about:, another app host, credentials or garbage', () => {
    for (const target of ['file:///etc/passwd', 'data:text/html,x', 'about:blank', 'app://evil/', 'app://riffle@evil/',
      'app://user:pw@riffle/', 'APP:/riffle', '', '%%%']) {
      expect(isAppUrl(target, 'app://riffle/index.html'), target).toBe(false)
    }
  })

  it('does not treat a host-less app URL as matching every URL of its scheme', () => {
    expect(isAppUrl('file:///tmp/a.html', 'file:///tmp/index.html')).toBe(false)
  })
})
