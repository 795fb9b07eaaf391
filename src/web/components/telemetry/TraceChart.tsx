import ReactECharts from 'echarts-for-react';
import type { TraceResponse } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { type PowerState, stateColours, stateKey } from './StateTag';

/**
 * Power over time with the state intervals as coloured bands under it, bookings as marked areas on
 * top, and the idle/working levels as dashed lines; dataZoom for any sub-period.
 */
export function TraceChart({ trace }: { trace: TraceResponse }) {
  const { t } = useI18n();
  const band = (state: PowerState) => ({
    name: t(stateKey(state)),
    type: 'line' as const,
    data: [],
    itemStyle: { color: stateColours[state] },
    markArea: {
      silent: true,
      itemStyle: { color: stateColours[state], opacity: 0.15 },
      data: trace.intervals
        .filter((i) => i.state === state)
        .map((i) => [{ xAxis: i.start, name: t(stateKey(state)) }, { xAxis: i.end }]),
    },
  });
  const option = {
    animation: false,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number) => `${Math.round(v)} W`,
    },
    legend: { top: 0 },
    grid: { left: 60, right: 64, top: 40, bottom: 70 },
    xAxis: { type: 'time', min: trace.from, max: trace.to, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: t('trace.power') },
    dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 10 }],
    toolbox: { feature: { saveAsImage: { title: '' }, dataZoom: { yAxisIndex: 'none' }, restore: {} } },
    series: [
      {
        name: t('trace.power'),
        type: 'line',
        showSymbol: false,
        sampling: 'lttb',
        lineStyle: { width: 1.5 },
        itemStyle: { color: '#1677ff' },
        data: trace.readings.map((r) => [r.ts, r.p]),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed' },
          data: [
            { yAxis: trace.levels.idleW, name: t('levels.idleW'), label: { formatter: t('tstate.idle') } },
            { yAxis: trace.levels.workingW, name: t('levels.workingW'), label: { formatter: t('tstate.working') } },
          ],
        },
      },
      band('working'),
      band('idle'),
      band('off'),
      band('unknown'),
      {
        name: t('trace.bookings'),
        type: 'line',
        data: [],
        itemStyle: { color: '#722ed1' },
        markArea: {
          itemStyle: { color: 'rgba(114,46,209,0.12)', borderColor: '#722ed1', borderWidth: 1, borderType: 'dashed' },
          label: { position: 'insideTop', color: '#531dab' },
          data: trace.bookings.map((b) => [
            { xAxis: b.start, name: `${b.organisationName}\n${formatDateTime(b.start)}` },
            { xAxis: b.end },
          ]),
        },
      },
    ],
  };
  return <ReactECharts option={option} style={{ height: 420 }} notMerge lazyUpdate />;
}
