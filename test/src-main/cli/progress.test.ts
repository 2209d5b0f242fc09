// The progress line of a long run: what it says, and that it is drawn only on a terminal (the one isTTY
// decision, made on the stream given to the reporter) and erased before the summary.
import { describe, expect, it, vi } from 'vitest'
import { ProgressReporter, progressLine } from '../../../src-main/cli/progress'

function stream(isTTY: boolean): { isTTY: boolean; columns: number; text: string; write(t: string): boolean } {
  return { isTTY, columns: 200, text: '', write(t: string) { this.text += t; return true } }
}

describe('progress', () => {
  it('says records, rate, share of the file and time left', () => {
    expect(progressLine({ records: 1_200_000, fileBytes: 600, totalBytes: 1000 }, 3000))
      .toBe('riffle: 1,200,000 records · 400,000 records/s · 60% of the file · about 2 s left')
    expect(progressLine({ records: 10, fileBytes: 0, totalBytes: 0 }, 1000)).toBe('riffle: 10 records · 10 records/s')
  })

  // A run resumed with --from-savepoint at 90% of the file said "about 1 s left" after a second at 95%, as if it
  // had read the first 90% in that second too: time left is of the bytes this run read, not the file's.
  it('counts the time left from where a resumed run started in the file', () => {
    expect(progressLine({ records: 5000, fileBytes: 950, totalBytes: 1000, startBytes: 900 }, 5000))
      .toBe('riffle: 5,000 records · 1,000 records/s · 95% of the file · about 5 s left')
    expect(progressLine({ records: 5000, fileBytes: 900, totalBytes: 1000, startBytes: 900 }, 5000))
      .toBe('riffle: 5,000 records · 1,000 records/s · 90% of the file')
  })

  it('draws on a terminal and erases the line at the end; writes nothing when not a terminal', async () => {
    vi.useFakeTimers()
    try {
      const sample = { records: 5, fileBytes: 1, totalBytes: 2 }
      const tty = stream(true)
      const r = new ProgressReporter(tty, () => sample, { firstAfterMs: 10, everyMs: 10 })
      r.start()
      await vi.advanceTimersByTimeAsync(35)
      r.stop()
      expect(tty.text).toMatch(/^\r\x1b\[2Kriffle: 5 records/)
      expect(tty.text.endsWith('\r\x1b[2K')).toBe(true)
      const pipe = stream(false)
      const p = new ProgressReporter(pipe, () => sample, { firstAfterMs: 10, everyMs: 10 })
      expect(p.active).toBe(false)
      p.start()
      await vi.advanceTimersByTimeAsync(35)
      p.stop()
      expect(pipe.text).toBe('')
    } finally { vi.useRealTimers() }
  })

  // The job's console lines and notices go to standard error too: one written while the line was shown was glued to
  // it ("... about 5 s leftcheckpoint 200"). The line is erased first, and drawn again below at the next tick.
  it('erases the line before anything else is written to the stream, draws it again after, and lets go at the end', async () => {
    vi.useFakeTimers()
    try {
      const tty = stream(true)
      const r = new ProgressReporter(tty, () => ({ records: 5, fileBytes: 1, totalBytes: 2 }), { firstAfterMs: 10, everyMs: 10 })
      r.start()
      await vi.advanceTimersByTimeAsync(15)
      tty.write('checkpoint 200\n')
      await vi.advanceTimersByTimeAsync(10)
      expect(tty.text).toMatch(/^\r\x1b\[2Kriffle: 5 records[^\r]*\r\x1b\[2Kcheckpoint 200\n\r\x1b\[2Kriffle: 5 records/)
      r.stop()
      const before = tty.text
      tty.write('summary\n')
      expect(tty.text).toBe(`${before}summary\n`)
    } finally { vi.useRealTimers() }
  })
})
