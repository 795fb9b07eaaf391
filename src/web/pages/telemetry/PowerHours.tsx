import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, InputNumber, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { Link } from 'react-router';
import { http, toQueryString } from '../../api/client';
import type { Headline, MonthlyHours, OrganisationHours } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, LoadError, Loading } from '../../components/States';
import { formatHours, telemetryApi } from '../../components/telemetry/endpoints';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { FilterBar, FilterRegion } from '../../lib/listTable';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';

const KEYS = ['year', 'regionCode', 'view'] as const;
const thisYear = () => Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));

/** Export links of one table: its `/export` twin with the same query and format=csv / format=xlsx. */
function Exports({ path, query }: { path: string; query: Record<string, string | number | undefined> }) {
  const { t } = useI18n();
  return (
    <Space size={8}>
      <Button
        size="small"
        icon={<DownloadOutlined />}
        href={`${path}/export${toQueryString({ ...query, format: 'csv' })}`}
        download
      >
        {t('action.exportCsv')}
      </Button>
      <Button
        size="small"
        icon={<DownloadOutlined />}
        href={`${path}/export${toQueryString({ ...query, format: 'xlsx' })}`}
        download
      >
        {t('hours.exportXlsx')}
      </Button>
    </Space>
  );
}

function barOption(
  labels: string[],
  on: number[],
  working: number[],
  unknown: number[],
  names: string[],
  horizontal = false,
) {
  const cat = { type: 'category', data: labels, axisLabel: { hideOverlap: true } };
  const val = { type: 'value', name: 'h' };
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatHours(v) },
    legend: { top: 0 },
    grid: { left: horizontal ? 180 : 60, right: 24, top: 36, bottom: 40 },
    toolbox: { feature: { saveAsImage: { title: '' }, dataView: { readOnly: true, title: '' } } },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? { ...cat, inverse: true } : val,
    series: [
      { name: names[0], type: 'bar', data: on, itemStyle: { color: '#1677ff' } },
      { name: names[1], type: 'bar', data: working, itemStyle: { color: '#389e0d' } },
      { name: names[2], type: 'bar', data: unknown, itemStyle: { color: '#bfbfbf' } },
    ],
  };
}

