import { Card } from 'antd';
import { useState } from 'react';
import { http } from '../../api/client';
import type { BookingListItem, Paged } from '../../api/types';
import { useBookingColumns } from '../../components/BookingColumns';
import { BOOKING_FILTER_KEYS, BookingExportButton, BookingFilterColumns } from '../../components/BookingFilters';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { BatchBar, useBatchAction } from '../../lib/batchAction';
import { FilterBar, ListTable, pageParams, pageQuery, useListTableProps } from '../../lib/listTable';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';

const ALL = 'all';

/** Bookings of the instruments I manage; by default those waiting for approval. */
export default function BookingQueue() {
  const { t } = useI18n();
  const { values, update, reset } = useUrlQuery(BOOKING_FILTER_KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const status = values.status ?? 'requested';
  const [selected, setSelected] = useState<BookingListItem[]>([]);
  const batch = useBatchAction();

  const filters = { status: status === ALL ? undefined : status, q: values.q, from: values.from, to: values.to };
  const list = useAsync(
    (signal) => http.get<Paged<BookingListItem>>('/api/bookings/queue', { ...filters, page, pageSize }, { signal }),
    [status, values.q, values.from, values.to, page, pageSize],
  );
  const anyFilter = status !== 'requested' || !!(values.q || values.from || values.to);
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: t('queue.empty'),
    emptyFilteredText: t('queue.emptyFiltered'),
  });
  const columns = useBookingColumns(true);
  const approvable = selected.filter((b) => b.status === 'requested');

  const batchApprove = () =>
    batch.run({
      items: approvable,
      confirmTitle: t('queue.batchApproveConfirm', { n: approvable.length }),
      confirmHint: t('queue.batchApproveHint'),
      okText: t('booking.cmd.approve'),
      act: (b) => http.post(`/api/bookings/${b.id}/approve`, {}),
      describe: (b) => `${b.instrumentName} · ${b.userName}`,
      successText: (n) => t('queue.batchApproved', { n }),
      partialTitle: (ok, failed) => t('queue.batchPartial', { ok, failed }),
      done: () => {
        setSelected([]);
        list.reload();
      },
    });

  return (
    <>
      <PageHeader
        title={t('nav.bookingQueue')}
        crumbs={[{ title: t('nav.bookingQueue') }]}
        subTitle={t('queue.lead')}
        extra={<BookingExportButton path="/api/bookings/queue/export" filters={filters} />}
      />
      <FilterBar>
        <BookingFilterColumns
          idPrefix="queue"
          values={values}
          status={status}
          onStatus={(v) => {
            setSelected([]);
            update({ status: v === 'requested' ? undefined : (v ?? ALL), page: undefined });
          }}
          update={update}
        />
      </FilterBar>
      <Card>
        <BatchBar
          label={t('queue.batchApprove', { n: approvable.length })}
          eligible={approvable.length}
          selected={selected.length}
          busy={batch.busy}
          onRun={batchApprove}
          hint={t('queue.selectHint')}
          testId="queue-batch-approve"
        />
        <ListTable<BookingListItem>
          list={list}
          {...tableProps}
          scroll={{ x: 1000 }}
          rowSelection={{
            selectedRowKeys: selected.map((b) => b.id),
            onChange: (_, rows) => setSelected(rows),
            getCheckboxProps: (b) => ({
              disabled: b.status !== 'requested',
              'aria-label': t('queue.selectRow', { name: `${b.instrumentName} ${b.userName}` }),
            }),
          }}
          onChange={(p) => update(pageQuery(p, 20))}
          columns={columns}
        />
      </Card>
    </>
  );
}
