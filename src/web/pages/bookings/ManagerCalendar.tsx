import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Segmented, Select, Space, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ManagerCalendar as Calendar } from '../../../shared/api/bookings.calendar';
import { bookingStatusLabels, type IsoWeekday, minutesOfDay } from '../../../shared/booking-rules';
import { http } from '../../api/client';
import type { Paged } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { hasMembership, isBureauAdmin } from '../../auth/roles';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, LoadError } from '../../components/States';
import { useI18n } from '../../i18n';
import { bookingStatusStyle } from '../../lib/bookingColours';
import { formatTimeRange } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';
import { addDays, hhmm, isoWeekday, mondayOf, wallClock, zonedInstant } from '../../lib/zonedTime';

const KEYS = ['view', 'day', 'organisationId'] as const;
const ROW = 44;
const NAME_W = 220;
const STATUS_STYLE = bookingStatusStyle;
const CLOSED_BG = 'repeating-linear-gradient(135deg, #f5f5f5 0 6px, #ebebeb 6px 8px)';
const BLACKOUT_BG = 'repeating-linear-gradient(135deg, #fff1f0 0 6px, #ffccc7 6px 8px)';

type Instrument = Calendar['instruments'][number];

/** [from, to) minutes of a Shanghai day covered by an interval, or null. */
function clip(day: string, start: number, end: number) {
  const dayStart = zonedInstant(day, 0).getTime();
  const s = Math.max(start, dayStart);
  const e = Math.min(end, zonedInstant(addDays(day, 1), 0).getTime());
  return s < e ? { from: (s - dayStart) / 60_000, to: (e - dayStart) / 60_000 } : null;
}

/** Opening windows of an instrument on a Shanghai day, read in the instrument's own zone. */
function openOn(i: Instrument, day: string) {
  const windows = i.openingHours[String(isoWeekday(day)) as IsoWeekday] ?? [];
  return windows
    .map((w) =>
      clip(
        day,
        zonedInstant(day, minutesOfDay(w.from), i.timezone).getTime(),
        zonedInstant(day, minutesOfDay(w.to), i.timezone).getTime(),
      ),
    )
    .filter((w): w is { from: number; to: number } => w !== null);
}

/**
 * The manager's resource timeline: one row per managed instrument, a day or a week across, in
 * Beijing time. Closed hours and blackouts are shaded, bookings coloured by status; a booking opens
 * its record, a free stretch of opening hours opens the instrument's booking form.
 */
