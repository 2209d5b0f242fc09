// Runs `npx riffle run` (bin/riffle.mjs) as a user would and returns the parsed --out lines.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const root = join(import.meta.dirname, '../..')

export interface OutLine { tag?: string; value: unknown; timestamp: number | null }

export function riffleRun(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 })
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

export function runExample(job: string, recording: string, extra: string[] = []): OutLine[] {
  const r = riffleRun([`examples/${job}`, `recordings/${recording}`, '--out', '-', ...extra])
  if (r.status !== 0) throw new Error(`riffle run ${job} exited ${r.status}:\n${r.stderr}`)
  return r.stdout.trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as OutLine)
}

export function readJsonl<T>(recording: string): T[] {
  return readFileSync(join(root, 'recordings', recording), 'utf8').split('\n').filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T).filter((e) => !Object.keys(e as object).some((k) => k.startsWith('$')))
}
