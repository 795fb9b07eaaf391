import { Steps, type StepsProps } from 'antd';
import type { BookingStatus } from '../../shared/booking-rules';
import type { BookingDetail } from '../api/types';
import { type MessageKey, useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { bookingStatusText } from './InstrumentTags';
import { StatusTimeline } from './StatusTimeline';

type StepItem = NonNullable<StepsProps['items']>[number];

const MAIN: BookingStatus[] = ['requested', 'approved', 'confirmed', 'in_use', 'completed'];
const TERMINAL: BookingStatus[] = ['rejected', 'cancelled', 'no_show'];

/** Who acts next at each status. */
const NEXT: Partial<Record<BookingStatus, MessageKey>> = {
  requested: 'booking.next.requested',
  approved: 'booking.next.approved',
  confirmed: 'booking.next.confirmed',
  in_use: 'booking.next.in_use',
  rejected: 'booking.next.rejected',
  cancelled: 'booking.next.cancelled',
  no_show: 'booking.next.no_show',
};

/**
 * Where the booking stands in 待审核 → 已批准 → 已确认 → 使用中 → 已完成 and who acts next. A
 * rejection, cancellation or no-show shows as an error on the step it interrupted.
 */
export function BookingSteps({ booking }: { booking: BookingDetail }) {
  const { t, label } = useI18n();
  const title = (s: BookingStatus) => bookingStatusText(s, label);
  const reachedAt = new Map<string, string>();
  for (const e of booking.events) reachedAt.set(e.toStatus, e.at);
  const status = booking.status;
  // Sample testing is usually completed without anyone checking in, so 使用中 shows only if it happened.
  const main =
    booking.mode === 'sample_testing' && !reachedAt.has('in_use') ? MAIN.filter((s) => s !== 'in_use') : MAIN;

  if (TERMINAL.includes(status)) {
    // The furthest main step reached before it stopped.
    const reached = main.reduce((acc, s, i) => (reachedAt.has(s) ? i : acc), 0);
    const lastReason = [...booking.events].reverse().find((e) => e.toStatus === status)?.reason;
    const items: StepItem[] = [
      ...main.slice(0, reached + 1).map((s) => ({
        title: title(s),
        content: formatDateTime(reachedAt.get(s)),
        status: 'finish' as const,
      })),
      {
        title: title(status),
        content: [
          t(NEXT[status] ?? 'booking.next.cancelled'),
          lastReason ? t('org.step.reason', { reason: lastReason }) : '',
        ]
          .filter(Boolean)
          .join(' '),
        status: 'error',
      },
    ];
    return <Steps current={items.length - 1} items={items} data-testid="booking-steps" />;
  }

  const current = main.indexOf(status);
  const items: StepItem[] = main.map((s, i) => {
    if (i < current) return { title: title(s), content: formatDateTime(reachedAt.get(s)), status: 'finish' };
    if (i === current)
      return {
        title: title(s),
        content: s === 'completed' ? formatDateTime(reachedAt.get(s)) : t(NEXT[s] ?? 'booking.next.requested'),
        status: s === 'completed' ? 'finish' : 'process',
      };
    return { title: title(s), status: 'wait' };
  });
  return <Steps current={current} items={items} data-testid="booking-steps" responsive />;
}

const EVENT_COLOURS: Record<string, string> = {
  completed: 'green',
  approved: 'green',
  confirmed: 'blue',
  in_use: 'purple',
  rejected: 'red',
  cancelled: 'gray',
  no_show: 'red',
  requested: 'blue',
};

/** History from the booking's event rows: who, when, from → to, why. Newest first. */
export function BookingTimeline({ booking }: { booking: BookingDetail }) {
  const { label } = useI18n();
  return (
    <StatusTimeline
      events={booking.events}
      statusText={(s) => bookingStatusText(s, label)}
      colours={EVENT_COLOURS}
      testId="booking-event"
    />
  );
}