export default function ManagerCalendar() {
  const { t, label } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const { values, update } = useUrlQuery(KEYS);
  const view = values.view === 'day' ? 'day' : 'week';
  const today = wallClock(new Date()).day;
  const anchor = values.day ?? today;
  const first = view === 'week' ? mondayOf(anchor) : anchor;
  const days = Array.from({ length: view === 'week' ? 7 : 1 }, (_, i) => addDays(first, i));
  const from = zonedInstant(first, 0).toISOString();
  const to = zonedInstant(addDays(first, days.length), 0).toISOString();
  const bureau = isBureauAdmin(me) && !hasMembership(me);

  const organisations = useAsync(
    (signal) =>
      bureau
        ? http.get<Paged<{ id: string; name: string }>>(
            '/api/organisations',
            { status: 'verified', sort: 'name', pageSize: 200 },
            { signal },
          )
        : Promise.resolve(undefined),
    [bureau],
  );
  const cal = useAsync(
    (signal) =>
      http.get<Calendar>('/api/bookings/calendar', { from, to, organisationId: values.organisationId }, { signal }),
    [from, to, values.organisationId],
  );

  // Hours shown: earliest opening to latest closing over the rows (whole hours), bookings included.
  const [startMin, endMin] = useMemo(() => {
    const spans = (cal.data?.instruments ?? []).flatMap((i) => days.flatMap((d) => openOn(i, d)));
    for (const b of cal.data?.bookings ?? [])
      for (const d of days) {
        const c = clip(d, Date.parse(b.start), Date.parse(b.end));
        if (c) spans.push(c);
      }
    if (spans.length === 0) return [480, 1080];
    return [
      Math.floor(Math.min(...spans.map((s) => s.from)) / 60) * 60,
      Math.ceil(Math.max(...spans.map((s) => s.to)) / 60) * 60,
    ];
  }, [cal.data, days]);
  // Days share the card's width (scrolling sideways only below a readable minimum).
  const box = useRef<HTMLDivElement>(null);
  const [boxW, setBoxW] = useState(1000);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setBoxW(el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const dayW = Math.max(view === 'week' ? 110 : 600, Math.floor((boxW - NAME_W - 2) / days.length));
  const px = dayW / (endMin - startMin);
  const x = (m: number) => (Math.max(startMin, Math.min(endMin, m)) - startMin) * px;
  const hours = Array.from({ length: (endMin - startMin) / 60 + 1 }, (_, i) => startMin + i * 60);
  const step = (n: number) => update({ day: addDays(anchor, n * days.length) });
  const weekdayName = (d: string) => t(`calendar.weekday.${isoWeekday(d)}` as 'calendar.weekday.1');

  const shownStatuses = [...new Set((cal.data?.bookings ?? []).map((b) => b.status))];

  return (
    <>
      <PageHeader
        title={t('nav.bookingCalendar')}
        crumbs={[{ title: t('nav.bookingCalendar') }]}
        subTitle={t('calendar.lead')}
      />
      <Card>
        <div ref={box} />
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
          <Space wrap>
            <Button icon={<LeftOutlined />} onClick={() => step(-1)} aria-label={t('calendar.prev')} />
            <Button onClick={() => update({ day: undefined })} disabled={days.includes(today)}>
              {t('calendar.today')}
            </Button>
            <Button icon={<RightOutlined />} onClick={() => step(1)} aria-label={t('calendar.next')} />
            <Typography.Text strong data-testid="calendar-range">
              {days.length === 1 ? `${first} ${weekdayName(first)}` : `${first} – ${days[6]}`}
            </Typography.Text>
          </Space>
          <Space wrap>
            {bureau ? (
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: 260 }}
                placeholder={t('calendar.allOrganisations')}
                aria-label={t('calendar.organisation')}
                loading={organisations.loading}
                value={values.organisationId}
                onChange={(v) => update({ organisationId: v })}
                options={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              />
            ) : null}
            <Segmented
              value={view}
              onChange={(v) => update({ view: v === 'day' ? 'day' : undefined })}
              options={[
                { value: 'day', label: t('calendar.day') },
                { value: 'week', label: t('calendar.week') },
              ]}
              data-testid="calendar-view"
            />
          </Space>
        </Flex>
        <Space wrap size={[12, 4]} style={{ marginBottom: 12 }} aria-label={t('calendar.legend')}>
          {shownStatuses.map((s) => (
            <Swatch key={s} style={STATUS_STYLE[s]} text={label(bookingStatusLabels[s])} />
          ))}
          <Swatch style={{ background: CLOSED_BG, border: '#d9d9d9' }} text={t('calendar.closed')} />
          <Swatch style={{ background: BLACKOUT_BG, border: '#ff7875' }} text={t('calendar.blackoutLegend')} />
        </Space>
        {cal.data?.truncated ? (
          <Alert type="info" showIcon title={t('calendar.truncated')} style={{ marginBottom: 12 }} />
        ) : null}
        {cal.loading && !cal.data ? (
          <Loading what={t('calendar.loading')} />
        ) : cal.error ? (
          <LoadError error={cal.error} onRetry={cal.reload} />
        ) : !cal.data?.instruments.length ? (
          <EmptyState description={t('calendar.empty')} />
        ) : (
          <div style={{ overflowX: 'auto' }} data-testid="manager-calendar">
            <div style={{ width: NAME_W + dayW * days.length, position: 'relative' }}>
              {/* Header: days, and hour marks in the day view. */}
              <div style={{ display: 'flex', borderBottom: '1px solid #f0f0f0', height: view === 'day' ? 48 : 32 }}>
                <div style={{ width: NAME_W, flex: 'none', fontWeight: 600, padding: '6px 8px' }}>
                  {t('calendar.instrument')}
                </div>
                {days.map((d) => (
                  <div
                    key={d}
                    style={{ width: dayW, flex: 'none', position: 'relative', borderLeft: '1px solid #f0f0f0' }}
                  >
                    <div
                      style={{
                        textAlign: 'center',
                        fontWeight: d === today ? 700 : 500,
                        color: d === today ? '#1677ff' : undefined,
                      }}
                    >
                      {weekdayName(d)} {d.slice(5)}
                    </div>
                    {view === 'day'
                      ? hours.map((h) => (
                          <span
                            key={h}
                            style={{
                              position: 'absolute',
                              left: Math.max(0, Math.min(x(h) - 16, dayW - 36)),
                              top: 26,
                              fontSize: 12,
                              color: 'rgba(0,0,0,0.55)',
                            }}
                          >
                            {hhmm(h)}
                          </span>
                        ))
                      : null}
                  </div>
                ))}
              </div>
              {cal.data.instruments.map((i) => (
                <div
                  key={i.id}
                  style={{ display: 'flex', height: ROW, borderBottom: '1px solid #f0f0f0' }}
                  data-testid="calendar-row"
                >
                  <div style={{ width: NAME_W, flex: 'none', padding: '4px 8px', overflow: 'hidden' }}>
                    <Link
                      to={`/instruments/${i.id}`}
                      style={{ display: 'block', whiteSpace: 'nowrap', textOverflow: 'ellipsis', overflow: 'hidden' }}
                      title={i.nameZh}
                    >
                      {i.nameZh}
                    </Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }} ellipsis>
                      {i.organisationName}
                    </Typography.Text>
                  </div>
                  {days.map((d) => (
                    <DayCell
                      key={d}
                      day={d}
                      instrument={i}
                      width={dayW}
                      x={x}
                      bookings={cal.data?.bookings.filter((b) => b.instrumentId === i.id) ?? []}
                      onBooking={(id) => navigate(`/bookings/calendar/${id}`)}
                      onFree={() => navigate(`/instruments/${i.id}#book`)}
                      hours={view === 'day' ? hours : []}
                    />
                  ))}
                </div>
              ))}
            </div>
          </div>
        )}
      </Card>
    </>
  );
}

