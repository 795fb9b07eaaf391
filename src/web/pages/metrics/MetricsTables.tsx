import { Input, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import type { MetricsGroupRow, MetricsInstrumentRow } from '../../../shared/api/metrics';
import { EmptyState } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatHours, formatRate } from './metricsView';

type Figures = Pick<
  MetricsInstrumentRow,
  'effectiveHours' | 'externalHours' | 'sharingRate' | 'quotaHours' | 'bookedHours' | 'services'
>;

/** The figure columns both tables share, each sortable (the whole set is on the page). */
function useFigureColumns<T extends Figures>(): ColumnsType<T> {
  const { t } = useI18n();
  const num = (title: string, key: keyof Figures, render: (v: number) => string = formatHours) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    sorter: (a: T, b: T) => ((a[key] as number | null) ?? -1) - ((b[key] as number | null) ?? -1),
    render: (v: number | null) => (v === null ? '—' : render(v)),
  });
  return [
    { ...num(t('metrics.col.effective'), 'effectiveHours'), defaultSortOrder: 'descend' },
    num(t('metrics.col.external'), 'externalHours'),
    { ...num(t('metrics.col.sharingRate'), 'sharingRate'), render: (v: number | null) => formatRate(v) },
    num(t('metrics.col.quota'), 'quotaHours'),
    {
      title: t('metrics.col.quotaPct'),
      key: 'quotaPct',
      align: 'right',
      sorter: (a: T, b: T) => a.effectiveHours / (a.quotaHours || 1) - b.effectiveHours / (b.quotaHours || 1),
      render: (_: unknown, r: T) => formatRate(r.quotaHours > 0 ? r.effectiveHours / r.quotaHours : null),
    },
    num(t('metrics.col.booked'), 'bookedHours'),
    num(t('metrics.col.services'), 'services', String),
  ];
}

/** Every instrument in scope, sortable by any figure, optionally only those below quota. */
export function InstrumentTable({ items, loading }: { items: MetricsInstrumentRow[] | undefined; loading: boolean }) {
  const { t } = useI18n();
  const [belowOnly, setBelowOnly] = useState(false);
  const [name, setName] = useState('');
  const figures = useFigureColumns<MetricsInstrumentRow>();
  const needle = name.trim().toLowerCase();
  const rows = (items ?? []).filter(
    (i) =>
      (!belowOnly || i.belowQuota) &&
      (!needle || i.nameZh.toLowerCase().includes(needle) || i.organisationName.toLowerCase().includes(needle)),
  );
  const columns: ColumnsType<MetricsInstrumentRow> = [
    {
      title: t('metrics.col.instrument'),
      dataIndex: 'nameZh',
      fixed: 'left',
      width: 220,
      sorter: (a, b) => a.nameZh.localeCompare(b.nameZh, 'zh'),
      render: (name: string, r) => (
        <Space size={4} wrap>
          <Link to={`/instruments/${r.instrumentId}`}>{name}</Link>
          {r.belowQuota ? <Tag color="warning">{t('metrics.belowQuota')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('metrics.col.owner'),
      dataIndex: 'organisationName',
      width: 200,
      sorter: (a, b) => a.organisationName.localeCompare(b.organisationName, 'zh'),
    },
    {
      title: t('metrics.col.purpose'),
      dataIndex: 'purpose',
      width: 80,
      render: (p: 'general' | 'special') => t(`metrics.purpose.${p}`),
    },
    ...figures,
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap size="large">
        <Input.Search
          allowClear
          aria-label={t('metrics.nameFilter')}
          placeholder={t('metrics.nameFilter')}
          onSearch={setName}
          onChange={(e) => {
            if (!e.target.value) setName('');
          }}
          style={{ width: 260 }}
          data-testid="metrics-name-filter"
        />
        <Switch checked={belowOnly} onChange={setBelowOnly} id="metrics-below-only" data-testid="metrics-below-only" />
        <label htmlFor="metrics-below-only">{t('metrics.belowOnly')}</label>
      </Space>
      <Table<MetricsInstrumentRow>
        rowKey="instrumentId"
        size="middle"
        loading={loading}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 1200 }}
        data-testid="metrics-instrument-table"
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => t('common.total', { n }) }}
        locale={{
          emptyText: (
            <EmptyState
              description={
                needle ? t('metrics.emptyFiltered') : belowOnly ? t('metrics.emptyBelow') : t('metrics.empty')
              }
            />
          ),
        }}
      />
    </>
  );
}

/** Organisations or regions with their instrument counts and figures; a name click drills into it. */
export function GroupTable({
  items,
  loading,
  onPick,
  testId,
}: {
  items: MetricsGroupRow[] | undefined;
  loading: boolean;
  onPick?: (row: MetricsGroupRow) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const figures = useFigureColumns<MetricsGroupRow>();
  const columns: ColumnsType<MetricsGroupRow> = [
    {
      title: t('metrics.col.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 220,
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh'),
      render: (name: string, r) =>
        onPick ? <Typography.Link onClick={() => onPick(r)}>{name}</Typography.Link> : name,
    },
    {
      title: t('metrics.col.instruments'),
      dataIndex: 'instruments',
      align: 'right',
      sorter: (a, b) => a.instruments - b.instruments,
    },
    {
      title: t('metrics.col.belowQuotaCount'),
      dataIndex: 'belowQuotaCount',
      align: 'right',
      sorter: (a, b) => a.belowQuotaCount - b.belowQuotaCount,
    },
    ...figures,
  ];
  return (
    <Table<MetricsGroupRow>
      rowKey="key"
      size="middle"
      loading={loading}
      dataSource={items ?? []}
      columns={columns}
      scroll={{ x: 1200 }}
      data-testid={testId}
      pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => t('common.total', { n }) }}
      locale={{ emptyText: <EmptyState description={t('metrics.empty')} /> }}
    />
  );
}
