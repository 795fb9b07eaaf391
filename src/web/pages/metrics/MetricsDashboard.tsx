import { ArrowUpOutlined, DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Row, Select, Tabs, Tag } from 'antd';
import { useMemo } from 'react';
import type { MetricsInstruments, MetricsMonthly, MetricsQuery, MetricsRollup } from '../../../shared/api/metrics';
import { http, toQueryString } from '../../api/client';
import { useMe } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, LoadError } from '../../components/States';
import { useI18n } from '../../i18n';
import { FilterBar, FilterRegion, FilterSelect, ResetFiltersButton } from '../../lib/listTable';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';
import { BreakdownChart, MonthlyChart, QuotaChart } from './MetricsCharts';
import { MetricsKpis } from './MetricsKpis';
import { GroupTable, InstrumentTable } from './MetricsTables';
import { currentYear, dashboardScope, isCounty, parentRegion, previousYear } from './metricsView';

const KEYS = ['year', 'from', 'to', 'regionCode', 'organisationId', 'purpose', 'tab'] as const;
/** In the URL, `regionCode=all` means "no region" for a bureau user whose default is their own region. */
const ALL = 'all';

/**
 * Sharing metrics: bureau roles see their region and drill province → city → county → organisation;
 * instrument managers see their organisation. Filters live in the URL and travel with the exports.
 */
