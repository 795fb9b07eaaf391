import ReactECharts from 'echarts-for-react';
import type { TraceResponse } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { type PowerState, stateColours, stateKey } from './StateTag';

/** A period to draw over the trace in its own colour, e.g. the booked slot a voucher claim is for. */
export interface TraceSlot {
  start: string;
  end: string;
  label: string;
}

/**
 * Power over time with the state intervals as coloured bands under it, bookings as marked areas on
 * top, and the idle/working levels as dashed lines; dataZoom for any sub-period. A `slot` is drawn
 * over everything (the booking it is, if any, is not drawn twice).
 */
export function TraceChart({ trace, slot }: { trace: TraceResponse; slot?: TraceSlot }) {
  const { t } = useI18n();
  const band = (state: PowerState) => ({
    name: t(stateKey(state)),
    type: 'line' as const,
    data: [],
    itemStyle: { color: stateColours[state] },
    markArea: {
      silent: true,
      itemStyle: { color: stateColours[state], opacity: 0.15 },
      // Over a highlighted slot the band names crowd the legend; the legend names the colours.
      label: { show: !slot },
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
          data: trace.bookings
            .filter(
              (b) =>
                !slot || Date.parse(b.start) !== Date.parse(slot.start) || Date.parse(b.end) !== Date.parse(slot.end),
            )
            .map((b) => [
              { xAxis: b.start, name: `${b.organisationName}\n${formatDateTime(b.start)}` },
              { xAxis: b.end },
            ]),
        },
      },
      ...(slot
        ? [
            {
              name: slot.label,
              type: 'line',
              data: [],
              itemStyle: { color: '#d4380d' },
              markArea: {
                itemStyle: { color: 'rgba(250,140,22,0.18)', borderColor: '#d4380d', borderWidth: 2 },
                label: { position: 'insideTop', color: '#ad2102', fontWeight: 'bold' },
                data: [[{ xAxis: slot.start, name: slot.label }, { xAxis: slot.end }]],
              },
            },
          ]
        : []),
    ],
  };
  return <ReactECharts option={option} style={{ height: 420 }} notMerge lazyUpdate />;
}
