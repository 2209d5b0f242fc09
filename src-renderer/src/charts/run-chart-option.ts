// The ECharts option of one of the Charts tab's charts over the run (x = step): its title, then its legend on a
// row of its own (beside the title it was drawn over it in a narrow window), then the plot. Pure, so it is
// unit-tested without a canvas.
import { axisNumber } from '../format'

export interface Line { name: string; data: [number, number | null][]; extra?: Record<string, unknown> }

const axis = { axisLine: { lineStyle: { color: '#5c6370' } }, splitLine: { lineStyle: { color: '#2c313a' } }, axisLabel: { color: '#9aa3b2' } }

export function runChartOption(title: string, series: Line[]): Record<string, unknown> {
  return {
    backgroundColor: 'transparent', animation: false,
    title: { text: title, textStyle: { color: '#d7dce4', fontSize: 12 }, left: 6, top: 2 },
    tooltip: { trigger: 'axis' },
    // A scrolling legend: wider than the chart, it pages rather than running past the chart's edge.
    legend: { type: 'scroll', top: 20, left: 6, right: 6, itemHeight: 10, textStyle: { color: '#9aa3b2' }, pageTextStyle: { color: '#9aa3b2' } },
    grid: { left: 64, right: 16, top: 48, bottom: 24 },
    // Steps short (7k), and a label that would touch its neighbour left out: at 1024 px "1,0002,0003,000" ran together.
    xAxis: { type: 'value', name: 'step', nameTextStyle: { color: '#9aa3b2' }, ...axis, axisLabel: { ...axis.axisLabel, formatter: axisNumber, hideOverlap: true } },
    yAxis: { type: 'value', ...axis },
    series: series.map((s) => ({ type: 'line', name: s.name, data: s.data, showSymbol: s.data.length <= 60, symbolSize: 4, connectNulls: false, ...s.extra })),
  }
}
