import { Skeleton } from 'antd';
import { type ComponentProps, lazy, Suspense, useMemo } from 'react';
import { useI18n } from '../../../i18n';
import { formatYuanNumber } from '../../../lib/format';
import type { ChartOption } from '../../metrics/EChart';
import type { FiguresResult } from '../api';

// ECharts is most of this page's weight: its own chunk, fetched while the figures load.
const LazyChart = lazy(() => import('../../metrics/EChart'));
function EChart(props: ComponentProps<typeof LazyChart>) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
      <LazyChart {...props} />
    </Suspense>
  );
}

type Row = FiguresResult['rows'][number];
const TOP = 15;

/** The amounts charted, in the order money moves, with a colour each. */
export const AMOUNTS = [
  { key: 'issuedFen', label: 'vch.fig.issued', colour: '#1677ff' },
  { key: 'reservedFen', label: 'vch.fig.reserved', colour: '#69b1ff' },
  { key: 'redeemedFen', label: 'vch.fig.redeemed', colour: '#52c41a' },
  { key: 'settledFen', label: 'vch.fig.settled', colour: '#13c2c2' },
  { key: 'voidedFen', label: 'vch.fig.voided', colour: '#ff4d4f' },
  { key: 'expiredFen', label: 'vch.fig.expired', colour: '#bfbfbf' },
] as const;

function useToolbox() {
  const { t } = useI18n();
  return useMemo(
    () => ({
      top: 0,
      right: 8,
      feature: {
        dataView: {
          readOnly: true,
          title: t('metrics.chart.dataView'),
          lang: [t('metrics.chart.dataView'), t('metrics.chart.close'), t('metrics.chart.refresh')],
        },
        saveAsImage: { title: t('metrics.chart.saveImage'), pixelRatio: 2 },
      },
    }),
    [t],
  );
}

/** Yuan on an axis: 万 from 10,000 up in Chinese, thousands separators in English. */
function useAxisYuan() {
  const { lang } = useI18n();
  return (fen: number) =>
    lang === 'zh' && Math.abs(fen) >= 1_000_000
      ? `${formatYuanNumber(Math.round(fen / 10_000))}万`
      : formatYuanNumber(fen);
}

/** Issued → reserved → redeemed → settled, voided and expired, per group; a click drills into a group. */
export function AmountsChart({
  rows,
  loading,
  onPick,
  title,
  byProvider = false,
}: {
  rows: Row[] | undefined;
  loading: boolean;
  onPick?: (row: Row) => void;
  title: string;
  /**
   * Grouped by provider: issued and expired money belongs to no provider (it is the enterprise's
   * quota), so the chart leaves that row and those two series out; the table keeps them.
   */
  byProvider?: boolean;
}) {
  const { t } = useI18n();
  const toolbox = useToolbox();
  const axis = useAxisYuan();
  const top = useMemo(() => (rows ?? []).filter((r) => !byProvider || r.key).slice(0, TOP), [rows, byProvider]);
  const series = byProvider ? AMOUNTS.filter((a) => a.key !== 'issuedFen' && a.key !== 'expiredFen') : AMOUNTS;
  const option = useMemo<ChartOption>(
    () => ({
      toolbox,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) => t('money.yuan', { n: formatYuanNumber(Math.round(v * 100)) }),
      },
      legend: { top: 0, left: 0, right: 80 },
      grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: top.map((r) => r.name),
        axisLabel: { width: 110, overflow: 'truncate', interval: 0, rotate: top.length > 3 ? 30 : 0 },
      },
      yAxis: { type: 'value', name: t('money.unitYuan'), axisLabel: { formatter: (v: number) => axis(v * 100) } },
      series: series.map((a) => ({
        name: t(a.label),
        type: 'bar',
        itemStyle: { color: a.colour },
        data: top.map((r) => r[a.key] / 100),
      })),
    }),
    [top, series, t, toolbox, axis],
  );
  return (
    <EChart
      option={option}
      loading={loading}
      label={title}
      height={360}
      testId="vch-chart-amounts"
      onItemClick={onPick ? (i) => top[i] && onPick(top[i]) : undefined}
    />
  );
}

/**
 * Redeemed money backed by the sensor against self-reported, as 100% bars: the whole scope first,
 * then each group that redeemed anything. The amounts are in the tooltip and the table.
 */
export function EvidenceChart({
  totals,
  rows,
  loading,
  title,
}: {
  totals: FiguresResult['totals'] | undefined;
  rows: Row[] | undefined;
  loading: boolean;
  title: string;
}) {
  const { t } = useI18n();
  const toolbox = useToolbox();
  const bars = useMemo(() => {
    const all = totals && totals.redeemedFen > 0 ? [{ ...totals, key: 'all', name: t('vch.fig.all') }] : [];
    return [...all, ...(rows ?? []).filter((r) => r.redeemedFen > 0).slice(0, TOP)];
  }, [rows, totals, t]);
  const option = useMemo<ChartOption>(() => {
    const pct = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;
    const money = (fen: number) => t('money.yuan', { n: formatYuanNumber(fen) });
    return {
      toolbox,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: { dataIndex: number }[]) => {
          const b = bars[params[0]?.dataIndex ?? 0];
          if (!b) return '';
          return [
            `<b>${b.name}</b>`,
            `${t('vch.fig.sensorBacked')}：${money(b.sensorRedeemedFen)}（${pct(b.sensorRedeemedFen, b.redeemedFen)}%）`,
            `${t('vch.fig.selfReported')}：${money(b.selfReportedRedeemedFen)}（${pct(b.selfReportedRedeemedFen, b.redeemedFen)}%）`,
          ].join('<br/>');
        },
      },
      legend: { top: 0, left: 0, right: 80 },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: bars.map((r) => r.name),
        axisLabel: { width: 120, overflow: 'truncate' },
      },
      series: [
        {
          name: t('vch.fig.sensorBacked'),
          type: 'bar',
          stack: 'share',
          barMaxWidth: 28,
          itemStyle: { color: '#1677ff' },
          label: {
            show: true,
            formatter: (p: { value: number }) => (p.value >= 12 ? `${p.value}%` : ''),
            color: '#fff',
          },
          data: bars.map((r) => pct(r.sensorRedeemedFen, r.redeemedFen)),
        },
        {
          name: t('vch.fig.selfReported'),
          type: 'bar',
          stack: 'share',
          barMaxWidth: 28,
          itemStyle: { color: '#fa8c16' },
          data: bars.map((r) => pct(r.selfReportedRedeemedFen, r.redeemedFen)),
        },
      ],
    };
  }, [bars, t, toolbox]);
  return (
    <EChart
      option={option}
      loading={loading}
      label={title}
      height={Math.max(200, 64 + bars.length * 44)}
      testId="vch-chart-evidence"
    />
  );
}