/** The region's power-on hours by month and by organisation, with the headline the bureau quotes. */
export default function PowerHours() {
  const { t } = useI18n();
  const { values, update } = useUrlQuery(KEYS);
  const year = Number(values.year) || thisYear();
  const query = { year, regionCode: values.regionCode };
  const headline = useAsync(
    (signal) => http.get<Headline>(telemetryApi.headline, query, { signal }),
    [year, values.regionCode],
  );
  const monthly = useAsync(
    (signal) => http.get<MonthlyHours>(telemetryApi.hoursMonthly, query, { signal }),
    [year, values.regionCode],
  );
  const byOrg = useAsync(
    (signal) => http.get<OrganisationHours>(telemetryApi.hoursOrganisations, query, { signal }),
    [year, values.regionCode],
  );
  const showTable = values.view === 'table';
  const names = [t('hours.onHours'), t('hours.workingHours'), t('hours.unknownHours')];
  const hourCols = [
    { title: t('hours.instruments'), dataIndex: 'instruments', align: 'right' as const },
    { title: t('hours.onHours'), dataIndex: 'onHours', align: 'right' as const, render: formatHours },
    { title: t('hours.workingHours'), dataIndex: 'workingHours', align: 'right' as const, render: formatHours },
    { title: t('hours.unknownHours'), dataIndex: 'unknownHours', align: 'right' as const, render: formatHours },
  ];
  const viewSwitch = (
    <Segmented
      size="small"
      value={showTable ? 'table' : 'chart'}
      onChange={(v) => update({ view: v === 'table' ? 'table' : undefined })}
      options={[
        { value: 'chart', label: t('hours.chart') },
        { value: 'table', label: t('hours.table') },
      ]}
    />
  );

  return (
    <>
      <PageHeader title={t('nav.powerHours')} crumbs={[{ title: t('nav.powerHours') }]} subTitle={t('hours.lead')} />
      <FilterBar>
        <Col xs={12} md={6} xl={4}>
          <div className="ant-form-item">
            <label htmlFor="hours-year" style={{ display: 'block', paddingBottom: 8 }}>
              {t('hours.year')}
            </label>
            <InputNumber
              id="hours-year"
              min={2000}
              max={2100}
              value={year}
              onChange={(v) => update({ year: v && v !== thisYear() ? v : undefined })}
              style={{ width: '100%' }}
            />
          </div>
        </Col>
        <Col xs={12} md={8} xl={6}>
          <div className="ant-form-item">
            <span style={{ display: 'block', paddingBottom: 8 }}>&nbsp;</span>
            {/* The bureau's figure is one click away for this year and the last whole year. */}
            <Segmented
              data-testid="hours-year-quick"
              value={year}
              onChange={(v) => update({ year: Number(v) !== thisYear() ? Number(v) : undefined })}
              options={[
                { value: thisYear(), label: t('hours.thisYear', { year: thisYear() }) },
                { value: thisYear() - 1, label: t('hours.lastYear', { year: thisYear() - 1 }) },
              ]}
            />
          </div>
        </Col>
        <Col xs={24} md={10} xl={8}>
          <FilterRegion
            id="hours-region"
            label={t('hours.region')}
            value={values.regionCode}
            onChange={(regionCode) => update({ regionCode })}
          />
        </Col>
      </FilterBar>
      <Card style={{ marginBottom: 16 }} data-testid="hours-headline">
        {headline.error ? (
          <LoadError error={headline.error} onRetry={headline.reload} />
        ) : !headline.data ? (
          <Loading />
        ) : (
          <>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {t('hours.headline', {
                n: headline.data.connectedInstruments.toLocaleString('zh-CN'),
                h: formatHours(headline.data.powerOnHours),
                year: headline.data.year,
              })}
            </Typography.Title>
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Statistic title={t('hours.headlineShort')} value={headline.data.connectedInstruments} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('hours.onHours')} value={formatHours(headline.data.powerOnHours)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('hours.workingHours')} value={formatHours(headline.data.workingHours)} />
              </Col>
            </Row>
            <Typography.Text type="secondary">
              {t('hours.asOf', { at: formatDateTime(headline.data.asOf) })}
            </Typography.Text>
          </>
        )}
      </Card>
      <Card
        title={t('hours.byMonth')}
        style={{ marginBottom: 16 }}
        extra={
          <Space wrap>
            {viewSwitch}
            <Exports path={telemetryApi.hoursMonthly} query={query} />
          </Space>
        }
      >
        {monthly.error ? (
          <LoadError error={monthly.error} onRetry={monthly.reload} />
        ) : !monthly.data ? (
          <Loading />
        ) : monthly.data.items.length === 0 ? (
          <EmptyState description={t('hours.empty')} />
        ) : showTable ? (
          <Table
            size="small"
            rowKey="month"
            pagination={false}
            dataSource={monthly.data.items}
            columns={[{ title: t('hours.month'), dataIndex: 'month' }, ...hourCols]}
            summary={() => {
              const total = monthly.data?.total;
              return total ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('hours.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {total.instruments}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {formatHours(total.onHours)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {formatHours(total.workingHours)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {formatHours(total.unknownHours)}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null;
            }}
          />
        ) : (
          <ReactECharts
            style={{ height: 340 }}
            notMerge
            option={barOption(
              monthly.data.items.map((i) => i.month),
              monthly.data.items.map((i) => i.onHours),
              monthly.data.items.map((i) => i.workingHours),
              monthly.data.items.map((i) => i.unknownHours),
              names,
            )}
          />
        )}
      </Card>
      <Card
        title={t('hours.byOrganisation')}
        extra={
          <Space wrap>
            {viewSwitch}
            <Exports path={telemetryApi.hoursOrganisations} query={query} />
          </Space>
        }
      >
        {byOrg.error ? (
          <LoadError error={byOrg.error} onRetry={byOrg.reload} />
        ) : !byOrg.data ? (
          <Loading />
        ) : byOrg.data.items.length === 0 ? (
          <EmptyState description={t('hours.empty')} />
        ) : showTable ? (
          <Table
            size="small"
            rowKey="organisationId"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={byOrg.data.items}
            columns={[
              {
                title: t('hours.organisation'),
                dataIndex: 'organisationName',
                render: (n: string, o) => <Link to={`/telemetry/board?organisationId=${o.organisationId}`}>{n}</Link>,
              },
              ...hourCols,
            ]}
          />
        ) : (
          <ReactECharts
            style={{ height: Math.max(260, Math.min(byOrg.data.items.length, 20) * 32 + 80) }}
            notMerge
            option={barOption(
              byOrg.data.items.slice(0, 20).map((i) => i.organisationName),
              byOrg.data.items.slice(0, 20).map((i) => i.onHours),
              byOrg.data.items.slice(0, 20).map((i) => i.workingHours),
              byOrg.data.items.slice(0, 20).map((i) => i.unknownHours),
              names,
              true,
            )}
          />
        )}
      </Card>
    </>
  );
}
