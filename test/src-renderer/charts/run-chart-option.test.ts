// The Charts tab's three charts: each one's legend has a row of its own under the title (at 1024 px the legend
// was drawn over the title, "Keys, state entries, pending timers" under "keys · timers · state entries").
import { describe, expect, it } from 'vitest'
import { runChartOption } from '../../../src-renderer/src/charts/run-chart-option'

type Box = { top: number }
const LINE = 16 // a 12 px title or legend row, with its line height

describe('runChartOption', () => {
  it('puts the legend on a row under the title and the plot under the legend, whatever the chart\'s width', () => {
    const o = runChartOption('Keys, state entries, pending timers', [
      { name: 'keys', data: [[1, 1]] }, { name: 'timers', data: [[1, 2]] }, { name: 'state entries', data: [[1, 3]] },
    ])
    const title = o.title as Box
    const legend = o.legend as Box & { right?: unknown; type?: string }
    const grid = o.grid as Box
    expect(legend.top).toBeGreaterThanOrEqual(title.top + LINE)
    expect(grid.top).toBeGreaterThanOrEqual(legend.top + LINE + 8)
    // A legend wider than a narrow chart scrolls rather than running past its edge.
    expect(legend.type).toBe('scroll')
  })

  it('draws each series as a line with its name and points, dots only when there are few', () => {
    const few = runChartOption('t', [{ name: 'lag', data: [[1, 5], [2, null]] }])
    expect(few.series).toEqual([expect.objectContaining({ type: 'line', name: 'lag', data: [[1, 5], [2, null]], showSymbol: true })])
    const many = runChartOption('t', [{ name: 'lag', data: Array.from({ length: 61 }, (_, i): [number, number] => [i, i]) }])
    expect((many.series as Array<{ showSymbol: boolean }>)[0]!.showSymbol).toBe(false)
  })

  it('labels the step axis short and leaves out a label that would overlap its neighbour (at 1024 px they ran together)', () => {
    const x = runChartOption('t', [{ name: 'lag', data: [[1, 5]] }]).xAxis as { axisLabel: { formatter: (v: number) => string; hideOverlap: boolean } }
    expect([1000, 7000, 2500].map(x.axisLabel.formatter)).toEqual(['1k', '7k', '2.5k'])
    expect(x.axisLabel.hideOverlap).toBe(true)
  })
})
