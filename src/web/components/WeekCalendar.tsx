import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { type IsoWeekday, isoWeekdays, minutesOfDay } from '../../shared/booking-rules';
import { http } from '../api/client';
import type { CalendarResponse } from '../api/types';
import { useI18n } from '../i18n';
import { formatTimeRange } from '../lib/format';
import type { parseRules } from '../lib/instruments';
import { useAsync } from '../lib/useAsync';
import { addDays, hhmm, mondayOf, wallClock, zonedInstant } from '../lib/zonedTime';
import { LoadError } from './States';

type Rules = ReturnType<typeof parseRules>;

const PX_PER_MIN = 0.75;
const MINE = { background: '#1677ff', color: '#fff', border: '1px solid #0958d9' };
const BUSY = { background: '#fff1e6', color: '#873800', border: '1px solid #ffbb96' };
const BLACKOUT = {
  background: 'repeating-linear-gradient(135deg, #fff1f0 0 6px, #ffccc7 6px 8px)',
  border: '1px solid #ffa39e',
  color: '#a8071a',
};

/**
 * One week of an instrument's opening hours (white) with its busy slots on top; the user's own
 * bookings in blue. Days and times are the instrument's wall clock.
 */
export function WeekCalendar({
  instrumentId,
  rules,
  reloadKey = 0,
}: {
  instrumentId: string;
  rules: Rules;
  reloadKey?: number;
}) {
  const { t, lang } = useI18n();
  const tz = rules.timezone;
  const today = wallClock(new Date(), tz).day;
  const [monday, setMonday] = useState(() => mondayOf(today));
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const cal = useAsync(
    (signal) =>
      http.get<CalendarResponse>(
        `/api/instruments/${instrumentId}/calendar`,
        { from: zonedInstant(monday, 0, tz).toISOString(), to: zonedInstant(addDays(monday, 7), 0, tz).toISOString() },
        { signal },
      ),
    [instrumentId, monday, tz, reloadKey],
  );

  // The rows run from the earliest opening to the latest closing of the week (whole hours).
  const windows = isoWeekdays.flatMap((d) => rules.openingHours[d]);
  const first = windows.length ? Math.floor(Math.min(...windows.map((w) => minutesOfDay(w.from))) / 60) * 60 : 480;
  const last = windows.length ? Math.ceil(Math.max(...windows.map((w) => minutesOfDay(w.to))) / 60) * 60 : 1080;
  const height = (last - first) * PX_PER_MIN;
  const hours = Array.from({ length: (last - first) / 60 + 1 }, (_, i) => first + i * 60);

  // Busy slots cut into per-day pieces in the instrument's zone.
  const pieces = (cal.data?.items ?? []).flatMap((b) => {
    const out: { day: string; from: number; to: number; mine: boolean; label: string }[] = [];
    for (const day of days) {
      const dayStart = zonedInstant(day, 0, tz).getTime();
      const dayEnd = zonedInstant(addDays(day, 1), 0, tz).getTime();
      const s = Math.max(Date.parse(b.start), dayStart);
      const e = Math.min(Date.parse(b.end), dayEnd);
      if (s >= e) continue;
      out.push({
        day,
        from: Math.round((s - dayStart) / 60_000),
        to: Math.round((e - dayStart) / 60_000),
        mine: b.mine,
        label: formatTimeRange(b.start, b.end),
      });
    }
    return out;
  });

  // Blackouts (maintenance, holidays) cut the same way; nothing can be booked inside them.
  const blackouts = rules.blackouts.flatMap((b) =>
    days.flatMap((day) => {
      const dayStart = zonedInstant(day, 0, tz).getTime();
      const s = Math.max(Date.parse(b.start), dayStart);
      const e = Math.min(Date.parse(b.end), zonedInstant(addDays(day, 1), 0, tz).getTime());
      return s < e
        ? [
            {
              day,
              from: Math.round((s - dayStart) / 60_000),
              to: Math.round((e - dayStart) / 60_000),
              reason: b.reason,
            },
          ]
        : [];
    }),
  );

  const weekdayName = (i: number) => t(`calendar.weekday.${i + 1}` as 'calendar.weekday.1');

  return (
    <div data-testid="week-calendar">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Button icon={<LeftOutlined />} onClick={() => setMonday(addDays(monday, -7))}>
          {t('calendar.prevWeek')}
        </Button>
        <Typography.Text strong aria-live="polite">
          {t('calendar.weekRange', { from: monday, to: addDays(monday, 6) })}
        </Typography.Text>
        <Flex gap={8}>
          {monday !== mondayOf(today) ? (
            <Button onClick={() => setMonday(mondayOf(today))}>{t('calendar.thisWeek')}</Button>
          ) : null}
          <Button onClick={() => setMonday(addDays(monday, 7))}>
            {t('calendar.nextWeek')} <RightOutlined />
          </Button>
        </Flex>
      </Flex>
      {cal.error ? (
        <LoadError error={cal.error} onRetry={cal.reload} title={t('calendar.loadFailed')} />
      ) : (
        <div style={{ overflowX: 'auto', padding: '8px 0' }}>
          <div
            style={{
              display: 'grid',
              gridTemplateColumns: '44px repeat(7, minmax(64px, 1fr))',
              minWidth: 520,
              opacity: cal.loading ? 0.6 : 1,
            }}
            aria-busy={cal.loading}
          >
            <div />
            {days.map((day, i) => (
              <div
                key={day}
                style={{
                  textAlign: 'center',
                  padding: '4px 0',
                  fontWeight: day === today ? 600 : 400,
                  color: day === today ? '#0958d9' : undefined,
                  borderBottom: '1px solid #e5e8ef',
                }}
              >
                <div>{weekdayName(i)}</div>
                <div style={{ fontSize: 12 }}>{day.slice(5)}</div>
              </div>
            ))}
            <div style={{ position: 'relative', height }}>
              {hours.map((h) => (
                <div
                  key={h}
                  style={{
                    position: 'absolute',
                    top: (h - first) * PX_PER_MIN - 8,
                    right: 6,
                    fontSize: 11,
                    color: 'rgba(0,0,0,0.65)',
                  }}
                >
                  {hhmm(h)}
                </div>
              ))}
            </div>
            {days.map((day, i) => {
              const open = rules.openingHours[String(i + 1) as IsoWeekday];
              return (
                <div
                  key={day}
                  style={{
                    position: 'relative',
                    height,
                    background: day < today ? '#eceef2' : '#f5f6f8',
                    borderLeft: '1px solid #e5e8ef',
                    backgroundImage: 'linear-gradient(#e5e8ef 1px, transparent 1px)',
                    backgroundSize: `100% ${60 * PX_PER_MIN}px`,
                  }}
                >
                  {open.map((w) => (
                    <div
                      key={w.from}
                      title={t('calendar.open', { from: w.from, to: w.to })}
                      style={{
                        position: 'absolute',
                        left: 2,
                        right: 2,
                        top: (minutesOfDay(w.from) - first) * PX_PER_MIN,
                        height: (minutesOfDay(w.to) - minutesOfDay(w.from)) * PX_PER_MIN,
                        background: '#fff',
                        border: '1px solid #d9e2f1',
                      }}
                    />
                  ))}
                  {blackouts
                    .filter((b) => b.day === day && b.to > first && b.from < last)
                    .map((b) => (
                      <div
                        key={`blackout-${b.from}-${b.to}`}
                        title={t('calendar.blackoutItem', { reason: b.reason, from: hhmm(b.from), to: hhmm(b.to) })}
                        data-testid="calendar-blackout"
                        style={{
                          position: 'absolute',
                          left: 2,
                          right: 2,
                          top: (Math.max(b.from, first) - first) * PX_PER_MIN,
                          height: Math.max((Math.min(b.to, last) - Math.max(b.from, first)) * PX_PER_MIN, 14),
                          fontSize: 11,
                          lineHeight: '13px',
                          padding: '1px 3px',
                          overflow: 'hidden',
                          ...BLACKOUT,
                        }}
                      >
                        {t('calendar.blackoutLegend')}
                      </div>
                    ))}
                  {pieces
                    .filter((p) => p.day === day)
                    .map((p) => (
                      <div
                        key={`${p.from}-${p.to}`}
                        title={`${p.mine ? t('calendar.mine') : t('calendar.busy')} ${p.label}`}
                        data-testid={p.mine ? 'calendar-mine' : 'calendar-busy'}
                        style={{
                          position: 'absolute',
                          left: 4,
                          right: 4,
                          top: (Math.max(p.from, first) - first) * PX_PER_MIN,
                          height: Math.max((Math.min(p.to, last) - Math.max(p.from, first)) * PX_PER_MIN, 14),
                          borderRadius: 4,
                          fontSize: 11,
                          lineHeight: '13px',
                          padding: '1px 3px',
                          overflow: 'hidden',
                          ...(p.mine ? MINE : BUSY),
                        }}
                      >
                        {p.mine ? t('calendar.mine') : t('calendar.busy')}
                        <br />
                        {hhmm(p.from)}–{hhmm(p.to)}
                      </div>
                    ))}
                </div>
              );
            })}
          </div>
        </div>
      )}
      <Flex gap={16} wrap style={{ marginTop: 8, fontSize: 12 }} aria-hidden>
        <Legend swatch={{ background: '#fff', border: '1px solid #d9e2f1' }} text={t('calendar.legendOpen')} />
        <Legend swatch={{ background: '#f5f6f8', border: '1px solid #e5e8ef' }} text={t('calendar.legendClosed')} />
        <Legend swatch={BUSY} text={t('calendar.busy')} />
        {blackouts.length > 0 ? <Legend swatch={BLACKOUT} text={t('calendar.blackoutLegend')} /> : null}
        <Legend swatch={MINE} text={t('calendar.mine')} />
      </Flex>
      {blackouts.length > 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('calendar.blackoutList', {
            list: rules.blackouts
              .filter(
                (b) =>
                  Date.parse(b.start) < zonedInstant(addDays(monday, 7), 0, tz).getTime() &&
                  Date.parse(b.end) > zonedInstant(monday, 0, tz).getTime(),
              )
              .map((b) =>
                lang === 'zh'
                  ? `${formatTimeRange(b.start, b.end)}（${b.reason}）`
                  : `${formatTimeRange(b.start, b.end)} (${b.reason})`,
              )
              .join(lang === 'zh' ? '；' : '; '),
          })}
        </Typography.Paragraph>
      ) : null}
      {/* The same slots as text, for screen readers and for reading on a phone. */}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {cal.loading
          ? t('calendar.weekLoading')
          : pieces.length === 0
            ? t('calendar.noneBusy')
            : t('calendar.busyList', {
                list: (cal.data?.items ?? [])
                  .map((b) =>
                    b.mine
                      ? t('calendar.mineItem', { range: formatTimeRange(b.start, b.end) })
                      : formatTimeRange(b.start, b.end),
                  )
                  .join(lang === 'zh' ? '；' : '; '),
              })}
      </Typography.Paragraph>
    </div>
  );
}

function Legend({ swatch, text }: { swatch: React.CSSProperties; text: string }) {
  return (
    <Flex gap={4} align="center">
      <span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 3, ...swatch }} />
      <span>{text}</span>
    </Flex>
  );
}
