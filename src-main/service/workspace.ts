// File access for the service: which folders the app may read and write, listing job files and examples,
// reading and saving job sources. Every path a renderer sends is resolved and checked here, so a request
// cannot reach outside the workspace, examples/ and recordings/ (or a file the user picked in a native dialog).
import { constants } from 'node:fs'
import { mkdir, open, readdir, readFile, stat } from 'node:fs/promises'
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { ExampleInfo, JobFile } from '../common/contract'
import { RiffleError } from '../common/errors'
import { jobFileNotUtf8 } from '../sandbox/job-file-check'
import { pathOnDisk } from '../common/path-on-disk'

export interface WorkspaceOptions {
  /** The project folder holding examples/ and recordings/. */
  projectRoot: string
  /** Where job files are listed, opened and saved (created on first save). */
  workspace: string
}

const JOB_EXT = new Set(['.ts', '.js', '.mjs', '.mts', '.py'])
const MAX_JOB_BYTES = 5_000_000

/** A path the workspace refuses (outside the allowed folders, or not a job file). */
export class WorkspaceError extends RiffleError {
  constructor(message: string) { super('BAD_ARGUMENT', message) }
}

export class Workspace {
  readonly projectRoot: string
  readonly workspace: string
  readonly examplesDir: string
  readonly recordingsDir: string
  /** Files the user chose in a native dialog: allowed even outside the folders above. */
  private readonly approved = new Set<string>()

  constructor(opts: WorkspaceOptions) {
    this.projectRoot = resolve(opts.projectRoot)
    this.workspace = resolve(opts.workspace)
    this.examplesDir = join(this.projectRoot, 'examples')
    this.recordingsDir = join(this.projectRoot, 'recordings')
  }

  approve(path: string): string {
    const abs = resolve(path)
    this.approved.add(abs)
    return abs
  }

  /**
   * Resolves a path for reading; refuses anything outside. Relative paths are relative to the project root
   * (requests name "examples/x.ts", "recordings/y.jsonl"), or to the workspace for what a user types in
   * "Open path…" (`from: 'workspace'`, as its tooltip says).
   */
  resolveReadable(path: string, from: 'project' | 'workspace' = 'project'): string {
    const abs = isAbsolute(path) ? resolve(path) : resolve(from === 'workspace' ? this.workspace : this.projectRoot, path)
    if (this.approved.has(abs)) return abs
    const roots = [this.workspace, this.examplesDir, this.recordingsDir]
    const inRoots = (p: string, real: boolean): boolean => roots.some((root) => within(real ? onDisk(root) : root, p))
    checked(path, abs, inRoots, 'outside the workspace, examples/ and recordings/')
    return abs
  }

  /** Resolves a path for saving (relative paths are relative to the workspace); only the workspace or approved files. */
  resolveWritable(path: string): string {
    return this.writeTarget(path).abs
  }

  /** resolveWritable's path, and the file it leads to on disk as checked (the one save() writes). */
  private writeTarget(path: string): { abs: string; real: string } {
    const abs = isAbsolute(path) ? resolve(path) : resolve(this.workspace, path)
    if (this.approved.has(abs)) return { abs, real: onDisk(abs) }
    const inWorkspace = (p: string, real: boolean): boolean => within(real ? onDisk(this.workspace) : this.workspace, p)
    const real = checked(path, abs, inWorkspace, `outside the workspace folder ${this.workspace}`)
    if (!JOB_EXT.has(extname(abs))) throw badPath(path, 'must end in .ts, .js, .mjs, .mts or .py')
    return { abs, real }
  }

  /**
   * A savepoint folder a user typed, resolved like "Open path…" (relative to the workspace). Written only inside the
   * workspace; read from the workspace, examples/ or recordings/.
   */
  resolveSavepointDir(path: string, use: 'write' | 'read'): string {
    // A NUL byte reaches no file (Node refuses it deep in fs with a message that names no path).
    if (path.includes('\0')) throw badPath(JSON.stringify(path), 'holds a NUL character')
    if (use === 'read') return this.resolveReadable(path, 'workspace')
    const abs = isAbsolute(path) ? resolve(path) : resolve(this.workspace, path)
    // The workspace folder itself is not a savepoint's place: it holds the user's jobs. Checked on the path as the
    // disk has it too: a link inside the workspace to a folder outside would have the savepoint written out there.
    const inside = (p: string, real: boolean): boolean => {
      const root = real ? onDisk(this.workspace) : this.workspace
      return p !== root && within(root, p)
    }
    checked(path, abs, inside, `not a folder inside the workspace folder ${this.workspace}`)
    return abs
  }

