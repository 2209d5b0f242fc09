// Prints a run's job notices (sandbox/job-notices.ts) on standard error, each once: a run over several workers
// hears the same notice from each of them.
import type { JobNoticeView } from '../common/trace-api'
import { noticeId, noticeLine } from '../sandbox/job-notices'
import { shownPath } from '../common/shown-path'

export class NoticePrinter {
  private readonly said = new Set<string>()

  constructor(private readonly write: (text: string) => void = (t) => process.stderr.write(t)) {}

  print(n: JobNoticeView): void {
    const id = noticeId(n)
    if (this.said.has(id)) return
    this.said.add(id)
    this.write(`${noticeLine(n, shownPath(n.file))}\n`)
  }
}