function Swatch({ style, text }: { style?: { background: string; border: string }; text: string }) {
  return (
    <Space size={4}>
      <span
        style={{
          display: 'inline-block',
          width: 18,
          height: 12,
          background: style?.background,
          border: `1px solid ${style?.border}`,
          verticalAlign: 'middle',
        }}
      />
      <Typography.Text style={{ fontSize: 12 }}>{text}</Typography.Text>
    </Space>
  );
}

function DayCell({
  day,
  instrument,
  width,
  x,
  bookings,
  onBooking,
  onFree,
  hours,
}: {
  day: string;
  instrument: Instrument;
  width: number;
  x: (m: number) => number;
  bookings: Calendar['bookings'];
  onBooking: (id: string) => void;
  onFree: () => void;
  hours: number[];
}) {
  const { t, label } = useI18n();
  const open = openOn(instrument, day);
  const blackouts = instrument.blackouts
    .map((b) => ({ b, c: clip(day, Date.parse(b.start), Date.parse(b.end)) }))
    .filter((v): v is { b: (typeof instrument.blackouts)[number]; c: { from: number; to: number } } => v.c !== null);
  const pieces = bookings
    .map((b) => ({ b, c: clip(day, Date.parse(b.start), Date.parse(b.end)) }))
    .filter((v): v is { b: Calendar['bookings'][number]; c: { from: number; to: number } } => v.c !== null);
  const span = (c: { from: number; to: number }) => ({ left: x(c.from), width: Math.max(2, x(c.to) - x(c.from)) });
  return (
    <div style={{ width, flex: 'none', position: 'relative', background: CLOSED_BG, borderLeft: '1px solid #f0f0f0' }}>
      {hours.map((h) => (
        <span
          key={h}
          style={{ position: 'absolute', left: x(h), top: 0, bottom: 0, borderLeft: '1px dashed #f0f0f0', zIndex: 1 }}
        />
      ))}
      {open.map((w) => (
        <Tooltip key={w.from} title={t('calendar.free', { time: `${hhmm(w.from)}–${hhmm(w.to)}` })}>
          <button
            type="button"
            aria-label={t('calendar.free', { time: `${day} ${hhmm(w.from)}–${hhmm(w.to)}` })}
            onClick={onFree}
            style={{
              position: 'absolute',
              top: 0,
              bottom: 0,
              ...span(w),
              background: '#fff',
              border: 'none',
              padding: 0,
              cursor: 'pointer',
            }}
            data-testid="calendar-free"
          />
        </Tooltip>
      ))}
      {blackouts.map(({ b, c }) => (
        <Tooltip key={b.start} title={t('calendar.blackout', { reason: b.reason })}>
          <div
            style={{ position: 'absolute', top: 0, bottom: 0, ...span(c), background: BLACKOUT_BG, zIndex: 2 }}
            data-testid="calendar-blackout"
          />
        </Tooltip>
      ))}
      {pieces.map(({ b, c }) => {
        const s = STATUS_STYLE[b.status] ?? { background: '#fafafa', border: '#bfbfbf' };
        return (
          <Tooltip
            key={`${b.id}-${day}`}
            title={
              <>
                <div>{label(bookingStatusLabels[b.status])}</div>
                <div>
                  {t('calendar.bookingTip', {
                    user: b.userName,
                    org: b.organisationName,
                    time: formatTimeRange(b.start, b.end),
                  })}
                </div>
              </>
            }
          >
            <button
              type="button"
              onClick={() => onBooking(b.id)}
              aria-label={`${b.userName} ${formatTimeRange(b.start, b.end)} ${label(bookingStatusLabels[b.status])}`}
              style={{
                position: 'absolute',
                top: 4,
                bottom: 4,
                ...span(c),
                background: s.background,
                border: `1px solid ${s.border}`,
                borderLeft: `4px solid ${s.border}`,
                borderRadius: 4,
                padding: '0 4px',
                fontSize: 12,
                overflow: 'hidden',
                whiteSpace: 'nowrap',
                textOverflow: 'ellipsis',
                textAlign: 'left',
                cursor: 'pointer',
                zIndex: 3,
              }}
              data-testid="calendar-booking"
              data-status={b.status}
            >
              {b.userName}
            </button>
          </Tooltip>
        );
      })}
    </div>
  );
}
