import { bookingRulesSchema } from '../../shared/booking-rules.js';
import { computeCheckChar } from '../../shared/credit-code.js';
import type { Tx } from '../db/client.js';
import { bookings, serviceRecords } from '../modules/bookings/booking.table.js';
import { memberships, roleAssignments, users } from '../modules/identity/user.table.js';
import { searchVectorSql } from '../modules/instruments/instrument.repository.js';
import { className } from '../modules/instruments/instrument.service.js';
import { instruments } from '../modules/instruments/instrument.table.js';
import { organisationEvents, organisations } from '../modules/organisations/organisation.table.js';
import { type DemoOrganisation, demoInstruments, demoOrganisations, mulberry32 } from './instruments.generator.js';

/** Demo organisations created elsewhere (the bureau's demo university) that also list instruments. */
export interface ExistingOwner {
  key: string;
  id: string;
  name: string;
  type: DemoOrganisation['type'];
  regionCode: string;
  staffUserId: string;
}

const SEED = 2026;
const DEMO_INSTRUMENTS = 479;
const CHUNK = 500;

async function insertChunked<T>(items: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += CHUNK) await insert(items.slice(i, i + CHUNK));
}

/**
 * The demo region shaped like Shaoxing: 33 organisations (a third enterprises) listing 479
 * instruments worth over 550 million yuan, each organisation with one staff account, and a year
 * of completed bookings with their service records, so catalogue, calendars and metrics have data.
 */
