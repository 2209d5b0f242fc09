// The crash guard in a real child process (Vitest watches rejections in its own process): an unhandled
// rejection is logged and the process goes on; without the guard the same script dies.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import { describe, expect, it } from 'vitest'

const guard = join(import.meta.dirname, '../../../src-main/service/crash-guard.ts')

function runScript(withGuard: boolean): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'riffle-guard-'))
  const entry = join(dir, 'entry.ts')
  writeFileSync(entry, `${withGuard ? `import { installCrashGuard } from ${JSON.stringify(guard)}\ninstallCrashGuard()\n` : ''}
void Promise.reject(new Error('dropped on the floor'))
setTimeout(() => { process.stdout.write('still serving\\n') }, 50)
`)
  buildSync({ entryPoints: [entry], outfile: join(dir, 'entry.mjs'), bundle: true, format: 'esm', platform: 'node', logLevel: 'error' })
  const r = spawnSync(process.execPath, [join(dir, 'entry.mjs')], { encoding: 'utf8' })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('crash guard', () => {
  it('an unhandled rejection is logged with its reason and the process keeps running', () => {
    const r = runScript(true)
    expect(r.stdout).toContain('still serving')
    expect(r.stderr).toMatch(/unhandled promise rejection[\s\S]*dropped on the floor/)
    expect(r.status).toBe(0)
  })

  it('without it the same rejection ends the process (what the guard is for)', () => {
    const r = runScript(false)
    expect(r.stdout).not.toContain('still serving')
    expect(r.status).not.toBe(0)
  })
})
