import { Card, Skeleton } from 'antd';
import { type ComponentProps, lazy, Suspense, useMemo } from 'react';
import type { MetricsInstrumentRow, MetricsMonthRow } from '../../../shared/api/metrics';
import { useI18n } from '../../i18n';
import type { ChartOption } from './EChart';

// ECharts is the bulk of this page: its own chunk, fetched while the figures load.
const LazyChart = lazy(() => import('./EChart'));
function EChart(props: ComponentProps<typeof LazyChart>) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
      <LazyChart {...props} />
    </Suspense>
  );
}

const TOP = 15;

/** Save-as-image and the data table behind the chart, on every chart (ui-conventions: every chart exports). */
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

/** Effective and external hours as bars, booked hours and the sharing rate as lines, by month. */
export function MonthlyChart({ months, loading }: { months: MetricsMonthRow[] | undefined; loading: boolean }) {
  const { t, lang } = useI18n();
  const toolbox = useToolbox();
  const option = useMemo<ChartOption>(() => {
    // Months still to come are gaps, not zeros: a line falling to 0 in December would read as a collapse.
    const now = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const rows = (months ?? []).map((m) => (m.month > now ? null : m));
    const pick = (f: (m: MetricsMonthRow) => number | null) => rows.map((m) => (m ? f(m) : null));
    return {
      toolbox,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, left: 0 },
      grid: { left: 48, right: 56, top: 72, bottom: 32 },
      xAxis: {
        type: 'category',
        data: (months ?? []).map((m) => (lang === 'en' ? m.month : `${Number(m.month.slice(5))}月`)),
      },
      yAxis: [
        { type: 'value', name: t('unit.hours') },
        { type: 'value', name: t('metrics.kpi.sharingRate'), max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('metrics.kpi.effective'), type: 'bar', data: pick((m) => m.effectiveHours) },
        { name: t('metrics.kpi.external'), type: 'bar', data: pick((m) => m.externalHours) },
        { name: t('metrics.kpi.booked'), type: 'line', smooth: true, data: pick((m) => m.bookedHours) },
        {
          name: t('metrics.kpi.sharingRate'),
          type: 'line',
          yAxisIndex: 1,
          data: pick((m) => (m.sharingRate === null ? null : Math.round(m.sharingRate * 1000) / 10)),
          tooltip: { valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
        },
      ],
    };
  }, [months, t, lang, toolbox]);
  return (
    <Card title={t('metrics.chart.monthly')} style={{ height: '100%' }}>
      <EChart option={option} loading={loading} label={t('metrics.chart.monthly')} testId="chart-monthly" />
    </Card>
  );
}

/**
 * The busiest groups (regions, organisations or instruments) as horizontal bars of effective and
 * external hours; a click drills into the group.
 */
export function BreakdownChart({
  title,
  rows,
  loading,
  onPick,
  testId,
}: {
  title: string;
  rows: { name: string; effectiveHours: number; externalHours: number }[] | undefined;
  loading: boolean;
  onPick?: (index: number) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const toolbox = useToolbox();
  const top = useMemo(() => (rows ?? []).slice(0, TOP), [rows]);
  const option = useMemo<ChartOption>(
    () => ({
      toolbox,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, left: 0 },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: t('unit.hours') },
      yAxis: {
        type: 'category',
        inverse: true,
        data: top.map((r) => r.name.split(' ').pop() ?? r.name),
        axisLabel: { width: 140, overflow: 'truncate' },
      },
      series: [
        { name: t('metrics.kpi.effective'), type: 'bar', data: top.map((r) => r.effectiveHours) },
        { name: t('metrics.kpi.external'), type: 'bar', data: top.map((r) => r.externalHours) },
      ],
    }),
    [top, t, toolbox],
  );
  const total = rows?.length ?? 0;
  return (
    <Card
      title={title}
      extra={total > TOP ? t('metrics.chart.top', { n: TOP, total }) : null}
      style={{ height: '100%' }}
    >
      <EChart
        option={option}
        loading={loading}
        label={title}
        height={Math.max(240, top.length * 28 + 80)}
        onItemClick={onPick}
        testId={testId}
      />
    </Card>
  );
}

/** How many instruments reached their quota, half of it, or less. */
export function QuotaChart({ items, loading }: { items: MetricsInstrumentRow[] | undefined; loading: boolean }) {
  const { t } = useI18n();
  const toolbox = useToolbox();
  const option = useMemo<ChartOption>(() => {
    const bands = { low: 0, mid: 0, met: 0 };
    for (const i of items ?? []) {
      const share = i.quotaHours > 0 ? i.effectiveHours / i.quotaHours : 1;
      if (share >= 1) bands.met++;
      else if (share >= 0.5) bands.mid++;
      else bands.low++;
    }
    return {
      toolbox,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      color: ['#cf1322', '#faad14', '#389e0d'],
      series: [
        {
          name: t('metrics.chart.quota'),
          type: 'pie',
          radius: ['40%', '65%'],
          center: ['50%', '45%'],
          label: { position: 'inside', formatter: '{c}', color: '#fff', fontWeight: 'bold' },
          data: [
            { name: t('metrics.chart.quotaBand.low'), value: bands.low },
            { name: t('metrics.chart.quotaBand.mid'), value: bands.mid },
            { name: t('metrics.chart.quotaBand.met'), value: bands.met },
          ].map((d) => ({ ...d, label: { show: d.value > 0 } })),
        },
      ],
    };
  }, [items, t, toolbox]);
  return (
    <Card title={t('metrics.chart.quota')} style={{ height: '100%' }}>
      <EChart option={option} loading={loading} label={t('metrics.chart.quota')} testId="chart-quota" />
    </Card>
  );
}
