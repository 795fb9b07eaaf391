import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Skeleton, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { type ComponentProps, lazy, Suspense, useMemo } from 'react';
import { type FunnelCounts, funnelStageLabels, funnelStages } from '../../../../shared/api/challenges';
import { useI18n } from '../../../i18n';
import { formatYuanNumber } from '../../../lib/format';
import type { ChartOption } from '../../metrics/EChart';
import type { Funnel } from './types';

// ECharts is the bulk of the page: its own chunk (shared with the metrics dashboard).
const LazyChart = lazy(() => import('../../metrics/EChart'));
function EChart(props: ComponentProps<typeof LazyChart>) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
      <LazyChart {...props} />
    </Suspense>
  );
}

type Row = { key: string; name: string; counts: FunnelCounts };

/** The figure of a stage: subsidies are counted by paid tranches in the bars, shown in 元 on the card. */
function stageValue(c: FunnelCounts, s: (typeof funnelStages)[number]): number {
  return s === 'subsidyPaid' ? c.subsidyPaidCount : c[s];
}

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

/** The stages by group (direction or region): a grouped bar chart with its table one tab away. */
function Breakdown({ title, rows, testId }: { title: string; rows: Row[]; testId: string }) {
  const { t, label } = useI18n();
  const toolbox = useToolbox();
  const shown: (typeof funnelStages)[number][] = [
    'needsSubmitted',
    'needsAccepted',
    'listsPublished',
    'applicantOrgs',
    'listsTaken',
  ];
  const option = useMemo<ChartOption>(
    () => ({
      toolbox,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, left: 0 },
      grid: { left: 48, right: 16, top: 56, bottom: 72 },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { rotate: 35, interval: 0 } },
      yAxis: { type: 'value' },
      series: shown.map((s) => ({
        name: label(funnelStageLabels[s]),
        type: 'bar',
        data: rows.map((r) => stageValue(r.counts, s)),
      })),
    }),
    [rows, toolbox, label],
  );
  return (
    <Card title={title} data-testid={testId}>
      <Tabs
        items={[
          {
            key: 'chart',
            label: t('funnel.chart'),
            children: rows.length ? (
              <EChart option={option} height={360} label={title} />
            ) : (
              <Typography.Text type="secondary">{t('funnel.empty')}</Typography.Text>
            ),
          },
          {
            key: 'table',
            label: t('funnel.table'),
            children: (
              <Table<Row>
                size="small"
                rowKey="key"
                pagination={false}
                scroll={{ x: 900 }}
                dataSource={rows}
                columns={[
                  { title: t('funnel.group'), dataIndex: 'name', fixed: 'left' },
                  ...funnelStages.map((s) => ({
                    title: label(funnelStageLabels[s]),
                    key: s,
                    align: 'right' as const,
                    render: (_: unknown, r: Row) =>
                      s === 'subsidyPaid'
                        ? `${formatYuanNumber(r.counts.subsidyPaidFen)} ${t('money.unitYuan')}`
                        : r.counts[s],
                  })),
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

/**
 * The 揭榜挂帅 funnel: figures per stage (needs → accepted → lists → applicant organisations, local
 * and external → taken → contracts → subsidy paid), by direction and by region, each chart with its
 * table, and the CSV/XLSX export of the same figures.
 */
export function FunnelView({ funnel, exportQuery }: { funnel: Funnel; exportQuery: string }) {
  const { t, label } = useI18n();
  const toolbox = useToolbox();
  const c = funnel.totals;
  const option = useMemo<ChartOption>(
    () => ({
      toolbox,
      tooltip: {},
      grid: { left: 96, right: 56, top: 32, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: funnelStages.map((s) => label(funnelStageLabels[s])) },
      series: [
        { type: 'bar', data: funnelStages.map((s) => stageValue(c, s)), label: { show: true, position: 'right' } },
      ],
    }),
    [c, toolbox, label],
  );
  const card = (key: string, title: string, value: string | number, foot?: string) => (
    <Card key={key} data-testid={`funnel-${key}`} style={{ height: '100%' }} styles={{ body: { padding: 16 } }}>
      <Statistic title={title} value={value} />
      {foot ? <Typography.Text type="secondary">{foot}</Typography.Text> : null}
    </Card>
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={`/api/challenges/funnel/export?format=csv${exportQuery}`} download>
          {t('export.csv')}
        </Button>
        <Button icon={<DownloadOutlined />} href={`/api/challenges/funnel/export?format=xlsx${exportQuery}`} download>
          {t('export.xlsx')}
        </Button>
      </Space>
      {/* Seven stages in one row where they fit, wrapping evenly where they do not. */}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(112px, 1fr))', gap: 16 }}>
        {card('needsSubmitted', label(funnelStageLabels.needsSubmitted), c.needsSubmitted)}
        {card('needsAccepted', label(funnelStageLabels.needsAccepted), c.needsAccepted)}
        {card('listsPublished', label(funnelStageLabels.listsPublished), c.listsPublished)}
        {card(
          'applicantOrgs',
          label(funnelStageLabels.applicantOrgs),
          c.applicantOrgs,
          t('funnel.localExternal', { local: c.applicantOrgsLocal, external: c.applicantOrgsExternal }),
        )}
        {card('listsTaken', label(funnelStageLabels.listsTaken), c.listsTaken)}
        {card('contractsRegistered', label(funnelStageLabels.contractsRegistered), c.contractsRegistered)}
        {card(
          'subsidyPaid',
          t('funnel.subsidyYuan'),
          `${formatYuanNumber(c.subsidyPaidFen)}`,
          t('funnel.tranches', { n: c.subsidyPaidCount }),
        )}
      </div>
      <Card title={t('funnel.stages')}>
        <EChart option={option} height={340} label={t('funnel.stages')} testId="funnel-chart" />
      </Card>
      <Breakdown title={t('funnel.byDirection')} rows={funnel.byDirection} testId="funnel-by-direction" />
      <Breakdown title={t('funnel.byRegion')} rows={funnel.byRegion} testId="funnel-by-region" />
    </Space>
  );
}
