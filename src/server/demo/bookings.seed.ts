import { type BookingRules, type BookingRulesInput, bookingRulesSchema } from '../../shared/booking-rules.js';
import type { Tx } from '../db/client.js';
import { bookingEvents, bookings, serviceRecords } from '../modules/bookings/booking.table.js';
import { qualifications } from '../modules/instruments/instrument.table.js';
import { mulberry32 } from './instruments.generator.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const weekdays = (from: string, to: string) =>
  Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ from, to }]]));

/**
 * The rule sets instrument managers actually use (from university and platform booking manuals):
 * most ask for approval and training; testing-only instruments take samples, not users; a few
 * service centres open on Saturday mornings or run long days with a gap for the instrument.
 */
const TEMPLATES: { weight: number; rules: BookingRulesInput }[] = [
  {
    weight: 45,
    rules: { requiresApproval: true, qualificationRequired: true, minMinutes: 60, advanceNoticeHours: 24 },
  },
  {
    weight: 20,
    rules: { requiresApproval: true, serviceModes: ['sample_testing'], minMinutes: 60, advanceNoticeHours: 48 },
  },
  {
    weight: 20,
    rules: {
      requiresApproval: false,
      qualificationRequired: true,
      advanceNoticeHours: 2,
      horizonDays: 14,
      bufferMinutes: 30,
      openingHours: { ...weekdays('08:30', '17:30'), '6': [{ from: '09:00', to: '12:00' }] },
    },
  },
  {
    weight: 15,
    rules: {
      requiresApproval: true,
      maxMinutes: 720,
      bufferMinutes: 60,
      cancellationDeadlineHours: 48,
      openingHours: weekdays('08:00', '21:00'),
    },
  },
];

/** Rules for one demo instrument: a weighted template, and now and then a planned blackout. */
export function demoRules(random: () => number, now: Date): BookingRules {
  let r = random() * 100;
  const template = TEMPLATES.find((t) => (r -= t.weight) < 0) ?? (TEMPLATES[0] as (typeof TEMPLATES)[number]);
  const blackouts =
    random() < 0.08
      ? [
          {
            start: new Date(now.getTime() + (10 + Math.floor(random() * 20)) * DAY).toISOString(),
            end: new Date(now.getTime() + (12 + Math.floor(random() * 20)) * DAY).toISOString(),
            reason: random() < 0.5 ? '年度维护保养' : '厂家工程师上门检修',
          },
        ].filter((b) => b.start < b.end)
      : [];
  return bookingRulesSchema.parse({ ...template.rules, blackouts });
}

// Words users leave after a service, by the stars they gave.
const COMMENTS: Record<number, string[]> = {
  5: [
    '老师指导非常耐心，数据质量很高。',
    '预约到上机很顺畅，报告当天就出来了。',
    '仪器状态好，测试结果重复性好，下次还来。',
    '管理员专业，帮我们优化了测试条件。',
  ],
  4: ['整体满意，就是排队时间稍长。', '测试结果可靠，报告格式希望再规范一些。', '服务不错，收费合理。'],
  3: ['仪器不错，但预约时段太少。', '结果还行，沟通有些慢。'],
  2: ['样品等了一周才测，影响了项目进度。'],
  1: ['预约被临时取消，也没有及时通知。'],
};

function stars(random: () => number): number {
  const r = random();
  return r < 0.55 ? 5 : r < 0.85 ? 4 : r < 0.95 ? 3 : r < 0.99 ? 2 : 1;
}

export interface DemoListed {
  id: string;
  ownerKey: string;
  feePerHourFen: number;
  feePerSampleFen: number;
  usable: boolean;
  rules: BookingRules;
}

/**
 * A year of use and the next two weeks: each instrument gets its own level (many below the 1,400
 * hour quota, a few busy), one service per chosen working day at 09:00 Shanghai, a third or so for
 * outside organisations, in the modes its rules offer, about half of them rated; then requests and
 * confirmed bookings ahead, so queues, calendars and "my bookings" have something on them.
 */
