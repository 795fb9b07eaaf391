import type { BookingRules } from '../../shared/booking-rules.js';
import { computeCheckChar } from '../../shared/credit-code.js';
import type { Tx } from '../db/client.js';
import { memberships, roleAssignments, users } from '../modules/identity/user.table.js';
import { searchVectorSql } from '../modules/instruments/instrument.repository.js';
import { className } from '../modules/instruments/instrument.service.js';
import { instruments } from '../modules/instruments/instrument.table.js';
import { organisationEvents, organisations } from '../modules/organisations/organisation.table.js';
import { type DemoListed, demoRules, seedDemoBookings } from './bookings.seed.js';
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

/**
 * The demo region shaped like Shaoxing: 33 organisations (a third enterprises) listing 479
 * instruments worth over 550 million yuan with the rule sets managers use, each organisation with one
 * staff account, a year of completed bookings with their service records and reviews, and two weeks
 * of bookings ahead (bookings.seed.ts), so catalogue, calendars, queues and metrics have data.
 */
export async function seedDemoInstruments(
  tx: Tx,
  now: Date,
  passwordHash: string,
  existing: ExistingOwner[],
  /** The demo enterprise login, who gets bookings ahead (its calendar) and past services to rate. */
  enterprise?: { userId: string; orgId: string },
) {
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

  const rulesRandom = mulberry32(SEED + 2);
  const generated = demoInstruments(SEED, DEMO_INSTRUMENTS, orgs).filter((i) => orgIds.has(i.ownerKey));
  const listed: DemoListed[] = [];
  for (let i = 0; i < generated.length; i += CHUNK) {
    const chunk = generated.slice(i, i + CHUNK);
    const rules = chunk.map(() => demoRules(rulesRandom, now));
    const rows = await tx
      .insert(instruments)
      .values(
        chunk.map((g, k) => ({
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
          bookingRules: rules[k] as BookingRules,
          location: g.location,
          regionCode: orgs.find((o) => o.key === g.ownerKey)?.regionCode as string,
          contactName: g.contactName,
          contactPhone: g.contactPhone,
          contactEmail: g.contactEmail,
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
          feePerSampleFen: g.feePerSampleFen,
          usable: r.status === 'normal' && r.shareMode !== 'none',
          rules: rules[k] as BookingRules,
        });
    });
  }

  const { bookings: booked } = await seedDemoBookings(tx, now, listed, { orgIds, staff, enterprise });
  return { organisations: orgIds.size, instruments: listed.length, bookings: booked };
}
