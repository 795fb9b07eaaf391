import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { type ServiceMode, serviceModeLabels } from '../../shared/booking-rules';
import type { BookingListItem } from '../api/types';
import { useI18n } from '../i18n';
import { formatDate, formatTimeRange, noWrap } from '../lib/format';
import { BookingStatusTag, Yuan } from './InstrumentTags';

/**
 * The columns both booking lists share; `withBooker` adds who booked (the approval queue), whose
 * rows open the record under /bookings/queue so the menu keeps 预约审批 highlighted.
 */
export function useBookingColumns(withBooker: boolean): ColumnsType<BookingListItem> {
  const { t, label } = useI18n();
  return [
    {
      title: t('booking.instrument'),
      dataIndex: 'instrumentName',
      render: (name: string, b) => (
        <Link to={withBooker ? `/bookings/queue/${b.id}` : `/bookings/${b.id}`} data-testid="booking-link">
          {name}
        </Link>
      ),
    },
    ...(withBooker
      ? [
          {
            title: t('booking.booker'),
            key: 'booker',
            render: (_: unknown, b: BookingListItem) => (
              <>
                <div>{b.userName}</div>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>{b.organisationName}</div>
              </>
            ),
          },
        ]
      : []),
    {
      title: t('booking.time'),
      key: 'time',
      render: (_: unknown, b) => formatTimeRange(b.start, b.end),
      onCell: noWrap,
    },
    { title: t('booking.mode'), dataIndex: 'mode', render: (m: ServiceMode) => label(serviceModeLabels[m]) },
    {
      title: t('booking.estimatedFee'),
      dataIndex: 'estimatedFeeFen',
      align: 'right',
      render: (fen: number | null) => <Yuan fen={fen} />,
    },
    {
      title: t('booking.status'),
      dataIndex: 'status',
      render: (_: string, b) => <BookingStatusTag status={b.status} />,
    },
    { title: t('booking.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v), onCell: noWrap },
  ];
}
