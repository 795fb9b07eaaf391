import { FileAddOutlined } from '@ant-design/icons';
import { Button, Card, Col, Modal, type TablePaginationConfig, type TableProps, Tabs, Typography } from 'antd';
import { Link } from 'react-router';
import { claimStatusLabels, serviceKindLabels } from '../../../../shared/api/vouchers';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { BookingExportButton } from '../../../components/BookingFilters';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDate, formatDateTime, noWrap } from '../../../lib/format';
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
import { type ClaimSummary, type ReservationView, voucherApi } from '../api';
import { EvidenceTag, FlagTag, Money, VoucherStatus } from '../common';
import { ServiceOrders } from '../orders/ServiceOrders';
import { FileClaimModal } from './FileClaimModal';

const KEYS = ['tab', 'status', 'file', 'page', 'pageSize'] as const;
type Query = ReturnType<typeof useUrlQuery<(typeof KEYS)[number]>>;

/** Reserved vouchers on my services, waiting for the service to be claimed. */
function ToClaimTab({ values, update }: Query) {
  const { t, label } = useI18n();
  const { page, pageSize } = pageParams(values, 20);
  const list = useAsync(
    (signal) =>
      http.get<Paged<ReservationView>>(
        voucherApi.reservations,
        { side: 'provider', status: 'held', page, pageSize },
        { signal },
      ),
    [page, pageSize],
  );
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter: false,
    reset: () => undefined,
    emptyText: t('vch.claims.toClaimEmpty'),
    emptyFilteredText: t('vch.claims.toClaimEmpty'),
  });
  return (
    <ListTable<ReservationView>
      list={list}
      {...tableProps}
      scroll={{ x: 1000 }}
      onChange={(p) => update(pageQuery(p, 20))}
      onRow={() => ({ 'data-testid': 'to-claim-row' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('vch.claim.subject'),
          dataIndex: 'subjectName',
          render: (v: string, r) =>
            r.subjectType === 'booking' ? <Link to={`/bookings/queue/${r.subjectId}`}>{v}</Link> : v,
        },
        { title: t('vch.enterprise'), dataIndex: 'enterpriseName' },
        {
          title: t('vch.claim.kind'),
          dataIndex: 'serviceKind',
          render: (k: ReservationView['serviceKind']) => label(serviceKindLabels[k]),
        },
        {
          title: t('vch.claim.when'),
          dataIndex: 'serviceStart',
          render: (v: string) => formatDateTime(v),
          onCell: noWrap,
        },
        { title: t('vch.pay.fee'), dataIndex: 'feeFen', align: 'right', render: (v: number) => <Money fen={v} /> },
        {
          title: t('vch.claim.reserved'),
          dataIndex: 'amountFen',
          align: 'right',
          render: (v: number) => <Money fen={v} />,
        },
        {
          title: t('common.actions'),
          key: 'file',
          render: (_, r) => (
            <Button
              size="small"
              type="primary"
              icon={<FileAddOutlined />}
              onClick={() => update({ file: r.id, page: values.page })}
              data-testid="to-claim-file"
            >
              {t('vch.claim.file')}
            </Button>
          ),
        },
      ]}
    />
  );
}

/** The claims I filed, with their status and what the checks found. */
function ClaimsTab({ values, update }: Query) {
  const { t, label } = useI18n();
  const { page, pageSize } = pageParams(values, 20);
  const filters = { side: 'provider', status: values.status };
  const list = useAsync(
    (signal) => http.get<Paged<ClaimSummary>>(voucherApi.claims, { ...filters, page, pageSize }, { signal }),
    [values.status, page, pageSize],
  );
  const anyFilter = !!values.status;
  const reset = () => update({ status: undefined });
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: t('vch.claims.empty'),
    emptyFilteredText: t('vch.claims.emptyFiltered'),
  });
  return (
    <>
      <FilterBar>
        <Col xs={12} md={6} xl={4}>
          <FilterSelect
            id="pc-status"
            label={t('vch.status')}
            value={values.status}
            onChange={(v) => update({ status: v })}
            options={Object.entries(claimStatusLabels).map(([k, l]) => ({ value: k, label: label(l) }))}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
        <Col xs={24} md={12} xl={16} style={{ textAlign: 'end' }}>
          <BookingExportButton path={voucherApi.claimsExport} filters={filters} />
        </Col>
      </FilterBar>
      <ClaimTable
        list={list}
        tableProps={tableProps}
        onPage={(p) => update(pageQuery(p, 20))}
        base="/vouchers/claims"
      />
    </>
  );
}

