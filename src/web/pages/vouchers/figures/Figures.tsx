import { BarChartOutlined, TableOutlined } from '@ant-design/icons';
import { Card, Col, Form, Row, Segmented, Select, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { http } from '../../../api/client';
import { useMe } from '../../../auth/AuthContext';
import { canAudit } from '../../../auth/roles';
import { BookingExportButton } from '../../../components/BookingFilters';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyState, LoadError } from '../../../components/States';
import { pickBilingual, useI18n } from '../../../i18n';
import { FilterBar, FilterRegion, FilterSelect, ResetFiltersButton } from '../../../lib/listTable';
import { useAsync } from '../../../lib/useAsync';
import { useUrlQuery } from '../../../lib/useUrlQuery';
import { currentYear } from '../../metrics/metricsView';
import { type FiguresResult, voucherApi } from '../api';
import { Money } from '../common';
import { RegionName } from '../programmes/RegionListField';
import { useProgrammeOptions } from '../useProgrammes';
import { AMOUNTS, AmountsChart, EvidenceChart } from './FiguresCharts';
import { LedgerCheck } from './LedgerCheck';

const KEYS = ['year', 'programmeId', 'regionCode', 'groupBy'] as const;
const GROUPS = ['programme', 'region', 'provider', 'month'] as const;
type Group = (typeof GROUPS)[number];
type Row = FiguresResult['rows'][number];

/** KPI figures stay on one line: a seven-digit amount in 元 fits a sixth of a desk screen at this size. */
const KPI_FONT = { fontSize: 20, whiteSpace: 'nowrap' as const };

const share = (r: number) => `${(r * 100).toFixed(1)}%`;

