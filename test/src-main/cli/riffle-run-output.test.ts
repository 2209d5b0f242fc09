// `npx riffle run`'s output as a user sees it (docs/command-line.md): spawned as `node bin/riffle.mjs`, checking
// the exact --out format, the summary and progress on standard error, an --out that cannot be written and a
// reader of --out - that goes away.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RIFFLE, writeCase } from '../helpers/run-inline'
import { scriptJob } from '../helpers/script-job'
import { buildRiffleOnce, riffle, ROOT, SCRIPT_LINES } from '../helpers/riffle-cli'

const root = ROOT
const lines = SCRIPT_LINES
buildRiffleOnce()

describe('riffle run: output and summary', () => {
  it('--out - prints exactly {"value":V,"timestamp":T} and {"tag":"ID","value":V,"timestamp":T} lines in emission order', async () => {
    const c = writeCase(scriptJob(), lines)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '-')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe([
      '{"value":{"in":"a","key":"a","ts":1,"wm":-9223372036854776000,"pt":1},"timestamp":1}',
      '{"tag":"side","value":{"sideOf":"a"},"timestamp":1}',
      '{"value":{"in":"b","key":"b","ts":2,"wm":0,"pt":2},"timestamp":2}',
      '{"value":{"in":"a","key":"a","ts":20,"wm":1,"pt":20},"timestamp":20}',
      '{"value":{"fired":10,"key":"a","domain":"EVENT_TIME","ts":10,"wm":19,"pt":20},"timestamp":10}',
      '',
    ].join('\n'))
  })

  it('--out FILE writes the same bytes as --out -, and a second run writes identical bytes (determinism)', async () => {
    const c = writeCase(scriptJob(), lines)
    const toStdout = riffle('run', c.jobPath, c.recordingPath, '--out', '-').stdout
    const f1 = join(c.dir, 'o1.jsonl')
    const f2 = join(c.dir, 'o2.jsonl')
    expect(riffle('run', c.jobPath, c.recordingPath, '--out', f1).code).toBe(0)
    expect(riffle('run', c.jobPath, c.recordingPath, '--out', f2).code).toBe(0)
    expect(readFileSync(f1, 'utf8')).toBe(toStdout)
    expect(readFileSync(f2, 'utf8')).toBe(toStdout)
  })

  it('prints the summary on standard error: records in, records out, keys, pending timers, time', async () => {
    const c = writeCase(scriptJob(), lines)
    const r = riffle('run', c.jobPath, c.recordingPath)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('') // without --out nothing goes to standard output
    expect(r.stderr).toMatch(/done in \d+\.\d\d s/)
    expect(r.stderr).toMatch(/records in:\s+3\n/)
    expect(r.stderr).toMatch(/records out:\s+4 \(\+ 1 side output records\)/)
    expect(r.stderr).toMatch(/keys seen:\s+2\n/)
    expect(r.stderr).toMatch(/pending timers:\s+1 \(event time 0, processing time 1\)/)
    expect(r.stderr).toContain('add --out FILE to keep them, or --out - to print them')
    expect(riffle('run', c.jobPath, c.recordingPath, '--out', '-').stderr).not.toContain('add --out FILE')
  })

  it('shows progress on a terminal (a pseudo-terminal from script(1)) and nothing when standard error is a pipe', () => {
    const clicks = join(root, 'recordings/clicks.jsonl')
    const job = join(root, 'examples/sessionizer-fixed.ts')
    const cmd = `${process.execPath} ${join(root, 'bin/riffle.mjs')} run ${job} ${clicks}`
    const env = { ...process.env, RIFFLE_PROGRESS_AFTER_MS: '0' }
    const tty = spawnSync('script', ['-qfec', cmd, '/dev/null'], { cwd: root, encoding: 'utf8', timeout: 60_000, env })
    expect(tty.status, tty.stdout).toBe(0)
    expect(tty.stdout).toMatch(/\r\x1b\[2Kriffle: [\d,]+ records · [\d,]+ records\/s · \d+% of the file · about \d+ s left/)
    expect(tty.stdout).toMatch(/\x1b\[2Kriffle: done in/) // the line is erased before the summary
    const piped = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', job, clicks], { cwd: root, encoding: 'utf8', timeout: 60_000, env })
    expect(piped.status).toBe(0)
    expect(piped.stderr).not.toMatch(/records\/s ·|\r|\x1b/)
  })

  // `--out -` on a terminal printed each record glued to the progress line ("... about 13 s left{"value":75,...}"),
  // the line drawn again between records: the records are the progress there, as curl leaves its meter out.
  it('shows no progress line while --out - prints the records on the same terminal; does when they go to a pipe', () => {
    const clicks = join(root, 'recordings/clicks.jsonl')
    const job = join(root, 'examples/sessionizer-fixed.ts')
    const run = `${process.execPath} ${join(root, 'bin/riffle.mjs')} run ${job} ${clicks} --out -`
    const env = { ...process.env, RIFFLE_PROGRESS_AFTER_MS: '0' }
    const onTerminal = spawnSync('script', ['-qfec', run, '/dev/null'], { cwd: root, encoding: 'utf8', timeout: 60_000, env, maxBuffer: 1 << 28 })
    expect(onTerminal.status, onTerminal.stdout.slice(-2000)).toBe(0)
    expect(onTerminal.stdout).toContain('"session_start"')
    expect(onTerminal.stdout).not.toMatch(/records\/s ·/)
    const intoPipe = spawnSync('script', ['-qfec', `${run} | wc -l`, '/dev/null'], { cwd: root, encoding: 'utf8', timeout: 60_000, env })
    expect(intoPipe.status, intoPipe.stdout).toBe(0)
    expect(intoPipe.stdout).toMatch(/\r\x1b\[2Kriffle: [\d,]+ records · [\d,]+ records\/s/)
  })

  it('--drain-processing-timers fires the pending processing-time timers; --processing-time manual ignores record time', async () => {
    const c = writeCase(scriptJob(), lines)
    const drained = riffle('run', c.jobPath, c.recordingPath, '--out', '-', '--drain-processing-timers')
    expect(drained.stdout).toContain('"fired":1000,"key":"b","domain":"PROCESSING_TIME"')
    expect(drained.stderr).toMatch(/pending timers:\s+0/)
    const manual = riffle('run', c.jobPath, c.recordingPath, '--out', '-', '--processing-time', 'manual')
    expect(manual.stdout.split('\n')[0]).toContain('"pt":0')
  })
})

describe('riffle run: --out that cannot be written', () => {
  it('exits 2 with BAD_ARGUMENT naming the file, not an internal error', () => {
    const c = writeCase(scriptJob(), lines)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', join(c.dir, 'no', 'such', 'dir', 'out.jsonl'))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`BAD_ARGUMENT: cannot write --out ${join(c.dir, 'no', 'such', 'dir', 'out.jsonl')}`)
    expect(r.stderr).not.toContain('INTERNAL')
  })

  it('a folder that does not exist is named as the user gave it, as --expect names it, not as an lstat that failed', () => {
    const c = writeCase(scriptJob(), lines)
    const out = join('nodir', 'x.jsonl')
    const r = spawnSync(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', c.jobPath, c.recordingPath, '--out', out], { cwd: c.dir, encoding: 'utf8', timeout: 30_000 })
    expect(r.status, r.stderr).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: cannot write --out ${out}: its folder nodir does not exist\n`)
  })

  it('a file as the folder says it is not a folder', () => {
    const c = writeCase(scriptJob(), lines)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', join(c.recordingPath, 'x.jsonl'))
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toBe(`riffle: BAD_ARGUMENT: cannot write --out ${join(c.recordingPath, 'x.jsonl')}: ${c.recordingPath} is not a folder\n`)
  })

  it.runIf(process.platform === 'linux')('a folder where no file can be created (/proc) names the file the user gave, not Riffle\'s hidden temporary file', () => {
    const c = writeCase(scriptJob(), lines)
    const r = riffle('run', c.jobPath, c.recordingPath, '--out', '/proc/version')
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toContain('riffle: BAD_ARGUMENT: cannot write --out /proc/version: a file cannot be created in its folder /proc (ENOENT')
    expect(r.stderr).not.toContain('.tmp-')
  })
})

describe('riffle run: the reader of --out - goes away', () => {
  it('`riffle run ... --out - | head -1`: exit 3 with OUTPUT_WRITE_FAILED (EPIPE), not an error blamed on the job', async () => {
    const job = `${RIFFLE}class C extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { out.collect({ k: e.k, pad: 'x'.repeat(200) }) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new C())
`
    const c = writeCase(job, Array.from({ length: 100_000 }, (_, i) => ({ k: i % 100 })))
    const child = spawn(process.execPath, [join(root, 'bin/riffle.mjs'), 'run', c.jobPath, c.recordingPath, '--out', '-'], { cwd: root })
    let stderr = ''
    let received = ''
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    // Like `head`: read a little, then close the pipe.
    child.stdout.once('data', (d: Buffer) => { received = d.toString(); child.stdout.destroy() })
    const code = await new Promise<number | null>((resolve) => child.on('close', (c2) => resolve(c2)))
    expect(stderr).not.toContain('JOB_THREW')
    expect(stderr).toMatch(/^riffle: OUTPUT_WRITE_FAILED: the reader of standard output closed the pipe \(EPIPE\) after \d+ output lines?/)
    expect(code).toBe(3)
    // What the reader got are whole lines from the start of the output, in order.
    const first = received.split('\n')[0]
    expect(JSON.parse(first)).toEqual({ value: { k: 0, pad: 'x'.repeat(200) }, timestamp: null })
  })

  it('`riffle run ... 2>&1 | true`: the run\'s own exit status (0), not 1, when the reader of standard error is gone', () => {
    // The summary's write failed with EPIPE, an unhandled 'error' event, and the process exited 1: "the job threw".
    const job = `${RIFFLE}class C extends KeyedProcessFunction<any, any, any> {
  processElement(e: any, ctx: any, out: any) { out.collect(e.k) }
}
export default (env: any) => env.fromRecording().keyBy((e: any) => e.k).process(new C())
`
    const c = writeCase(job, [{ k: 'a' }, { k: 'b' }])
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(join(root, 'bin/riffle.mjs'))} run ${JSON.stringify(c.jobPath)} ${JSON.stringify(c.recordingPath)} --out /dev/null 2>&1 | true; echo "\${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8' })
    expect(r.stdout.trim()).toBe('0')
  })
})
