import { LeftOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Space, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { MyCalendar as Calendar } from '../../../shared/api/bookings.calendar';
import { bookingStatusLabels, serviceModeLabels } from '../../../shared/booking-rules';
import { http } from '../../api/client';
import { LinkButton } from '../../components/LinkButton';
import { EmptyState, LoadError, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { bookingStatusStyle } from '../../lib/bookingColours';
import { formatTimeRange } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { addDays, hhmm, isoWeekday, mondayOf, wallClock, zonedInstant } from '../../lib/zonedTime';

const PX_PER_MIN = 0.8;

/**
 * Lanes for overlapping pieces of a day (sample testing on two instruments at once is normal): each
 * run of overlapping pieces is split into as many columns as it needs at most.
 */
function lanes<T extends { day: string; from: number; to: number }>(pieces: T[]) {
  const out: (T & { lane: number; lanes: number })[] = [];
  const sorted = [...pieces].sort((a, b) => a.day.localeCompare(b.day) || a.from - b.from || b.to - a.to);
  let run: (T & { lane: number; lanes: number })[] = [];
  let runEnd = -1;
  let runDay = '';
  const close = () => {
    const n = Math.max(1, ...run.map((p) => p.lane + 1));
    for (const p of run) p.lanes = n;
    out.push(...run);
    run = [];
  };
  for (const p of sorted) {
    if (p.day !== runDay || p.from >= runEnd) {
      close();
      runDay = p.day;
      runEnd = p.to;
    }
    const ends: number[] = [];
    for (const q of run) ends[q.lane] = Math.max(ends[q.lane] ?? -1, q.to);
    let lane = 0;
    while ((ends[lane] ?? -1) > p.from) lane++;
    run.push({ ...p, lane, lanes: 1 });
    runEnd = Math.max(runEnd, p.to);
  }
  close();
  return out;
}

/**
 * My bookings on every instrument as a week, in Beijing time: a bar per booking in its status'
 * colour, opening its record; the same week as a list below for screen readers and phones.
 */
export function MyCalendar({ day, onDay }: { day: string | undefined; onDay: (day: string | undefined) => void }) {
  const { t, label, lang } = useI18n();
  const navigate = useNavigate();
  const today = wallClock(new Date()).day;
  const monday = mondayOf(day ?? today);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const cal = useAsync(
    (signal) =>
      http.get<Calendar>(
        '/api/bookings/mine/calendar',
        { from: zonedInstant(monday, 0).toISOString(), to: zonedInstant(addDays(monday, 7), 0).toISOString() },
        { signal },
      ),
    [monday],
  );

  // Pieces of each booking per day, in minutes of that day, side by side where they overlap.
  const pieces = lanes(
    (cal.data?.bookings ?? []).flatMap((b) =>
      days.flatMap((d) => {
        const dayStart = zonedInstant(d, 0).getTime();
        const s = Math.max(Date.parse(b.start), dayStart);
        const e = Math.min(Date.parse(b.end), zonedInstant(addDays(d, 1), 0).getTime());
        return s < e ? [{ b, day: d, from: (s - dayStart) / 60_000, to: (e - dayStart) / 60_000 }] : [];
      }),
    ),
  );
  // 08:00–18:00, widened to whole hours around any booking outside it.
  const first = Math.min(480, ...pieces.map((p) => Math.floor(p.from / 60) * 60));
  const last = Math.max(1080, ...pieces.map((p) => Math.ceil(p.to / 60) * 60));
  const height = (last - first) * PX_PER_MIN;
  const hours = Array.from({ length: (last - first) / 60 + 1 }, (_, i) => first + i * 60);
  const weekdayName = (d: string) => t(`calendar.weekday.${isoWeekday(d)}` as 'calendar.weekday.1');

  return (
    <div data-testid="my-calendar">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Button
            icon={<LeftOutlined />}
            onClick={() => onDay(addDays(monday, -7))}
            aria-label={t('calendar.prevWeek')}
          />
          <Button onClick={() => onDay(undefined)} disabled={days.includes(today)}>
            {t('calendar.thisWeek')}
          </Button>
          <Button
            icon={<RightOutlined />}
            onClick={() => onDay(addDays(monday, 7))}
            aria-label={t('calendar.nextWeek')}
          />
          <Typography.Text strong aria-live="polite" data-testid="my-calendar-range">
            {t('calendar.weekRange', { from: monday, to: addDays(monday, 6) })}
          </Typography.Text>
        </Space>
        <Space wrap size={[12, 4]} aria-label={t('calendar.legend')}>
          {[...new Set(pieces.map((p) => p.b.status))].map((s) => (
            <Space key={s} size={4}>
              <span
                style={{
                  display: 'inline-block',
                  width: 18,
                  height: 12,
                  background: bookingStatusStyle[s]?.background,
                  border: `1px solid ${bookingStatusStyle[s]?.border}`,
                }}
              />
              <Typography.Text style={{ fontSize: 12 }}>{label(bookingStatusLabels[s])}</Typography.Text>
            </Space>
          ))}
        </Space>
      </Flex>
      {cal.error ? (
        <LoadError error={cal.error} onRetry={cal.reload} />
      ) : cal.loading && !cal.data ? (
        <Loading what={t('myCalendar.loading')} />
      ) : (
        <>
          <div style={{ overflowX: 'auto' }}>
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: '48px repeat(7, minmax(96px, 1fr))',
                minWidth: 720,
                opacity: cal.loading ? 0.6 : 1,
              }}
              aria-busy={cal.loading}
            >
              <div />
              {days.map((d) => (
                <div
                  key={d}
                  style={{
                    textAlign: 'center',
                    padding: '4px 0',
                    borderBottom: '1px solid #e5e8ef',
                    fontWeight: d === today ? 600 : 400,
                    color: d === today ? '#0958d9' : undefined,
                  }}
                >
                  <div>{weekdayName(d)}</div>
                  <div style={{ fontSize: 12 }}>{d.slice(5)}</div>
                </div>
              ))}
              <div style={{ position: 'relative', height }}>
                {hours.map((h) => (
                  <div
                    key={h}
                    style={{
                      position: 'absolute',
                      top: Math.min((h - first) * PX_PER_MIN - 8, height - 16),
                      right: 6,
                      fontSize: 11,
                      color: 'rgba(0,0,0,0.65)',
                    }}
                  >
                    {hhmm(h)}
                  </div>
                ))}
              </div>
              {days.map((d) => (
                <div
                  key={d}
                  style={{
                    position: 'relative',
                    height,
                    borderLeft: '1px solid #e5e8ef',
                    background: d < today ? '#f5f6f8' : '#fff',
                    backgroundImage: 'linear-gradient(#eef0f4 1px, transparent 1px)',
                    backgroundSize: `100% ${60 * PX_PER_MIN}px`,
                  }}
                >
                  {pieces
                    .filter((p) => p.day === d)
                    .map((p) => {
                      const style = bookingStatusStyle[p.b.status] ?? { background: '#fafafa', border: '#bfbfbf' };
                      const text = `${p.b.instrumentName} ${formatTimeRange(p.b.start, p.b.end)} ${label(bookingStatusLabels[p.b.status])}`;
                      return (
                        <Tooltip
                          key={`${p.b.id}-${d}`}
                          title={
                            <>
                              <div>{p.b.instrumentName}</div>
                              <div>{formatTimeRange(p.b.start, p.b.end)}</div>
                              <div>
                                {label(bookingStatusLabels[p.b.status])} · {label(serviceModeLabels[p.b.mode])}
                              </div>
                              <div>{[p.b.instrumentOrganisation, p.b.location].filter(Boolean).join(' · ')}</div>
                            </>
                          }
                        >
                          <button
                            type="button"
                            aria-label={text}
                            onClick={() => navigate(`/bookings/${p.b.id}`)}
                            data-testid="my-calendar-booking"
                            data-status={p.b.status}
                            style={{
                              position: 'absolute',
                              left: `calc(${(100 * p.lane) / p.lanes}% + 2px)`,
                              width: `calc(${100 / p.lanes}% - 4px)`,
                              top: (Math.max(p.from, first) - first) * PX_PER_MIN,
                              height: Math.max((Math.min(p.to, last) - Math.max(p.from, first)) * PX_PER_MIN, 18),
                              background: style.background,
                              border: `1px solid ${style.border}`,
                              borderLeft: `4px solid ${style.border}`,
                              borderRadius: 4,
                              padding: '1px 4px',
                              fontSize: 12,
                              lineHeight: '15px',
                              textAlign: 'left',
                              overflow: 'hidden',
                              cursor: 'pointer',
                            }}
                          >
                            <div style={{ fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                              {p.b.instrumentName}
                            </div>
                            <div>
                              {hhmm(p.from)}–{hhmm(p.to)}
                            </div>
                          </button>
                        </Tooltip>
                      );
                    })}
                </div>
              ))}
            </div>
          </div>
          {pieces.length === 0 ? (
            <EmptyState
              description={t('myCalendar.empty')}
              action={
                <LinkButton to="/instruments" type="primary" icon={<SearchOutlined />}>
                  {t('myBookings.find')}
                </LinkButton>
              }
            />
          ) : (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('myCalendar.list', {
                list: (cal.data?.bookings ?? [])
                  .map((b) => {
                    const status = label(bookingStatusLabels[b.status]);
                    const when = `${b.instrumentName} ${formatTimeRange(b.start, b.end)}`;
                    return lang === 'zh' ? `${when}（${status}）` : `${when} (${status})`;
                  })
                  .join(lang === 'zh' ? '；' : '; '),
              })}
            </Typography.Paragraph>
          )}
        </>
      )}
    </div>
  );
}
