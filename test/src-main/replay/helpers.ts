// Test helpers for the recording readers: temp files and draining a reader.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { openRecording } from '../../../src-main/replay'
import type { OpenRecordingOptions, RecordingItem, RecordingReader } from '../../../src-main/replay'

export interface TempDir { dir: string; file(name: string, content: string | Buffer): string; remove(): void }

export function tempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'riffle-replay-'))
  return {
    dir,
    file(name: string, content: string | Buffer): string {
      const p = join(dir, name)
      writeFileSync(p, name.endsWith('.gz') ? gzipSync(content) : content)
      return p
    },
    remove(): void { rmSync(dir, { recursive: true, force: true }) },
  }
}

export async function drain(reader: RecordingReader, batch?: number): Promise<RecordingItem[]> {
  const all: RecordingItem[] = []
  for (;;) {
    const b = await reader.nextBatch(batch)
    if (b.length === 0) return all
    for (const x of b) all.push(x)
  }
}

export async function readAll(path: string, opts?: OpenRecordingOptions, batch?: number): Promise<RecordingItem[]> {
  const r = await openRecording(path, opts)
  try {
    return await drain(r, batch)
  } finally {
    await r.close()
  }
}

/** The first error a promise rejects with (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p
  } catch (err) {
    return err as Record<string, unknown>
  }
  throw new Error('expected a rejection')
}
