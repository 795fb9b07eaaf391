import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { MetricsTotal } from '../../../shared/api/metrics';
import { useI18n } from '../../i18n';
import { change, formatChange, formatHours, formatRate } from './metricsView';

/** The change on the same period last year, green up and red down (a drop in use is the concern). */
function Change({ now, before }: { now: number; before: number | undefined }) {
  const { t } = useI18n();
  const c = change(now, before);
  if (c === null) return <Typography.Text type="secondary">{t('metrics.kpi.noChange')}</Typography.Text>;
  return (
    <Typography.Text type={c >= 0 ? 'success' : 'danger'}>
      {c >= 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {t('metrics.kpi.change', { delta: formatChange(c) })}
    </Typography.Text>
  );
}

/** Four cards: effective hours, external hours, sharing rate, quota (with instruments below it), booked. */
export function MetricsKpis({
  total,
  previous,
  loading,
}: {
  total: MetricsTotal | undefined;
  previous: MetricsTotal | undefined;
  loading: boolean;
}) {
  const { t } = useI18n();
  const v = total;
  const card = (testId: string, title: string, value: string, foot: React.ReactNode) => (
    <Col key={testId} xs={24} sm={12} xl={{ flex: '20%' }}>
      <Card loading={loading && !v} data-testid={testId} style={{ height: '100%' }}>
        <Statistic title={title} value={value} />
        <div style={{ marginTop: 8, minHeight: 22 }}>{foot}</div>
      </Card>
    </Col>
  );
  if (!v) {
    return (
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {['a', 'b', 'c', 'd', 'e'].map((k) => card(`kpi-${k}`, '', '', null))}
      </Row>
    );
  }
  const bookedPct = v.bookedHours > 0 ? formatRate(v.effectiveHours / v.bookedHours) : '—';
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} className="metrics-kpis">
      {card(
        'kpi-effective',
        t('metrics.kpi.effective'),
        t('metrics.hours', { n: formatHours(v.effectiveHours) }),
        <Change now={v.effectiveHours} before={previous?.effectiveHours} />,
      )}
      {card(
        'kpi-external',
        t('metrics.kpi.external'),
        t('metrics.hours', { n: formatHours(v.externalHours) }),
        <Change now={v.externalHours} before={previous?.externalHours} />,
      )}
      {card(
        'kpi-sharing',
        t('metrics.kpi.sharingRate'),
        formatRate(v.sharingRate),
        <Typography.Text type="secondary">
          {t('metrics.kpi.instruments', { n: v.instruments, services: v.services })}
        </Typography.Text>,
      )}
      {card(
        'kpi-quota',
        t('metrics.kpi.quota'),
        t('metrics.hours', { n: formatHours(v.quotaHours) }),
        <Typography.Text type={v.belowQuotaCount > 0 ? 'warning' : 'secondary'}>
          {t('metrics.kpi.belowQuota', { n: v.belowQuotaCount, total: v.instruments })}
        </Typography.Text>,
      )}
      {card(
        'kpi-booked',
        t('metrics.kpi.booked'),
        t('metrics.hours', { n: formatHours(v.bookedHours) }),
        <Typography.Text type="secondary">
          {t('metrics.kpi.bookedVsRecorded', { recorded: formatHours(v.effectiveHours), pct: bookedPct })}
        </Typography.Text>,
      )}
    </Row>
  );
}