export async function seedDemoInstruments(tx: Tx, now: Date, passwordHash: string, existing: ExistingOwner[]) {
  const generatedOrgs = demoOrganisations();
  const orgs: DemoOrganisation[] = [...generatedOrgs, ...existing.map((e) => ({ ...e, creditCodeFirst17: '' }))];
  const orgIds = new Map<string, string>(existing.map((e) => [e.key, e.id]));
  const staff = new Map<string, string>(existing.map((e) => [e.key, e.staffUserId]));
  for (const o of generatedOrgs) {
    const [row] = await tx
      .insert(organisations)
      .values({
        name: o.name,
        type: o.type,
        regionCode: o.regionCode,
        creditCode: o.creditCodeFirst17 + computeCheckChar(o.creditCodeFirst17),
        status: 'verified',
        createdAt: now,
        updatedAt: now,
        verifiedAt: now,
      })
      .returning();
    if (!row) continue;
    orgIds.set(o.key, row.id);
    await tx
      .insert(organisationEvents)
      .values({ organisationId: row.id, toStatus: 'verified', reason: '演示数据 / demo data', at: now });
    const [u] = await tx
      .insert(users)
      .values({
        email: `staff-${o.key}@demo.kechuang.cn`,
        name: `${o.name.slice(0, 4)}联系人`,
        passwordHash,
        createdAt: now,
      })
      .returning();
    if (!u) continue;
    staff.set(o.key, u.id);
    await tx.insert(memberships).values({ userId: u.id, organisationId: row.id, isAdmin: true, createdAt: now });
    await tx.insert(roleAssignments).values({
      userId: u.id,
      role: o.type === 'enterprise' ? 'enterprise_user' : 'instrument_manager',
      organisationId: row.id,
      grantedAt: now,
    });
  }

  const rules = bookingRulesSchema.parse({});
  const generated = demoInstruments(SEED, DEMO_INSTRUMENTS, orgs).filter((i) => orgIds.has(i.ownerKey));
  const listed: { id: string; ownerKey: string; feePerHourFen: number; usable: boolean }[] = [];
  for (let i = 0; i < generated.length; i += CHUNK) {
    const chunk = generated.slice(i, i + CHUNK);
    const rows = await tx
      .insert(instruments)
      .values(
        chunk.map((g) => ({
          organisationId: orgIds.get(g.ownerKey) as string,
          assetNo: g.assetNo,
          nameZh: g.nameZh,
          nameEn: g.nameEn,
          classCode: g.classCode,
          originalValueFen: g.originalValueFen,
          manufacturer: g.manufacturer,
          country: g.country,
          model: g.model,
          specs: g.specs,
          functions: g.functions,
          serviceContent: g.serviceContent,
          feePerHourFen: g.feePerHourFen,
          feePerSampleFen: g.feePerSampleFen,
          bookingRules: rules,
          location: g.location,
          regionCode: orgs.find((o) => o.key === g.ownerKey)?.regionCode as string,
          contactName: g.contactName,
          contactPhone: g.contactPhone,
          status: g.status,
          shareMode: g.shareMode,
          purpose: g.purpose,
          purchaseDate: g.purchaseDate,
          createdAt: now,
          updatedAt: now,
          searchVector: searchVectorSql({ ...g, className: className(g.classCode) }) as unknown as string,
        })),
      )
      .returning({ id: instruments.id, status: instruments.status, shareMode: instruments.shareMode });
    rows.forEach((r, k) => {
      const g = chunk[k];
      if (g)
        listed.push({
          id: r.id,
          ownerKey: g.ownerKey,
          feePerHourFen: g.feePerHourFen,
          usable: r.status === 'normal' && r.shareMode !== 'none',
        });
    });
  }

  // A year of use: each instrument gets its own level (many below the 1,400-hour quota, a few busy),
  // one service per chosen working day at 09:00 Shanghai, a third or so for outside organisations.
  const random = mulberry32(SEED + 1);
  const keys = orgs.map((o) => o.key).filter((k) => staff.has(k));
  const bookingRows: (typeof bookings.$inferInsert)[] = [];
  const serviceRows: (typeof serviceRecords.$inferInsert)[] = [];
  const dayMs = 86_400_000;
  const today = Math.floor(now.getTime() / dayMs) * dayMs;
  for (const inst of listed.filter((x) => x.usable)) {
    const usage = random() ** 2 * 0.6;
    for (let d = 365; d >= 2; d--) {
      const day = new Date(today - d * dayMs);
      const weekday = day.getUTCDay();
      if (weekday === 0 || weekday === 6 || random() > usage) continue;
      const external = random() < 0.35;
      const userKey = external ? (keys[Math.floor(random() * keys.length)] as string) : inst.ownerKey;
      const hours = 2 + Math.floor(random() * 5);
      const start = new Date(day.getTime() + 1 * 3_600_000); // 09:00 in Shanghai
      const end = new Date(start.getTime() + hours * 3_600_000);
      const id = crypto.randomUUID();
      const bookingOrg = orgIds.get(userKey) as string;
      bookingRows.push({
        id,
        instrumentId: inst.id,
        userId: staff.get(userKey) as string,
        organisationId: bookingOrg,
        mode: 'self_operated',
        status: 'completed',
        startAt: start,
        endAt: end,
        slot: `[${start.toISOString()},${end.toISOString()})`,
        estimatedFeeFen: inst.feePerHourFen * hours,
        checkedInAt: start,
        createdAt: new Date(start.getTime() - 3 * dayMs),
        updatedAt: end,
      });
      const measure = hours * 60 - 40;
      serviceRows.push({
        instrumentId: inst.id,
        bookingId: id,
        userOrganisationId: bookingOrg,
        external: bookingOrg !== orgIds.get(inst.ownerKey),
        startedAt: start,
        prepMinutes: 20,
        measureMinutes: measure,
        postMinutes: 20,
        samples: 1 + Math.floor(random() * 6),
        feeFen: Math.round((inst.feePerHourFen * measure) / 60),
        rating: random() < 0.5 ? 4 + Math.round(random()) : null,
        recordedBy: staff.get(inst.ownerKey) as string,
        recordedAt: end,
      });
    }
  }
  await insertChunked(bookingRows, (c) => tx.insert(bookings).values(c));
  await insertChunked(serviceRows, (c) => tx.insert(serviceRecords).values(c));
  return { organisations: orgIds.size, instruments: listed.length, bookings: bookingRows.length };
}