  async listJobs(): Promise<string[]> {
    const found: string[] = []
    await walk(this.workspace, 3, found)
    return found.sort()
  }

  async listExamples(): Promise<ExampleInfo[]> {
    let names: string[]
    try { names = await readdir(this.examplesDir) } catch { return [] }
    const out: ExampleInfo[] = []
    for (const name of names.sort()) {
      if (!JOB_EXT.has(extname(name))) continue
      const path = join(this.examplesDir, name)
      // A link in examples/ leading out is not read: its first line would show as the title, and it would not open.
      try { this.resolveReadable(path) } catch { continue }
      const head = (await readFile(path, 'utf8')).slice(0, 400)
      // The first comment line (`//` in TypeScript, `#` in Python) is the title.
      const m = /^\s*(?:\/\/|#)\s*(.+)$/m.exec(head)
      out.push({ name, path, title: m ? m[1].trim() : basename(name, extname(name)) })
    }
    return out
  }

  async read(path: string): Promise<JobFile> {
    const abs = this.resolveReadable(path)
    let info
    try { info = await stat(abs) } catch { throw badPath(path, 'does not exist') }
    if (!info.isFile()) throw badPath(path, 'is not a file')
    if (info.size > MAX_JOB_BYTES) throw badPath(path, `is larger than ${MAX_JOB_BYTES} bytes`)
    const bytes = await readFile(abs)
    // Not opened with U+FFFD in place of the bad bytes: saved back from the editor, they would be lost.
    const bad = jobFileNotUtf8(path, bytes)
    if (bad !== null) throw new WorkspaceError(`${bad.message}, then open it again.`)
    return { path: abs, source: bytes.toString('utf8') }
  }

  async save(path: string, source: string): Promise<JobFile> {
    const { abs, real } = this.writeTarget(path)
    await mkdir(dirname(real), { recursive: true })
    // The file checked is written, and only it: a link put in its place after the check (another process, between
    // the check and this open) is refused by O_NOFOLLOW, not followed out of the workspace. A link that was there at
    // the check and leads inside is written through, since `real` is where it led.
    let fh
    try {
      fh = await open(real, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0), 0o666)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new WorkspaceError(`The path ${path} became a link while it was saved (${real}); nothing was written.`)
      throw err
    }
    try { await fh.writeFile(source, 'utf8') } finally { await fh.close() }
    return { path: abs, source }
  }

  /** A display path: relative to the project root when inside it. */
  display(abs: string): string {
    const rel = relative(this.projectRoot, abs)
    return rel.startsWith('..') || isAbsolute(rel) ? abs : rel
  }
}

/** `abs` with its links followed (a root folder that is a link, such as macOS's /tmp, compares as its target). */
function onDisk(abs: string): string {
  try { return pathOnDisk(abs).real } catch { return abs }
}

/**
 * The one check of a path the renderer sends: `allowed` must hold for the path as typed (real = false) and for where it
 * leads on disk (real = true), so a link inside the workspace cannot lead a read or a write outside it. `where` says
 * what the path would be otherwise. Returns where the path led at the check: the file a write opens (and no other).
 */
function checked(path: string, abs: string, allowed: (p: string, real: boolean) => boolean, where: string): string {
  if (!allowed(abs, false)) throw badPath(path, `is ${where}`)
  let disk
  try { disk = pathOnDisk(abs) } catch (err) { throw badPath(path, `cannot be followed: ${(err as Error).message}`) }
  if (!allowed(disk.real, true)) throw badPath(path, `leads through the link ${disk.via ?? abs} to ${disk.real}, ${where}`)
  return disk.real
}

function within(root: string, abs: string): boolean {
  return abs === root || abs.startsWith(root.endsWith(sep) ? root : root + sep)
}

function badPath(path: string, why: string): WorkspaceError {
  return new WorkspaceError(`The path ${path} ${why}.`)
}

async function walk(dir: string, depth: number, out: string[]): Promise<void> {
  let entries
  try { entries = await readdir(dir, { withFileTypes: true }) } catch { return }
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue
    const p = join(dir, e.name)
    if (e.isDirectory() && depth > 0) await walk(p, depth - 1, out)
    else if (e.isFile() && JOB_EXT.has(extname(e.name))) out.push(p)
  }
}
