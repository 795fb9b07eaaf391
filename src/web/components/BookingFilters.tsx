import { Col, DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { bookingStatuses, bookingStatusLabels } from '../../shared/booking-rules';
import { useI18n } from '../i18n';
import { FilterSearch, FilterSelect } from '../lib/listTable';

/** The URL keys of the booking lists' filters; the exports take the same ones. */
export const BOOKING_FILTER_KEYS = ['status', 'q', 'from', 'to', 'page', 'pageSize'] as const;
export type BookingFilterValues = Partial<Record<(typeof BOOKING_FILTER_KEYS)[number], string>>;

/** Text, start-date range and (optionally) status filters of a booking list, as FilterBar columns. */
export function BookingFilterColumns({
  values,
  status,
  onStatus,
  update,
  idPrefix,
}: {
  values: BookingFilterValues;
  /** Shown when set: the status filter's current value ('all' for none). */
  status?: string;
  onStatus?: (v: string | undefined) => void;
  update: (patch: BookingFilterValues) => void;
  idPrefix: string;
}) {
  const { t, label } = useI18n();
  return (
    <>
      {onStatus ? (
        <Col xs={24} md={8} xl={5}>
          <FilterSelect
            id={`${idPrefix}-status`}
            label={t('booking.status')}
            value={status}
            onChange={onStatus}
            options={[
              { value: 'all', label: t('common.all') },
              ...bookingStatuses.map((s) => ({ value: s, label: label(bookingStatusLabels[s]) })),
            ]}
            testId={`${idPrefix}-status`}
          />
        </Col>
      ) : null}
      <Col xs={24} md={8} xl={7}>
        <FilterSearch
          id={`${idPrefix}-q`}
          label={t('bookingList.searchLabel')}
          value={values.q}
          placeholder={t('bookingList.search')}
          onSearch={(q) => update({ q: q || undefined, page: undefined })}
          testId={`${idPrefix}-q`}
        />
      </Col>
      <Col xs={24} md={8} xl={7}>
        <Form.Item label={t('bookingList.dates')} htmlFor={`${idPrefix}-dates`}>
          <DatePicker.RangePicker
            id={`${idPrefix}-dates`}
            style={{ width: '100%' }}
            value={values.from && values.to ? [dayjs(values.from), dayjs(values.to)] : null}
            onChange={(r) =>
              update({
                from: r?.[0]?.format('YYYY-MM-DD'),
                to: r?.[1]?.format('YYYY-MM-DD'),
                page: undefined,
              })
            }
          />
        </Form.Item>
      </Col>
    </>
  );
}

/** CSV or Excel of what the list's filters show (the generic button, under its first name). */
export { ExportButton as BookingExportButton } from './ExportButton';
