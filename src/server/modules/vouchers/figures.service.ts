import { type SQL, sql } from 'drizzle-orm';
import { fullName, isRegionCode, scopePrefix } from '../../../shared/regions/regions.js';
import { AppError } from '../../lib/errors.js';
import { regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { yearBounds } from './coverage.js';
import { rowsOf, type VoucherDeps } from './voucher.common.js';

export type FigureGroup = 'programme' | 'region' | 'provider' | 'month';
const amounts = ['issued', 'reserved', 'redeemed', 'settled', 'voided', 'expired', 'sensor', 'self'] as const;

function figure(r: Record<string, string | number | null>) {
  const n = (k: string) => Number(r[k] ?? 0);
  const sensor = n('sensor');
  const self = n('self');
  return {
    issuedFen: n('issued'),
    reservedFen: n('reserved'),
    redeemedFen: n('redeemed'),
    settledFen: n('settled'),
    voidedFen: n('voided'),
    expiredFen: n('expired'),
    sensorRedeemedFen: sensor,
    selfReportedRedeemedFen: self,
    sensorShare: sensor + self > 0 ? Math.round((sensor / (sensor + self)) * 1000) / 1000 : 0,
  };
}

/**
 * Voucher figures from the ledger (never from counters): issued, reserved (net), redeemed,
 * settled, voided and expired money, and redeemed money by evidence (sensor vs self-reported),
 * grouped by programme, the enterprise's region, provider or month.
 */
export function createFiguresService(deps: VoucherDeps) {
  const { db } = deps;

  return {
    async figures(actor: Actor, q: { year?: number; programmeId?: string; regionCode?: string; groupBy: FigureGroup }) {
      const prefixes = regionPrefixes(actor, 'voucher.read');
      if (!prefixes.length) throw new AppError('FORBIDDEN');
      const scope: SQL[] = [
        sql`(${sql.join(
          prefixes.map((p) => sql`vp.region_code like ${`${p}%`}`),
          sql` or `,
        )})`,
      ];
      if (q.programmeId) scope.push(sql`vp.id = ${q.programmeId}`);
      if (q.regionCode) {
        if (!isRegionCode(q.regionCode)) throw new AppError('REGION_UNKNOWN', { code: q.regionCode });
        scope.push(sql`vp.region_code like ${`${scopePrefix(q.regionCode)}%`}`);
      }
      const [from, to] = q.year ? yearBounds(q.year) : [new Date(0), new Date('9999-01-01T00:00:00Z')];
      const key = {
        programme: sql`f.programme_id::text`,
        region: sql`coalesce(e.region_code, '')`,
        provider: sql`coalesce(f.prov::text, '')`,
        month: sql`to_char(f.at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
      }[q.groupBy];
      const rows = rowsOf<Record<string, string>>(
        await db.execute(sql`
          with f as (
            select j.programme_id, j.enterprise_organisation_id as ent, j.provider_organisation_id as prov, j.at,
              case when j.kind = 'issue' and p.account like 'available:%' then p.amount_fen else 0 end as issued,
              case when p.account like 'reserved:%' then p.amount_fen else 0 end as reserved,
              case when j.kind = 'redeem' and p.account like 'payable:%' then p.amount_fen else 0 end as redeemed,
              case when j.kind = 'redeem' and p.account like 'payable:%' and c.evidence = 'sensor' then p.amount_fen else 0 end as sensor,
              case when j.kind = 'redeem' and p.account like 'payable:%' and c.evidence = 'self_reported' then p.amount_fen else 0 end as self,
              case when j.kind = 'void' and p.account like 'fund:%' then p.amount_fen
                   when j.kind = 'clawback' and p.account like 'receivable:%' then p.amount_fen else 0 end as voided,
              case when j.kind = 'expire' and p.account like 'fund:%' then p.amount_fen else 0 end as expired,
              0::bigint as settled
            from voucher_journal j
            join voucher_postings p on p.journal_id = j.id
            left join voucher_claims c on c.id = j.claim_id
            where j.kind <> 'settle' and j.at >= ${from} and j.at < ${to}
            union all
            -- Settled money per claim (a batch's settle posting is one line per provider), at the payment time.
            select c.programme_id, c.enterprise_organisation_id, c.provider_organisation_id, s.paid_at,
              0, 0, 0, 0, 0, 0, 0, c.voucher_fen
            from voucher_claims c join voucher_settlements s on s.id = c.settlement_id
            where s.status = 'paid' and s.paid_at >= ${from} and s.paid_at < ${to}
              and (c.status = 'settled' or exists (select 1 from voucher_journal k where k.kind = 'clawback' and k.claim_id = c.id))
          )
          select ${key} as key, ${sql.raw(amounts.map((a) => `sum(f.${a})::text as ${a}`).join(', '))},
            max(vp.name) as programme_name, max(po.name) as provider_name
          from f
          join voucher_programmes vp on vp.id = f.programme_id
          left join organisations e on e.id = f.ent
          left join organisations po on po.id = f.prov
          where ${sql.join(scope, sql` and `)}
          group by 1 order by 1`),
      );
      const out = rows.map((r) => {
        const k = r.key ?? '';
        const name =
          q.groupBy === 'programme'
            ? (r.programme_name ?? k)
            : q.groupBy === 'provider'
              ? (r.provider_name ?? '未指定服务机构 / no provider')
              : q.groupBy === 'region'
                ? (fullName(k) ?? k)
                : k;
        return { key: k, name, ...figure(r) };
      });
      const sum = (k: keyof ReturnType<typeof figure>) => out.reduce((acc, r) => acc + r[k], 0);
      const totals = figure({
        issued: sum('issuedFen'),
        reserved: sum('reservedFen'),
        redeemed: sum('redeemedFen'),
        settled: sum('settledFen'),
        voided: sum('voidedFen'),
        expired: sum('expiredFen'),
        sensor: sum('sensorRedeemedFen'),
        self: sum('selfReportedRedeemedFen'),
      });
      return { year: q.year ?? null, groupBy: q.groupBy, totals, rows: out };
    },
  };
}
export type FiguresService = ReturnType<typeof createFiguresService>;
