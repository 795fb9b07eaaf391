import type { BookingStatus } from '../../shared/booking-rules';

/** Calendar bar colours by booking status: light fill, strong edge, so the text stays readable. */
export const bookingStatusStyle: Partial<Record<BookingStatus, { background: string; border: string }>> = {
  requested: { background: '#fff7e6', border: '#fa8c16' },
  approved: { background: '#e6fffb', border: '#13c2c2' },
  confirmed: { background: '#e6f4ff', border: '#1677ff' },
  in_use: { background: '#f9f0ff', border: '#722ed1' },
  completed: { background: '#f6ffed', border: '#52c41a' },
  no_show: { background: '#fff2e8', border: '#fa541c' },
};