/** The figures behind both charts, one row per group, with the same amounts. */
function FiguresTable({ rows, loading, group }: { rows: Row[] | undefined; loading: boolean; group: Group }) {
  const { t } = useI18n();
  return (
    <Table<Row>
      rowKey="key"
      size="small"
      loading={loading}
      dataSource={rows ?? []}
      scroll={{ x: 1100 }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      data-testid="vch-figures-table"
      locale={{ emptyText: <EmptyState description={t('vch.fig.empty')} /> }}
      columns={[
        { title: t(`vch.fig.col.${group}`), dataIndex: 'name', fixed: 'left' },
        ...AMOUNTS.map((a) => ({
          title: t(a.label),
          dataIndex: a.key,
          align: 'right' as const,
          sorter: (x: Row, y: Row) => x[a.key] - y[a.key],
          render: (v: number) => <Money fen={v} />,
        })),
        {
          title: t('vch.fig.sensorBacked'),
          dataIndex: 'sensorRedeemedFen',
          align: 'right',
          render: (v: number) => <Money fen={v} />,
        },
        {
          title: t('vch.fig.selfReported'),
          dataIndex: 'selfReportedRedeemedFen',
          align: 'right',
          render: (v: number) => <Money fen={v} />,
        },
        { title: t('vch.fig.sensorShare'), dataIndex: 'sensorShare', align: 'right', render: share },
      ]}
    />
  );
}

/**
 * Voucher figures: issued, reserved, redeemed, settled and voided by programme, region, provider or
 * month, charted with the table one click away and exports of the same filters; the share of
 * redeemed money the sensor backs against the self-reported share; KPI cards on top.
 */
export default function Figures() {
  const me = useMe();
  const { t, lang } = useI18n();
  const programmes = useProgrammeOptions();
  const { values, update, reset } = useUrlQuery(KEYS);
  const thisYear = currentYear();
  const year = Number(values.year) || thisYear;
  const group: Group = (GROUPS as readonly string[]).includes(values.groupBy ?? '')
    ? (values.groupBy as Group)
    : 'programme';
  const filters = {
    year: String(year),
    programmeId: values.programmeId,
    regionCode: values.regionCode,
    groupBy: group,
  };
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const [evidenceView, setEvidenceView] = useState<'chart' | 'table'>('chart');
  const figures = useAsync(
    (signal) => http.get<FiguresResult>(voucherApi.figures, filters, { signal }),
    [year, values.programmeId, values.regionCode, group],
  );
  // Server names may be "中文 / English" (e.g. the row of money that has no provider).
  const f = useMemo(
    () =>
      figures.data && {
        ...figures.data,
        rows: figures.data.rows.map((r) => ({ ...r, name: pickBilingual(r.name, lang) })),
      },
    [figures.data, lang],
  );
  const anyFilter = !!values.year || !!values.programmeId || !!values.regionCode || !!values.groupBy;
  const myRegion = me.roles.find((r) => r.regionCode)?.regionCode;
  // A click on a group narrows to it and shows its providers; providers and months are the bottom.
  const drill = (row: Row) => {
    if (group === 'programme') update({ programmeId: row.key, groupBy: 'provider' });
    else if (group === 'region') update({ regionCode: row.key, groupBy: 'provider' });
    else setView('table');
  };
  const totals = f?.totals;
  const kpis: { key: string; title: string; fen: number | undefined; foot?: string }[] = [
    { key: 'issued', title: t('vch.fig.issued'), fen: totals?.issuedFen },
    { key: 'reserved', title: t('vch.fig.reserved'), fen: totals?.reservedFen },
    {
      key: 'redeemed',
      title: t('vch.fig.redeemed'),
      fen: totals?.redeemedFen,
      foot:
        totals && totals.issuedFen > 0
          ? t('vch.fig.ofIssued', { pct: share(totals.redeemedFen / totals.issuedFen) })
          : undefined,
    },
    { key: 'settled', title: t('vch.fig.settled'), fen: totals?.settledFen },
    {
      key: 'voided',
      title: t('vch.fig.voidedExpired'),
      fen: totals ? totals.voidedFen + totals.expiredFen : undefined,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.vchFigures')}
        crumbs={[{ title: t('nav.vchFigures') }]}
        subTitle={t('vch.fig.lead')}
        extra={<BookingExportButton path={voucherApi.figuresExport} filters={filters} />}
      />
      <FilterBar>
        <Col xs={12} md={6} xl={3}>
          <Form.Item label={t('metrics.year')} htmlFor="vf-year">
            <Select
              id="vf-year"
              value={year}
              onChange={(v) => update({ year: v === thisYear ? undefined : v })}
              options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({
                value: y,
                label: t('metrics.yearValue', { year: y }),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={5}>
          <FilterSelect
            id="vf-programme"
            label={t('vch.programme')}
            value={values.programmeId}
            onChange={(v) => update({ programmeId: v })}
            options={programmes}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <FilterRegion
            id="vf-region"
            label={t('vch.region')}
            value={values.regionCode ?? undefined}
            onChange={(c) => update({ regionCode: c })}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item label={t('vch.fig.groupBy')} htmlFor="vf-group">
            <Select
              id="vf-group"
              value={group}
              onChange={(v) => update({ groupBy: v === 'programme' ? undefined : v })}
              options={GROUPS.map((g) => ({ value: g, label: t(`vch.fig.col.${g}`) }))}
              data-testid="vf-group"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      {myRegion && !values.regionCode ? (
        <Typography.Paragraph type="secondary">
          {t('vch.fig.scope')}
          <RegionName code={myRegion} />
        </Typography.Paragraph>
      ) : null}
      {figures.error ? (
        <LoadError error={figures.error} onRetry={figures.reload} />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {kpis.map((k) => (
              <Col key={k.key} xs={12} md={8} xl={4}>
                <Card loading={!f} data-testid={`vch-kpi-${k.key}`} style={{ height: '100%' }}>
                  <Statistic
                    title={k.title}
                    value={(k.fen ?? 0) / 100}
                    precision={(k.fen ?? 0) % 100 ? 2 : 0}
                    suffix={t('money.unitYuan')}
                    styles={{ content: KPI_FONT }}
                  />
                  <Typography.Text type="secondary">{k.foot ?? '\u00a0'}</Typography.Text>
                </Card>
              </Col>
            ))}
            <Col xs={24} md={8} xl={4}>
              <Card loading={!f} data-testid="vch-kpi-sensor" style={{ height: '100%' }}>
                <Statistic
                  styles={{ content: KPI_FONT }}
                  title={t('vch.fig.sensorShare')}
                  value={totals ? (totals.sensorShare * 100).toFixed(1) : 0}
                  suffix="%"
                />
                <Typography.Text type="secondary">
                  {totals
                    ? t('vch.fig.selfReportedAmount', { amount: formatShort(totals.selfReportedRedeemedFen, t) })
                    : '\u00a0'}
                </Typography.Text>
              </Card>
            </Col>
          </Row>
          {f && f.rows.length === 0 && !figures.loading ? (
            <Card>
              <EmptyState description={t('vch.fig.empty')} />
            </Card>
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}>
                <Card
                  title={t('vch.fig.amountsBy', { by: t(`vch.fig.group.${group}`) })}
                  extra={
                    <Segmented
                      value={view}
                      onChange={(v) => setView(v as 'chart' | 'table')}
                      options={[
                        { value: 'chart', icon: <BarChartOutlined />, label: t('vch.fig.chart') },
                        { value: 'table', icon: <TableOutlined />, label: t('vch.fig.table') },
                      ]}
                      data-testid="vf-view"
                    />
                  }
                >
                  {view === 'chart' ? (
                    <>
                      <AmountsChart
                        rows={f?.rows}
                        loading={figures.loading}
                        title={t('vch.fig.amountsBy', { by: t(`vch.fig.group.${group}`) })}
                        onPick={drill}
                        byProvider={group === 'provider'}
                      />
                      {group === 'programme' || group === 'region' ? (
                        <Typography.Text type="secondary">{t('vch.fig.drillHint')}</Typography.Text>
                      ) : null}
                    </>
                  ) : (
                    <FiguresTable rows={f?.rows} loading={figures.loading} group={group} />
                  )}
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card
                  title={t('vch.fig.evidenceTitle')}
                  extra={
                    <Segmented
                      value={evidenceView}
                      onChange={(v) => setEvidenceView(v as 'chart' | 'table')}
                      options={[
                        { value: 'chart', icon: <BarChartOutlined />, label: t('vch.fig.chart') },
                        { value: 'table', icon: <TableOutlined />, label: t('vch.fig.table') },
                      ]}
                    />
                  }
                >
                  {evidenceView === 'chart' ? (
                    <EvidenceChart
                      totals={totals}
                      rows={f?.rows}
                      loading={figures.loading}
                      title={t('vch.fig.evidenceTitle')}
                    />
                  ) : (
                    <FiguresTable rows={f?.rows} loading={figures.loading} group={group} />
                  )}
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                    {t('vch.fig.evidenceNote')}
                  </Typography.Paragraph>
                </Card>
              </Col>
            </Row>
          )}
          {canAudit(me) ? <LedgerCheck /> : null}
        </>
      )}
    </>
  );
}

function formatShort(fen: number, t: ReturnType<typeof useI18n>['t']): string {
  return t('money.yuan', { n: (fen / 100).toLocaleString('en-US', { maximumFractionDigits: 0 }) });
}
