// Paths the renderer sends are checked as the disk has them: a link inside the workspace that leads out of it
// (to /etc, through a chain of links, a dangling link whose target a write would create, `..` after a link) is
// refused for reads and writes with a message naming the link and where it leads; links that stay inside work.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Workspace } from '../../../src-main/service/workspace'

const base = realpathSync(mkdtempSync(join(tmpdir(), 'riffle-ws-links-')))
afterAll(() => rmSync(base, { recursive: true, force: true }))
const project = join(base, 'project')
const workspace = join(base, 'workspace')
const outside = join(base, 'outside')
for (const d of [project, workspace, outside, join(outside, 'sub')]) mkdirSync(d, { recursive: true })
writeFileSync(join(outside, 'secret.ts'), 'export const secret = 1\n')
writeFileSync(join(workspace, 'job.ts'), 'export const job = 1\n')
mkdirSync(join(workspace, 'jobs'))
symlinkSync('/etc', join(workspace, 'etc'))
symlinkSync(outside, join(workspace, 'out'))
symlinkSync(join(outside, 'secret.ts'), join(workspace, 'secret.ts'))
symlinkSync(join(workspace, 'out'), join(workspace, 'chain'))
symlinkSync(join(outside, 'created.ts'), join(workspace, 'dangling.ts'))
symlinkSync(join(outside, 'sub'), join(workspace, 'sub'))
symlinkSync('../new.ts', join(outside, 'sub', 'up.ts'))
symlinkSync(join(workspace, 'jobs'), join(workspace, 'inner'))
const ws = new Workspace({ projectRoot: project, workspace })

