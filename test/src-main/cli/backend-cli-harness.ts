// Test harness for the backend, savepoint and crash tests of the command line: runs
// `node bin/riffle.mjs run ...` in a child process (the real CLI, worker thread and LevelDB included)
// and hands back its exit status, standard error and --out file; plus temp folders and test jobs.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll } from 'vitest'

export const ROOT = resolve(__dirname, '../../..')
export const RIFFLE_BIN = join(ROOT, 'bin/riffle.mjs')
export const example = (name: string): string => join(ROOT, 'examples', name)
export const recording = (name: string): string => join(ROOT, 'recordings', name)

export interface CliResult { code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }

/** Builds the CLI once before the file's tests, so parallel spawns never race to build it. */
export function buildCliBeforeAll(): void {
  beforeAll(async () => {
    const { ensureBuilt } = (await import(join(ROOT, 'bin/riffle-build.mjs'))) as { ensureBuilt: () => Promise<string> }
    await ensureBuilt()
  })
}

/** Starts `riffle run ARGS...`; env adds to this process's environment. */
export function spawnRiffle(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [RIFFLE_BIN, 'run', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Waits for a spawned run to exit and collects what it printed. */
export function collect(child: ChildProcess): Promise<CliResult> {
  let stderr = ''
  let stdout = ''
  child.stderr?.setEncoding('utf8').on('data', (d: string) => { stderr += d })
  child.stdout?.setEncoding('utf8').on('data', (d: string) => { stdout += d })
  return new Promise((res, rej) => {
    child.on('error', rej)
    child.on('close', (code, signal) => res({ code, signal, stderr, stdout }))
  })
}

/** Runs `riffle run ARGS...` to its end. */
export function riffle(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return collect(spawnRiffle(args, env))
}

/** Runs and fails with the CLI's own message unless it exits 0. */
export async function riffleOk(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const r = await riffle(args, env)
  if (r.code !== 0) throw new Error(`riffle run ${args.join(' ')} exited ${r.code ?? r.signal}:\n${r.stderr}`)
  return r
}

const dirs: string[] = []
afterAll(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }) })

/** A fresh temporary folder, removed after the file's tests. */
export function tempDir(prefix = 'riffle-cli-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(d)
  return d
}

/** Writes a file into dir and returns its path. */
export function writeIn(dir: string, name: string, text: string): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

/** A recording file from values (objects as JSON lines). */
export function writeRecording(dir: string, name: string, lines: unknown[]): string {
  return writeIn(dir, name, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
}

export const readText = (p: string): string => readFileSync(p, 'utf8')

/**
 * The temporary siblings a running `--out FILE` is written to (.FILE.tmp-PID-RAND) until the run
 * succeeds and renames it over FILE.
 */
export function outputTemps(out: string): string[] {
  const prefix = `.${basename(out)}.tmp-`
  return readdirSync(dirname(out)).filter((n) => n.startsWith(prefix)).map((n) => join(dirname(out), n))
}

/** Bytes of --out FILE written so far: in FILE's temporary sibling while the run goes on. */
export function outputBytes(out: string): number {
  let n = 0
  for (const p of outputTemps(out)) try { n += statSync(p).size } catch { /* renamed meanwhile */ }
  return n
}