export async function seedDemoBookings(
  tx: Tx,
  now: Date,
  listed: DemoListed[],
  people: { orgIds: Map<string, string>; staff: Map<string, string>; enterprise?: { userId: string; orgId: string } },
) {
  const { orgIds, staff, enterprise } = people;
  const random = mulberry32(2026 + 1);
  const keys = [...staff.keys()];
  const bookingRows: (typeof bookings.$inferInsert)[] = [];
  const serviceRows: (typeof serviceRecords.$inferInsert)[] = [];
  const today = Math.floor(now.getTime() / DAY) * DAY;
  const usable = listed.filter((x) => x.usable);
  for (const inst of usable) {
    const usage = random() ** 2 * 0.6;
    for (let d = 365; d >= 2; d--) {
      const day = new Date(today - d * DAY);
      const weekday = day.getUTCDay();
      if (weekday === 0 || weekday === 6 || random() > usage) continue;
      const external = random() < 0.35;
      const userKey = external ? (keys[Math.floor(random() * keys.length)] as string) : inst.ownerKey;
      // Now and then the demo enterprise login itself, so its "my bookings" has a history to rate.
      const asDemoUser = external && enterprise !== undefined && random() < 0.04;
      const hours = 2 + Math.floor(random() * 5);
      const mode =
        inst.rules.serviceModes.length === 1 || random() < 0.3 ? inst.rules.serviceModes[0] : 'self_operated';
      const start = new Date(day.getTime() + HOUR); // 09:00 in Shanghai
      const end = new Date(start.getTime() + hours * HOUR);
      const id = crypto.randomUUID();
      const bookingOrg = asDemoUser ? enterprise.orgId : (orgIds.get(userKey) as string);
      const samples = 1 + Math.floor(random() * 6);
      const measure = hours * 60 - 40;
      const fee =
        mode === 'sample_testing' ? inst.feePerSampleFen * samples : Math.round((inst.feePerHourFen * measure) / 60);
      bookingRows.push({
        id,
        instrumentId: inst.id,
        userId: asDemoUser ? enterprise.userId : (staff.get(userKey) as string),
        organisationId: bookingOrg,
        mode: mode ?? 'self_operated',
        status: 'completed',
        startAt: start,
        endAt: end,
        slot: `[${start.toISOString()},${end.toISOString()})`,
        sampleCount: mode === 'sample_testing' ? samples : null,
        estimatedFeeFen: mode === 'sample_testing' ? fee : inst.feePerHourFen * hours,
        checkedInAt: mode === 'sample_testing' ? null : start,
        createdAt: new Date(start.getTime() - 3 * DAY),
        updatedAt: end,
      });
      // The demo user leaves its last services unrated, to show the rating form.
      const rated = random() < 0.55 && !(asDemoUser && d < 60);
      const rating = rated ? stars(random) : null;
      const pool = rating ? (COMMENTS[rating] ?? []) : [];
      serviceRows.push({
        instrumentId: inst.id,
        bookingId: id,
        userOrganisationId: bookingOrg,
        external: bookingOrg !== orgIds.get(inst.ownerKey),
        startedAt: start,
        prepMinutes: 20,
        measureMinutes: measure,
        postMinutes: 20,
        samples,
        feeFen: fee,
        rating,
        comment: rating && (rating <= 3 || random() < 0.35) ? (pool[Math.floor(random() * pool.length)] ?? null) : null,
        recordedBy: staff.get(inst.ownerKey) as string,
        recordedAt: end,
      });
    }
  }

  // Ahead: on the next ten working days, a few instruments per day carry a request awaiting approval
  // or a confirmed booking, the demo enterprise user's among them (its calendar and the manager's
  // queue show them). One booking per instrument and day, so no two can overlap.
  const ahead: (typeof bookings.$inferInsert)[] = [];
  const events: (typeof bookingEvents.$inferInsert)[] = [];
  const trained = new Set<string>();
  let workday = 0;
  for (let d = 1; workday < 10; d++) {
    const day = new Date(today + d * DAY);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    workday++;
    // A person is in one place at a time: the demo login books at most one slot a day.
    let demoUserBooked = false;
    for (const [n, inst] of usable.entries()) {
      if ((n + workday) % 9 !== 0) continue;
      const morning = day.getTime() + 2 * HOUR;
      if (inst.rules.blackouts.some((b) => Date.parse(b.start) < morning + 6 * HOUR && Date.parse(b.end) > morning))
        continue;
      const isDemoUser = enterprise !== undefined && !demoUserBooked && random() < 0.35;
      if (isDemoUser) demoUserBooked = true;
      const userKey = keys[Math.floor(random() * keys.length)] as string;
      const userId = isDemoUser ? enterprise.userId : (staff.get(userKey) as string);
      const organisationId = isDemoUser ? enterprise.orgId : (orgIds.get(userKey) as string);
      const afternoon = random() < 0.5;
      const start = new Date(day.getTime() + (afternoon ? 6 : 2) * HOUR); // 14:00 or 10:00 Shanghai
      const end = new Date(start.getTime() + 2 * HOUR);
      const mode =
        inst.rules.serviceModes.includes('self_operated') && random() < 0.6 ? 'self_operated' : 'sample_testing';
      const status = inst.rules.requiresApproval && random() < 0.6 ? 'requested' : 'confirmed';
      const id = crypto.randomUUID();
      const widened = inst.rules.bufferMinutes * 30_000;
      ahead.push({
        id,
        instrumentId: inst.id,
        userId,
        organisationId,
        mode,
        status,
        startAt: start,
        endAt: end,
        slot: `[${new Date(start.getTime() - widened).toISOString()},${new Date(end.getTime() + widened).toISOString()})`,
        purpose: mode === 'sample_testing' ? '样品成分与形貌检测' : '课题实验数据采集',
        sampleCount: mode === 'sample_testing' ? 3 : null,
        estimatedFeeFen: mode === 'sample_testing' ? inst.feePerSampleFen * 3 : inst.feePerHourFen * 2,
        createdAt: new Date(now.getTime() - 2 * HOUR),
        updatedAt: new Date(now.getTime() - 2 * HOUR),
      });
      events.push({ bookingId: id, fromStatus: null, toStatus: status, actorUserId: userId, at: now });
      if (mode === 'self_operated' && inst.rules.qualificationRequired) trained.add(`${userId}|${inst.id}`);
    }
  }
  const CHUNK = 500;
  for (const rows of [bookingRows, ahead])
    for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(bookings).values(rows.slice(i, i + CHUNK));
  for (let i = 0; i < serviceRows.length; i += CHUNK)
    await tx.insert(serviceRecords).values(serviceRows.slice(i, i + CHUNK));
  for (let i = 0; i < events.length; i += CHUNK) await tx.insert(bookingEvents).values(events.slice(i, i + CHUNK));
  // Self-operation where training is required: the users booked ahead hold a record for a year.
  const grants = [...trained].map((k) => {
    const [userId, instrumentId] = k.split('|') as [string, string];
    const owner = listed.find((l) => l.id === instrumentId)?.ownerKey;
    return {
      instrumentId,
      userId,
      validUntil: new Date(now.getTime() + 365 * DAY),
      grantedBy: staff.get(owner ?? '') ?? userId,
      createdAt: new Date(now.getTime() - 30 * DAY),
      note: '演示数据：已完成上机培训并考核合格',
    };
  });
  for (let i = 0; i < grants.length; i += CHUNK) await tx.insert(qualifications).values(grants.slice(i, i + CHUNK));
  return { bookings: bookingRows.length + ahead.length, ahead: ahead.length };
}
