// The slice of ECharts the app uses (line charts on canvas), loaded lazily the first time Charts opens.
import * as echarts from 'echarts/core'
import { LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent, DataZoomComponent, MarkAreaComponent, MarkLineComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, DataZoomComponent, MarkAreaComponent, MarkLineComponent, CanvasRenderer])

export { echarts }
