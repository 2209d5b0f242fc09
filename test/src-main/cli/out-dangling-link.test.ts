// An --out that is a symbolic link to a file not there yet (a dangling link, as a dotfiles setup or a results folder
// of links makes them): the run replaced the link itself with a regular file, so the link was lost and the file it
// names never written. It now writes the file the link names, as it does through a link to an existing file and as
// a shell's `>` does, and the link stays.
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, riffle, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

const JOB = join(ROOT, 'examples/running-count.ts')
const REC = join(ROOT, 'recordings/clicks-small.jsonl')

/**
 * A folder where `d/..` read by its text and read as the system does lead apart: d links to elsewhere/x, so the
 * system's d/.. is elsewhere, while the text's is the folder itself; both have an out/ folder.
 */
function folderLinkCase(): string {
  const d = tempDir()
  mkdirSync(join(d, 'elsewhere', 'x'), { recursive: true })
  mkdirSync(join(d, 'elsewhere', 'out'))
  mkdirSync(join(d, 'out'))
  symlinkSync(join(d, 'elsewhere', 'x'), join(d, 'd'))
  return d
}

describe('--out through a link to a file that does not exist yet', () => {
  it('writes the file the link names (relative to the link\'s folder); the link stays a link', () => {
    const d = tempDir()
    mkdirSync(join(d, 'results'))
    const link = join(d, 'latest.jsonl')
    symlinkSync('results/run-1.jsonl', link)
    const r = riffle('run', JOB, REC, '--out', link)
    expect(r.code, r.stderr).toBe(0)
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(readlinkSync(link)).toBe('results/run-1.jsonl')
    expect(readFileSync(join(d, 'results', 'run-1.jsonl'), 'utf8')).toBe(riffle('run', JOB, REC, '--out', '-').stdout)
  })

  // The link's target was resolved by its text (d/../out taken as ./out) where the system takes `..` after the link d
  // (the folder above where d leads): the run wrote ./out/result.jsonl, and the file the link names stayed missing.
  it('a target through a folder link and `..` is followed as the system does: the file written is the one the link names', () => {
    const d = folderLinkCase()
    const link = join(d, 'latest.jsonl')
    symlinkSync('d/../out/result.jsonl', link)
    const r = riffle('run', JOB, REC, '--out', link)
    expect(r.code, r.stderr).toBe(0)
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(existsSync(join(d, 'out', 'result.jsonl'))).toBe(false)
    expect(readFileSync(link, 'utf8')).toBe(riffle('run', JOB, REC, '--out', '-').stdout)
  })

  // Typed `..` after a folder link was taken by its text too (path.resolve): `--out d/../out/typed.jsonl` wrote
  // ./out/typed.jsonl, where a shell's `>` writes above where d leads.
  it('a typed path with `..` after a folder link goes where a shell\'s > would write', () => {
    const d = folderLinkCase()
    const r = riffle('run', JOB, REC, '--out', join(d, 'd') + '/../out/typed.jsonl')
    expect(r.code, r.stderr).toBe(0)
    expect(existsSync(join(d, 'out', 'typed.jsonl'))).toBe(false)
    expect(readFileSync(join(d, 'elsewhere', 'out', 'typed.jsonl'), 'utf8')).toBe(riffle('run', JOB, REC, '--out', '-').stdout)
  })

  // A loop of links was replaced by a regular file at the end of the run (the loop's link lost); a shell's > refuses it
  // (ELOOP), and so does riffle now, before the run, since the path checked and written is followed as the system does.
  it('a loop of links: exit 2 before the run, saying so; the links stay', () => {
    const d = tempDir()
    symlinkSync(join(d, 'b'), join(d, 'a'))
    symlinkSync(join(d, 'a'), join(d, 'b'))
    const r = riffle('run', JOB, REC, '--out', join(d, 'a'))
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: cannot write --out ${join(d, 'a')}: ${join(d, 'a')} goes through more than 40 links (a loop of links?)\n`)
    expect(readlinkSync(join(d, 'a'))).toBe(join(d, 'b'))
  })

  it('a link into a folder that does not exist: exit 2 before the run, naming that folder; the link stays', () => {
    const d = tempDir()
    const link = join(d, 'latest.jsonl')
    symlinkSync(join(d, 'gone', 'run-1.jsonl'), link)
    const r = riffle('run', JOB, REC, '--out', link)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: cannot write --out ${link}: it is a link to ${join(d, 'gone', 'run-1.jsonl')}, and its folder ${join(d, 'gone')} does not exist\n`)
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(existsSync(join(d, 'gone'))).toBe(false)
  })

  it('a link to a new file inside the state directory is refused as the file itself would be', () => {
    const d = tempDir()
    const state = join(d, 'state')
    const link = join(d, 'latest.jsonl')
    symlinkSync(join(state, 'out.jsonl'), link)
    expect(riffle('run', JOB, REC, '--backend', 'leveldb', '--state-dir', state).code).toBe(0)
    const r = riffle('run', JOB, REC, '--backend', 'leveldb', '--state-dir', state, '--out', link)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: --out ${link} is inside the state directory (${state}), which Riffle replaces or manages: choose a file outside it\n`)
    expect(existsSync(join(state, 'out.jsonl'))).toBe(false)
  })

  it('a link to a new file in the state directory reached through a folder link and `..` is refused too', () => {
    const d = tempDir()
    const state = join(d, 'elsewhere', 'state')
    mkdirSync(join(d, 'elsewhere', 'x'), { recursive: true })
    symlinkSync(join(d, 'elsewhere', 'x'), join(d, 'p'))
    const link = join(d, 'latest.jsonl')
    // p/.. is the folder above where p leads (elsewhere): elsewhere/state/out.jsonl; by its text it read as ./state.
    symlinkSync('p/../state/out.jsonl', link)
    expect(riffle('run', JOB, REC, '--backend', 'leveldb', '--state-dir', state).code).toBe(0)
    const r = riffle('run', JOB, REC, '--backend', 'leveldb', '--state-dir', state, '--out', link)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: --out ${link} is inside the state directory (${state}), which Riffle replaces or manages: choose a file outside it\n`)
    expect(existsSync(join(state, 'out.jsonl'))).toBe(false)
  })
})
