import { Button, Space, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { type FunnelCounts, funnelStageLabels, funnelStages } from '../../../shared/api/challenges';
import { api } from '../../api/client';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';

/** Open data: the overall funnel, for anyone (no sign-in), with CSV/XLSX export. */
export default function OpenFunnel() {
  const { t, lang } = useI18n();
  const { data } = useAsync((signal) => api<{ totals: FunnelCounts }>('/api/challenges/funnel', { signal }), []);
  if (!data) return <Loading />;
  const value = (s: (typeof funnelStages)[number]) =>
    s === 'subsidyPaid' ? data.totals.subsidyPaidCount : data.totals[s];
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 'clamp(22px, 5vw, 30px)', marginTop: 0 }}>
        {t('funnel.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('funnel.lead')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Button href="/api/challenges/funnel/export?format=csv">{t('funnel.export')} CSV</Button>
        <Button href="/api/challenges/funnel/export?format=xlsx">{t('funnel.export')} XLSX</Button>
      </Space>
      <ReactECharts
        style={{ height: 420 }}
        option={{
          tooltip: {},
          xAxis: { type: 'value' },
          yAxis: { type: 'category', inverse: true, data: funnelStages.map((s) => funnelStageLabels[s][lang]) },
          series: [{ type: 'bar', data: funnelStages.map(value), label: { show: true, position: 'right' } }],
        }}
      />
    </>
  );
}
