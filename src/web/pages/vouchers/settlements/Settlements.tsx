import { Card, Col, DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { settlementStatusLabels } from '../../../../shared/api/vouchers';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { BookingExportButton } from '../../../components/BookingFilters';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { formatDate, noWrap } from '../../../lib/format';
import {
  FilterBar,
  FilterSelect,
  ListTable,
  pageParams,
  pageQuery,
  ResetFiltersButton,
  useListTableProps,
} from '../../../lib/listTable';
import { useAsync } from '../../../lib/useAsync';
import { useUrlQuery } from '../../../lib/useUrlQuery';
import { type SettlementSummary, voucherApi } from '../api';
import { Money, VoucherStatus } from '../common';
import { useProgrammeOptions } from '../useProgrammes';

const KEYS = ['programmeId', 'status', 'month', 'page', 'pageSize'] as const;

/**
 * Settlement batches: one per provider and month, holding its approved claims; finance pays a batch
 * once its month is over. The filtered list exports for the finance system.
 */
export default function Settlements() {
  const { t, label } = useI18n();
  const programmes = useProgrammeOptions();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const filters = { programmeId: values.programmeId, status: values.status, month: values.month };
  const list = useAsync(
    (signal) => http.get<Paged<SettlementSummary>>(voucherApi.settlements, { ...filters, page, pageSize }, { signal }),
    [values.programmeId, values.status, values.month, page, pageSize],
  );
  const anyFilter = Object.values(filters).some(Boolean);
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: t('vch.set.empty'),
    emptyFilteredText: t('vch.set.emptyFiltered'),
  });
  return (
    <>
      <PageHeader
        title={t('nav.vchSettlements')}
        crumbs={[{ title: t('nav.vchSettlements') }]}
        subTitle={t('vch.set.lead')}
        extra={<BookingExportButton path={voucherApi.settlementsExport} filters={filters} />}
      />
      <FilterBar>
        <Col xs={24} md={8} xl={6}>
          <FilterSelect
            id="vs-programme"
            label={t('vch.programme')}
            value={values.programmeId}
            onChange={(v) => update({ programmeId: v })}
            options={programmes}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <FilterSelect
            id="vs-status"
            label={t('vch.status')}
            value={values.status}
            onChange={(v) => update({ status: v })}
            options={Object.entries(settlementStatusLabels).map(([k, l]) => ({ value: k, label: label(l) }))}
            testId="vs-status"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item label={t('vch.set.month')} htmlFor="vs-month">
            <DatePicker
              id="vs-month"
              picker="month"
              style={{ width: '100%' }}
              value={values.month ? dayjs(`${values.month}-01`) : null}
              onChange={(d) => update({ month: d ? d.format('YYYY-MM') : undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={4} xl={4}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      <Card>
        <ListTable<SettlementSummary>
          list={list}
          {...tableProps}
          scroll={{ x: 1000 }}
          onChange={(p) => update(pageQuery(p, 20))}
          onRow={(s) =>
            ({ 'data-testid': 'settlement-row', 'data-settlement': s.id }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: t('vch.provider'),
              dataIndex: 'providerName',
              render: (v: string, s) => <Link to={`/vouchers/settlements/${s.id}`}>{v}</Link>,
            },
            { title: t('vch.set.month'), dataIndex: 'month', onCell: noWrap },
            { title: t('vch.programme'), dataIndex: 'programmeName' },
            { title: t('vch.set.claims'), dataIndex: 'claimCount', align: 'right' },
            {
              title: t('vch.set.total'),
              dataIndex: 'totalFen',
              align: 'right',
              render: (v: number) => <Money fen={v} strong />,
            },
            {
              title: t('vch.status'),
              dataIndex: 'status',
              render: (s: string, r) => (
                <>
                  <VoucherStatus vocabulary="settlement" status={s} />
                  {s === 'open' && !r.payable ? (
                    <span style={{ color: 'rgba(0,0,0,0.55)' }}>{t('vch.set.monthOpen')}</span>
                  ) : null}
                </>
              ),
            },
            {
              title: t('vch.set.paidAt'),
              dataIndex: 'paidAt',
              render: (v: string | null) => formatDate(v),
              onCell: noWrap,
            },
            { title: t('vch.set.paymentRef'), dataIndex: 'paymentRef', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}
