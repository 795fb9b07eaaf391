import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { Card, Segmented, Space } from 'antd';
import { http } from '../../api/client';
import type { BookingListItem, Paged } from '../../api/types';
import { useBookingColumns } from '../../components/BookingColumns';
import { BOOKING_FILTER_KEYS, BookingExportButton, BookingFilterColumns } from '../../components/BookingFilters';
import { LinkButton } from '../../components/LinkButton';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { FilterBar, ListTable, pageParams, pageQuery, useListTableProps } from '../../lib/listTable';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';
import { MyCalendar } from './MyCalendar';

const ALL = 'all';
const VIEW_KEYS = ['view', 'day'] as const;

/** The bookings I made, newest first, with filters and export. */
export default function MyBookings() {
  const { t } = useI18n();
  const { values, update, reset } = useUrlQuery(BOOKING_FILTER_KEYS);
  const view = useUrlQuery(VIEW_KEYS);
  const calendar = view.values.view === 'calendar';
  const { page, pageSize } = pageParams(values, 20);
  const status = values.status ?? ALL;
  const filters = {
    status: status === ALL ? undefined : status,
    q: values.q,
    from: values.from,
    to: values.to,
  };
  const list = useAsync(
    (signal) => http.get<Paged<BookingListItem>>('/api/bookings/mine', { ...filters, page, pageSize }, { signal }),
    [status, values.q, values.from, values.to, page, pageSize],
  );
  const anyFilter = Object.values(filters).some((v) => v !== undefined);
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: t('myBookings.empty'),
    emptyFilteredText: t('bookingList.emptyFiltered'),
  });
  const columns = useBookingColumns(false);
  return (
    <>
      <PageHeader
        title={t('nav.myBookings')}
        crumbs={[{ title: t('nav.myBookings') }]}
        extra={
          <Space wrap>
            <Segmented
              aria-label={t('myBookings.view')}
              value={calendar ? 'calendar' : 'list'}
              onChange={(v) => view.update({ view: v === 'calendar' ? 'calendar' : undefined, day: undefined })}
              options={[
                { value: 'list', label: t('myBookings.viewList') },
                { value: 'calendar', label: t('myBookings.viewCalendar') },
              ]}
              data-testid="my-bookings-view"
            />
            <LinkButton to="/bookings/qualifications" icon={<SafetyCertificateOutlined />}>
              {t('nav.myQualifications')}
            </LinkButton>
            <BookingExportButton path="/api/bookings/mine/export" filters={filters} />
            <LinkButton to="/instruments" type="primary" icon={<SearchOutlined />}>
              {t('myBookings.find')}
            </LinkButton>
          </Space>
        }
      />
      {calendar ? (
        <Card>
          <MyCalendar day={view.values.day} onDay={(day) => view.update({ day })} />
        </Card>
      ) : (
        <>
          <FilterBar>
            <BookingFilterColumns
              idPrefix="mine"
              values={values}
              status={status}
              onStatus={(v) => update({ status: v === ALL ? undefined : v, page: undefined })}
              update={update}
            />
          </FilterBar>
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
      )}
    </>
  );
}
