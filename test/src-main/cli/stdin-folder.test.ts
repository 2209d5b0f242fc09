// `riffle run JOB - < DIR` (a folder given as standard input, a slip for a file in it): the copy of standard input
// read nothing, and the run "succeeded" on an empty recording, exit 0. It is now refused, exit 2, saying standard
// input is a folder.
import { spawnSync } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/run-inline'
import { buildRiffleOnce, ROOT } from '../helpers/riffle-cli'

buildRiffleOnce()

describe('standard input that is a folder', () => {
  it.each(['run', 'trace'])('riffle %s JOB -: exit 2, saying standard input is a folder', (cmd) => {
    const fd = openSync(tempDir(), 'r')
    try {
      const args = [join(ROOT, 'bin/riffle.mjs'), cmd, join(ROOT, 'examples/running-count.ts'), '-', ...(cmd === 'trace' ? ['--step', '1'] : [])]
      const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8', timeout: 60_000 })
      expect(r.status, r.stderr).toBe(2)
      expect(r.stderr).toBe('riffle: BAD_ARGUMENT: the recording "-" means standard input, which is a folder here (JOB - < FOLDER): redirect a recording file, or name it\n')
    } finally {
      closeSync(fd)
    }
  })
})