/** A claims table, for the provider's list and the officer's queue alike. */
export function ClaimTable({
  list,
  tableProps,
  onPage,
  base,
  rowSelection,
}: {
  list: ReturnType<typeof useAsync<Paged<ClaimSummary>>>;
  tableProps: Pick<TableProps<ClaimSummary>, 'pagination' | 'locale'>;
  onPage: (p: TablePaginationConfig) => void;
  base: string;
  rowSelection?: TableProps<ClaimSummary>['rowSelection'];
}) {
  const { t } = useI18n();
  return (
    <ListTable<ClaimSummary>
      list={list}
      {...tableProps}
      scroll={{ x: 1000 }}
      rowSelection={rowSelection}
      onChange={onPage}
      onRow={(c) => ({ 'data-testid': 'claim-row', 'data-claim': c.id }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('vch.claim.subject'),
          dataIndex: 'subjectName',
          render: (v: string, c) => <Link to={`${base}/${c.id}`}>{v}</Link>,
        },
        {
          title: `${t('vch.provider')} → ${t('vch.enterprise')}`,
          key: 'parties',
          render: (_, c) => (
            <>
              <div>{c.providerName}</div>
              <Typography.Text type="secondary">→ {c.enterpriseName}</Typography.Text>
            </>
          ),
        },
        { title: t('vch.claim.when'), dataIndex: 'serviceStart', render: (v: string) => formatDate(v), onCell: noWrap },
        { title: t('vch.claim.fee'), dataIndex: 'feeFen', align: 'right', render: (v: number) => <Money fen={v} /> },
        {
          title: t('vch.claim.voucher'),
          dataIndex: 'voucherFen',
          align: 'right',
          render: (v: number) => <Money fen={v} />,
        },
        {
          title: t('vch.claim.evidence'),
          key: 'evidence',
          render: (_, c) => (
            <>
              <EvidenceTag evidence={c.evidence} />
              <FlagTag flagged={c.flagged} />
            </>
          ),
        },
        {
          title: t('vch.status'),
          dataIndex: 'status',
          render: (s: string) => <VoucherStatus vocabulary="claim" status={s} />,
        },
        { title: t('vch.claim.filedAt'), dataIndex: 'filedAt', render: (v: string) => formatDate(v), onCell: noWrap },
      ]}
    />
  );
}

/** Loads the reservation a ?file= link names, then opens the claim form for it. */
function FileFromLink({ reservationId, onClose }: { reservationId: string; onClose: () => void }) {
  const r = useAsync(
    (signal) => http.get<ReservationView>(voucherApi.reservation(reservationId), undefined, { signal }),
    [reservationId],
  );
  const { t } = useI18n();
  if (r.error)
    return (
      <Modal open title={t('vch.claim.file')} footer={null} onCancel={onClose}>
        <LoadError error={r.error} onRetry={r.reload} />
      </Modal>
    );
  return r.data ? <FileClaimModal reservation={r.data} onClose={onClose} /> : null;
}

/** The provider's claims desk: vouchers waiting to be claimed, and the claims filed. */
export default function ProviderClaims() {
  const { t } = useI18n();
  const query = useUrlQuery(KEYS);
  const tab = query.values.tab === 'claims' || query.values.tab === 'orders' ? query.values.tab : 'toclaim';
  return (
    <>
      <PageHeader title={t('nav.vchClaims')} crumbs={[{ title: t('nav.vchClaims') }]} subTitle={t('vch.claims.lead')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => query.update({ tab: k === 'toclaim' ? undefined : k, status: undefined })}
          items={[
            {
              key: 'toclaim',
              label: t('vch.claims.tabToClaim'),
              children: tab === 'toclaim' ? <ToClaimTab {...query} /> : null,
            },
            {
              key: 'claims',
              label: t('vch.claims.tabClaims'),
              children: tab === 'claims' ? <ClaimsTab {...query} /> : null,
            },
            {
              key: 'orders',
              label: t('vch.claims.tabOrders'),
              children: tab === 'orders' ? <ServiceOrders side="provider" /> : null,
            },
          ]}
        />
      </Card>
      {query.values.file ? (
        <FileFromLink
          reservationId={query.values.file}
          onClose={() => query.update({ file: undefined, page: query.values.page })}
        />
      ) : null}
    </>
  );
}
