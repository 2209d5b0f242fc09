// The slice of ECharts the per-key timeline uses (scatter + line on canvas, zoom), loaded lazily the first
// time the Key timeline tab opens.
import * as echarts from 'echarts/core'
import { LineChart, ScatterChart } from 'echarts/charts'
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer])

export { echarts }
