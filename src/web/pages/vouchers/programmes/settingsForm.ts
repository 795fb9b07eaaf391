/**
 * A programme's settings as the form edits them (元, %, a date range, one credit code a line) and
 * back to the shape the server validates (fen, basis points, YYYY-MM-DD). Kept apart from the form so
 * the round trip is plain functions.
 */
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { ServiceKind } from '../../../../shared/api/vouchers';
import type { OrganisationType } from '../../../../shared/roles';
import type { ProgrammeSettings } from '../api';

export interface SettingsValues {
  eligibleOrgTypes: OrganisationType[];
  eligibleRegionCodes: string[];
  excludeFundedLastYear: boolean;
  excludedCreditCodes: string;
  providerOrgTypes: OrganisationType[];
  coveragePct: number;
  fullCoverageBelowYuan: number;
  perClaimCapYuan: number;
  annualCapYuan: number;
  budgetYuan: number;
  annualCapBy: 'enterprise' | 'controller';
  serviceKinds: ServiceKind[];
  validity: [Dayjs, Dayjs];
  claimGraceDays: number;
  minSensorSharePct: number;
  partnerRegionCodes: string[];
}

/** Form field each settings path is edited in, to put the server's or the schema's words there. */
export const fieldOf: Record<string, keyof SettingsValues> = {
  eligibleOrgTypes: 'eligibleOrgTypes',
  eligibleRegionCodes: 'eligibleRegionCodes',
  excludeFundedLastYear: 'excludeFundedLastYear',
  excludedCreditCodes: 'excludedCreditCodes',
  providerOrgTypes: 'providerOrgTypes',
  coverageBp: 'coveragePct',
  fullCoverageBelowFen: 'fullCoverageBelowYuan',
  perClaimCapFen: 'perClaimCapYuan',
  annualCapFen: 'annualCapYuan',
  budgetFen: 'budgetYuan',
  annualCapBy: 'annualCapBy',
  serviceKinds: 'serviceKinds',
  validFrom: 'validity',
  validUntil: 'validity',
  claimGraceDays: 'claimGraceDays',
  minSensorShareBp: 'minSensorSharePct',
  partnerRegionCodes: 'partnerRegionCodes',
};

const yuan = (fen: number | undefined) => (fen ?? 0) / 100;
const fen = (y: number | null | undefined) => Math.round((y ?? 0) * 100);

/** Where a new programme starts: a year from today, half covered, sensors required for 60% of hours. */
export function defaultSettings(regionCode: string | undefined): SettingsValues {
  const year = dayjs().year();
  return {
    eligibleOrgTypes: ['enterprise'],
    eligibleRegionCodes: regionCode ? [regionCode] : [],
    excludeFundedLastYear: true,
    excludedCreditCodes: '',
    providerOrgTypes: ['university', 'research_institute', 'new_rd_institute', 'service_provider', 'enterprise'],
    coveragePct: 50,
    fullCoverageBelowYuan: 0,
    perClaimCapYuan: 50_000,
    annualCapYuan: 200_000,
    budgetYuan: 0,
    annualCapBy: 'enterprise',
    serviceKinds: ['instrument_use', 'instrument_testing', 'testing', 'technology_service'],
    validity: [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)],
    claimGraceDays: 30,
    minSensorSharePct: 60,
    partnerRegionCodes: [],
  };
}

export function settingsToForm(s: ProgrammeSettings): SettingsValues {
  return {
    eligibleOrgTypes: [...s.eligibleOrgTypes],
    eligibleRegionCodes: [...s.eligibleRegionCodes],
    excludeFundedLastYear: s.excludeFundedLastYear ?? true,
    excludedCreditCodes: (s.excludedCreditCodes ?? []).join('\n'),
    providerOrgTypes: [...s.providerOrgTypes],
    coveragePct: s.coverageBp / 100,
    fullCoverageBelowYuan: yuan(s.fullCoverageBelowFen),
    perClaimCapYuan: yuan(s.perClaimCapFen),
    annualCapYuan: yuan(s.annualCapFen),
    budgetYuan: yuan(s.budgetFen),
    annualCapBy: s.annualCapBy ?? 'enterprise',
    serviceKinds: [...s.serviceKinds],
    validity: [dayjs(s.validFrom), dayjs(s.validUntil)],
    claimGraceDays: s.claimGraceDays ?? 30,
    minSensorSharePct: (s.minSensorShareBp ?? 6000) / 100,
    partnerRegionCodes: [...(s.partnerRegionCodes ?? [])],
  };
}

export function formToSettings(v: SettingsValues): ProgrammeSettings {
  return {
    eligibleOrgTypes: v.eligibleOrgTypes,
    eligibleRegionCodes: v.eligibleRegionCodes,
    excludeFundedLastYear: v.excludeFundedLastYear,
    excludedCreditCodes: v.excludedCreditCodes
      .split(/[\s,，;；]+/)
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean),
    providerOrgTypes: v.providerOrgTypes,
    coverageBp: Math.round((v.coveragePct ?? 0) * 100),
    fullCoverageBelowFen: fen(v.fullCoverageBelowYuan),
    perClaimCapFen: fen(v.perClaimCapYuan),
    annualCapFen: fen(v.annualCapYuan),
    budgetFen: fen(v.budgetYuan),
    annualCapBy: v.annualCapBy,
    serviceKinds: v.serviceKinds,
    validFrom: v.validity[0].format('YYYY-MM-DD'),
    validUntil: v.validity[1].format('YYYY-MM-DD'),
    claimGraceDays: v.claimGraceDays,
    minSensorShareBp: Math.round((v.minSensorSharePct ?? 0) * 100),
    partnerRegionCodes: v.partnerRegionCodes,
  };
}