export default function MetricsDashboard() {
  const me = useMe();
  const { t } = useI18n();
  const { values, update, reset } = useUrlQuery(KEYS);
  const scope = dashboardScope(me);
  const thisYear = currentYear();

  const year = Number(values.year) || thisYear;
  const fromMonth = Number(values.from) || undefined;
  const toMonth = Number(values.to) || undefined;
  const periodBad = !!fromMonth && !!toMonth && fromMonth > toMonth;
  const regionCode = scope.bureau
    ? values.regionCode === ALL
      ? undefined
      : (values.regionCode ?? scope.bureauRegion)
    : undefined;
  const organisationId = scope.bureau ? values.organisationId : (values.organisationId ?? scope.organisations[0]?.id);
  const purpose = values.purpose === 'general' || values.purpose === 'special' ? values.purpose : undefined;
  const query: MetricsQuery = { year, fromMonth, toMonth, regionCode, organisationId, purpose };
  const qs = toQueryString({ ...query });
  const byRegion = scope.bureau && !organisationId && !isCounty(regionCode);

  const data = useAsync(
    async (signal) => {
      if (periodBad) return undefined;
      const get = <T,>(path: string, q: MetricsQuery & { by?: string }) => http.get<T>(path, { ...q }, { signal });
      const [instruments, previous, monthly, organisations, regions] = await Promise.all([
        get<MetricsInstruments>('/api/metrics/instruments', query),
        get<MetricsInstruments>('/api/metrics/instruments', previousYear(query)),
        get<MetricsMonthly>('/api/metrics/monthly', query),
        get<MetricsRollup>('/api/metrics/rollup', { ...query, by: 'organisation' }),
        byRegion ? get<MetricsRollup>('/api/metrics/rollup', { ...query, by: 'region' }) : undefined,
      ]);
      return { instruments, previous, monthly, organisations, regions };
    },
    [qs, periodBad, byRegion],
  );
  const d = data.data;
  const loading = data.loading;

  const defaults = { regionCode: scope.bureau ? scope.bureauRegion : undefined };
  const anyFilter =
    !!values.year ||
    !!values.from ||
    !!values.to ||
    !!purpose ||
    (scope.bureau && (values.regionCode !== undefined || !!values.organisationId));
  const pickedOrg = d?.organisations.items.find((o) => o.key === organisationId);
  const scopeName = organisationId
    ? (pickedOrg?.name ?? scope.organisations.find((o) => o.id === organisationId)?.name)
    : undefined;
  const drillRegion = (key: string) => {
    if (key !== regionCode) update({ regionCode: key, organisationId: undefined });
  };
  const breakdown = useMemo(() => {
    if (byRegion) return { kind: 'region' as const, rows: d?.regions?.items };
    if (scope.bureau && !organisationId) return { kind: 'organisation' as const, rows: d?.organisations.items };
    const rows = [...(d?.instruments.items ?? [])]
      .sort((a, b) => b.effectiveHours - a.effectiveHours)
      .map((i) => ({ ...i, name: i.nameZh }));
    return { kind: 'instrument' as const, rows };
  }, [byRegion, scope.bureau, organisationId, d]);

  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const months = Array.from({ length: 12 }, (_, i) => ({
    value: String(i + 1),
    label: t('metrics.monthValue', { m: i + 1 }),
  }));

  if (!scope.bureau && scope.organisations.length === 0) {
    return (
      <>
        <PageHeader title={t('nav.metrics')} crumbs={[{ title: t('nav.metrics') }]} />
        <EmptyState description={t('metrics.noOrg')} />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t('nav.metrics')}
        crumbs={[{ title: t('nav.metrics') }]}
        subTitle={t('metrics.lead')}
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              href={`/api/metrics/instruments/export.csv${qs}`}
              download
              disabled={periodBad}
              title={t('metrics.exportHint')}
              data-testid="metrics-export-csv"
            >
              {t('action.exportCsv')}
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              href={`/api/metrics/instruments/export.xlsx${qs}`}
              download
              disabled={periodBad}
              title={t('metrics.exportHint')}
              data-testid="metrics-export-xlsx"
            >
              {t('metrics.exportXlsx')}
            </Button>
          </>
        }
      />
      <FilterBar>
        <Col xs={12} md={6} xl={3}>
          <Form.Item label={t('metrics.year')} htmlFor="metrics-year">
            <Select
              id="metrics-year"
              value={year}
              onChange={(v) => update({ year: v === thisYear ? undefined : v })}
              options={years.map((y) => ({ value: y, label: t('metrics.yearValue', { year: y }) }))}
              data-testid="metrics-year"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <FilterSelect
            id="metrics-from"
            label={t('metrics.fromMonth')}
            value={values.from}
            onChange={(v) => update({ from: v })}
            options={months}
          />
        </Col>
        <Col xs={12} md={6} xl={3}>
          <FilterSelect
            id="metrics-to"
            label={t('metrics.toMonth')}
            value={values.to}
            onChange={(v) => update({ to: v })}
            options={months}
          />
        </Col>
        {scope.bureau ? (
          <Col xs={24} md={12} xl={6}>
            <FilterRegion
              id="metrics-region"
              label={t('metrics.region')}
              value={regionCode}
              onChange={(code) =>
                update({ regionCode: code ?? (defaults.regionCode ? ALL : undefined), organisationId: undefined })
              }
            />
          </Col>
        ) : scope.organisations.length > 1 ? (
          <Col xs={24} md={12} xl={6}>
            <Form.Item label={t('metrics.organisation')} htmlFor="metrics-org">
              <Select
                id="metrics-org"
                value={organisationId}
                onChange={(v) => update({ organisationId: v })}
                options={scope.organisations.map((o) => ({ value: o.id, label: o.name }))}
              />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={12} md={6} xl={3}>
          <FilterSelect
            id="metrics-purpose"
            label={t('metrics.purpose')}
            value={purpose}
            onChange={(v) => update({ purpose: v })}
            options={[
              { value: 'general', label: t('metrics.purpose.general') },
              { value: 'special', label: t('metrics.purpose.special') },
            ]}
          />
        </Col>
        <Col xs={12} md={6} xl={3}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>

      <div style={{ marginBottom: 12, display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
        {scope.bureau && !regionCode && !organisationId ? <Tag color="blue">{t('metrics.scopeAll')}</Tag> : null}
        {organisationId ? (
          <Tag
            color="blue"
            closable={scope.bureau}
            onClose={() => update({ organisationId: undefined })}
            data-testid="metrics-scope-org"
          >
            {scopeName ?? organisationId}
          </Tag>
        ) : null}
        {scope.bureau && regionCode && !organisationId ? (
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            onClick={() => update({ regionCode: parentRegion(regionCode) ?? ALL })}
            data-testid="metrics-up"
          >
            {t('metrics.upLevel')}
          </Button>
        ) : null}
      </div>

      {periodBad ? (
        <Alert type="warning" showIcon title={t('metrics.periodInvalid')} style={{ marginBottom: 16 }} />
      ) : data.error ? (
        <LoadError error={data.error} onRetry={data.reload} />
      ) : d && d.instruments.total.instruments === 0 && !loading ? (
        <Card>
          <EmptyState
            description={
              <>
                <div>{t('metrics.empty')}</div>
                <div style={{ color: 'rgba(0,0,0,0.45)' }}>{t('metrics.emptyHint')}</div>
              </>
            }
            action={anyFilter ? <Button onClick={reset}>{t('action.resetFilters')}</Button> : null}
          />
        </Card>
      ) : (
        <>
          <MetricsKpis total={d?.instruments.total} previous={d?.previous.total} loading={loading} />
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={16}>
              <MonthlyChart months={d?.monthly.items} loading={loading} />
            </Col>
            <Col xs={24} xl={8}>
              <QuotaChart items={d?.instruments.items} loading={loading} />
            </Col>
            <Col xs={24}>
              <BreakdownChart
                title={
                  breakdown.kind === 'region'
                    ? t('metrics.chart.byRegion')
                    : breakdown.kind === 'organisation'
                      ? t('metrics.chart.byOrganisation')
                      : t('metrics.tab.instruments')
                }
                rows={breakdown.rows}
                loading={loading}
                testId="chart-breakdown"
                onPick={
                  breakdown.kind === 'region'
                    ? (i) => {
                        const key = d?.regions?.items[i]?.key;
                        if (key) drillRegion(key);
                      }
                    : breakdown.kind === 'organisation'
                      ? (i) => update({ organisationId: d?.organisations.items[i]?.key })
                      : undefined
                }
              />
            </Col>
          </Row>
          <Card>
            <Tabs
              activeKey={values.tab ?? 'instruments'}
              onChange={(tab) => update({ tab: tab === 'instruments' ? undefined : tab })}
              items={[
                {
                  key: 'instruments',
                  label: t('metrics.tab.instruments'),
                  children: <InstrumentTable items={d?.instruments.items} loading={loading} />,
                },
                ...(scope.bureau && !organisationId
                  ? [
                      {
                        key: 'organisations',
                        label: t('metrics.tab.organisations'),
                        children: (
                          <GroupTable
                            items={d?.organisations.items}
                            loading={loading}
                            onPick={(r) => update({ organisationId: r.key, tab: undefined })}
                            testId="metrics-org-table"
                          />
                        ),
                      },
                    ]
                  : []),
                ...(byRegion
                  ? [
                      {
                        key: 'regions',
                        label: t('metrics.tab.regions'),
                        children: (
                          <GroupTable
                            items={d?.regions?.items}
                            loading={loading}
                            onPick={(r) => drillRegion(r.key)}
                            testId="metrics-region-table"
                          />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}