describe('a link inside the workspace', () => {
  it('to /etc is refused for reading, naming the link and where it leads', async () => {
    await expect(ws.read(join(workspace, 'etc/hostname'))).rejects.toThrow(`through the link ${join(workspace, 'etc')} to /etc/hostname`)
    expect(() => ws.resolveReadable('etc/passwd', 'workspace')).toThrow(/outside the workspace, examples\/ and recordings\//)
  })

  it('to a file outside is refused for reading and writing, and the file is left alone', async () => {
    await expect(ws.read(join(workspace, 'secret.ts'))).rejects.toThrow(`the link ${join(workspace, 'secret.ts')} to ${join(outside, 'secret.ts')}`)
    await expect(ws.save('secret.ts', 'overwritten')).rejects.toThrow(/outside the workspace folder/)
    expect(readFileSync(join(outside, 'secret.ts'), 'utf8')).toBe('export const secret = 1\n')
  })

  it('through a chain of links is refused, naming the first link and the end of the chain', async () => {
    await expect(ws.read(join(workspace, 'chain/secret.ts'))).rejects.toThrow(`the link ${join(workspace, 'chain')} to ${join(outside, 'secret.ts')}`)
    await expect(ws.save('chain/new.ts', 'x')).rejects.toThrow(/outside the workspace folder/)
    expect(existsSync(join(outside, 'new.ts'))).toBe(false)
  })

  it('that dangles is not followed by a write: its target outside is not created', async () => {
    await expect(ws.save('dangling.ts', 'x')).rejects.toThrow(`the link ${join(workspace, 'dangling.ts')} to ${join(outside, 'created.ts')}`)
    await expect(ws.save('out/made/new.ts', 'x')).rejects.toThrow(/outside the workspace folder/)
    expect(existsSync(join(outside, 'created.ts'))).toBe(false)
    expect(existsSync(join(outside, 'made'))).toBe(false)
  })

  it('followed by a relative link with `..` is resolved as the disk does, not as typed', async () => {
    // sub -> outside/sub, and outside/sub/up.ts -> ../new.ts (dangling): the write would land in outside/new.ts.
    await expect(ws.save('sub/up.ts', 'x')).rejects.toThrow(`the link ${join(workspace, 'sub')} to ${join(outside, 'new.ts')}`)
    expect(existsSync(join(outside, 'new.ts'))).toBe(false)
    // `..` after a link in what the user typed is taken as typed (the file opened is the one checked): it stays inside.
    expect((await ws.read(join(workspace, 'out/../job.ts'))).source).toBe('export const job = 1\n')
    expect(ws.resolveReadable('sub/../job.ts', 'workspace')).toBe(join(workspace, 'job.ts'))
  })

  it('that stays inside the workspace works for reading and writing', async () => {
    await ws.save('inner/linked.ts', 'export const linked = 1\n')
    expect(readFileSync(join(workspace, 'jobs/linked.ts'), 'utf8')).toBe('export const linked = 1\n')
    expect((await ws.read(join(workspace, 'inner/linked.ts'))).source).toBe('export const linked = 1\n')
  })

  it('to a file inside is written through (the file it names changes; the link stays)', async () => {
    writeFileSync(join(workspace, 'jobs/target.ts'), 'old\n')
    symlinkSync(join(workspace, 'jobs/target.ts'), join(workspace, 'alias.ts'))
    await ws.save('alias.ts', 'new\n')
    expect(readFileSync(join(workspace, 'jobs/target.ts'), 'utf8')).toBe('new\n')
    expect(lstatSync(join(workspace, 'alias.ts')).isSymbolicLink()).toBe(true)
  })

  // The check and the write were apart: a link put where the checked file was, after the check (the save checks at
  // once, then waits for its folder), was followed by the write, and the file outside was overwritten.
  it('swapped in for the file after the check is refused by the write, not followed: the file outside is untouched', async () => {
    writeFileSync(join(outside, 'victim.ts'), 'keep me\n')
    const saving = ws.save('swapped.ts', 'overwritten') // checked now: a new file inside the workspace
    symlinkSync(join(outside, 'victim.ts'), join(workspace, 'swapped.ts'))
    await expect(saving).rejects.toThrow(`The path swapped.ts became a link while it was saved (${join(workspace, 'swapped.ts')}); nothing was written.`)
    expect(readFileSync(join(outside, 'victim.ts'), 'utf8')).toBe('keep me\n')
    // Swapped for a dangling link: its target outside is not created either.
    const again = ws.save('swapped-new.ts', 'x')
    symlinkSync(join(outside, 'made-by-save.ts'), join(workspace, 'swapped-new.ts'))
    await expect(again).rejects.toThrow(/became a link while it was saved/)
    expect(existsSync(join(outside, 'made-by-save.ts'))).toBe(false)
  })

  it('in a loop is refused, not followed forever', async () => {
    symlinkSync(join(workspace, 'loop-b'), join(workspace, 'loop-a'))
    symlinkSync(join(workspace, 'loop-a'), join(workspace, 'loop-b'))
    await expect(ws.save('loop-a/x.ts', 'x')).rejects.toThrow(/cannot be followed: .* more than 40 links/)
  })

  it('(or in examples/) leading out is not listed as an example (its first line would show as the title) and does not open', async () => {
    mkdirSync(join(project, 'examples'), { recursive: true })
    writeFileSync(join(project, 'examples/own.ts'), '// Own example\n')
    writeFileSync(join(outside, 'private.ts'), '// private first line\n')
    symlinkSync(join(outside, 'private.ts'), join(project, 'examples/leak.ts'))
    expect((await ws.listExamples()).map((e) => [e.name, e.title])).toEqual([['own.ts', 'Own example']])
    await expect(ws.read('examples/leak.ts')).rejects.toThrow(`the link ${join(project, 'examples/leak.ts')} to ${join(outside, 'private.ts')}`)
  })

  it('a savepoint folder through a dangling link out is refused too', () => {
    symlinkSync(join(outside, 'sp'), join(workspace, 'sp-link'))
    expect(() => ws.resolveSavepointDir('sp-link', 'write')).toThrow(`through the link ${join(workspace, 'sp-link')} to ${join(outside, 'sp')}`)
  })
})
