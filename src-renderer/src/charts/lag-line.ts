// The Charts tab's watermark-lag line (ChartsPanel.vue): the lag by step, a dashed zero line, and a band over the
// steps before the first watermark, and one over the steps with a watermark but no record timestamp yet.
import type { RunSample } from '@common/views'
import type { Line } from './run-chart-option'

/**
 * The lag line: undefined (null) before the first watermark, shown as a labelled band rather than a made-up
 * number; below zero means the watermark is ahead of every event seen (a $watermark line can put it there).
 * until: the last step without a watermark (the charts store's noWatermarkUntil), null when there is none.
 */
export function lagLine(samples: RunSample[], until: number | null): Line {
  const ahead = samples.some((s) => s.watermarkLag !== null && s.watermarkLag < 0)
  const marks: Record<string, unknown> = {
    markLine: {
      silent: true, symbol: 'none', lineStyle: { color: '#5c6370', type: 'dashed' }, data: [{ yAxis: 0 }],
      label: { show: ahead, formatter: 'below 0: watermark ahead of the events ($watermark line)', position: 'insideStartBottom', color: '#e5c07b', fontSize: 10 },
    },
  }
  // Only a band with a width: the step-0 sample (before any event) alone drew a band of none, its label left
  // standing over steps whose lag is known.
  const from = samples[0]?.step ?? 0
  const bands: unknown[] = []
  if (until !== null && until > from) bands.push([{ name: 'no watermark yet', xAxis: from }, { xAxis: until }])
  // A watermark but no record timestamp (a $watermark line over a job that assigns none): the lag is undefined there
  // too, and the chart stood blank without a word for the rest of the run.
  const start = until ?? from
  const firstStamped = samples.findIndex((s) => s.newestEvent !== null)
  const end = firstStamped === -1 ? samples.at(-1)?.step : samples[firstStamped - 1]?.step
  if (end !== undefined && end > start) bands.push([{ name: 'no record timestamp yet', xAxis: start }, { xAxis: end }])
  if (bands.length > 0) {
    marks.markArea = {
      silent: true, itemStyle: { color: 'rgba(154, 163, 178, 0.12)' },
      label: { color: '#9aa3b2', fontSize: 10, position: 'insideTopLeft' },
      data: bands,
    }
  }
  return { name: 'lag', data: samples.map((s) => [s.step, s.watermarkLag]), extra: marks }
}
