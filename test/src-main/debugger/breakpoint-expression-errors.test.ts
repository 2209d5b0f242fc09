// A breakpoint expression that does not compile is refused with where and why in the user's own text: never
// esbuild's complaint about the parenthesis Riffle wraps the expression in.
import { describe, expect, it } from 'vitest'
import { compileExpression } from '../../../src-main/debugger/debug-expression'

const refusal = (src: string): Promise<string> => compileExpression(src, ['event_count']).then(() => 'compiled', (e: Error) => e.message)

describe('a breakpoint expression that does not compile', () => {
  it('that ends unfinished says so, not "Unexpected \\")\\"" (a parenthesis the user never typed)', async () => {
    const m = await refusal("event.type === 'click' &&")
    expect(m).not.toContain('")"')
    expect(m).toBe("expression does not compile: it ends unfinished after \"event.type === 'click' &&\"")
  })

  it('names the column of the error in the expression as typed', async () => {
    expect(await refusal('event.type === = 1')).toBe('expression does not compile at column 16: Unexpected "="')
  })

  it('still compiles a good one', async () => {
    expect(await refusal('event_count > 3')).toBe('compiled')
  })
})

describe('a debugger expression that is a value with no side effects', () => {
  it('compiles to that value (esbuild dropped `NaN` or `undefined` alone as dead code: "the expression is empty")', async () => {
    for (const [src, want] of [['NaN', NaN], ['undefined', undefined], ['Infinity', Infinity], ['void 0', undefined]] as const) {
      const f = await compileExpression(src, [])
      expect(f({ step: 0, watermark: 0 })).toBe(want)
    }
    expect(await refusal('  ')).toBe('the expression is empty')
  })
})
