import { SearchOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { http } from '../../api/client';
import type { BookingListItem, Paged } from '../../api/types';
import { useBookingColumns } from '../../components/BookingColumns';
import { LinkButton } from '../../components/LinkButton';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { ListTable, pageParams, pageQuery, useListTableProps } from '../../lib/listTable';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';

const KEYS = ['page', 'pageSize'] as const;

/** The bookings I made, newest first. */
export default function MyBookings() {
  const { t } = useI18n();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const list = useAsync(
    (signal) => http.get<Paged<BookingListItem>>('/api/bookings/mine', { page, pageSize }, { signal }),
    [page, pageSize],
  );
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter: false,
    reset,
    emptyText: t('myBookings.empty'),
    emptyFilteredText: t('myBookings.empty'),
  });
  const columns = useBookingColumns(false);
  return (
    <>
      <PageHeader
        title={t('nav.myBookings')}
        crumbs={[{ title: t('nav.myBookings') }]}
        extra={
          <LinkButton to="/instruments" type="primary" icon={<SearchOutlined />}>
            {t('myBookings.find')}
          </LinkButton>
        }
      />
      <Card>
        <ListTable<BookingListItem>
          list={list}
          {...tableProps}
          scroll={{ x: 900 }}
          onChange={(p) => update(pageQuery(p, 20))}
          columns={columns}
        />
      </Card>
    </>
  );
}
