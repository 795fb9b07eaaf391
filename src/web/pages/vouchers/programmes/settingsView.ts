/** A programme's settings in words, one line per setting, and what changed between two versions. */
import { serviceKindLabels } from '../../../../shared/api/vouchers';
import { type OrganisationType, organisationTypeLabels } from '../../../../shared/roles';
import type { MessageKey } from '../../../i18n';
import { formatYuanNumber } from '../../../lib/format';
import type { ProgrammeSettings } from '../api';

export interface SettingLine {
  key: string;
  label: MessageKey;
  value: string;
}

type Words = {
  t: (k: MessageKey, p?: Record<string, string | number>) => string;
  label: (l: { zh: string; en: string }) => string;
};

const pct = (bp: number) => `${(bp / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`;

export function describeSettings(s: ProgrammeSettings, { t, label }: Words): SettingLine[] {
  const yuan = (fen: number | undefined) => t('money.yuan', { n: formatYuanNumber(fen ?? 0) });
  const orgTypes = (types: readonly string[]) =>
    types
      .map((k) =>
        organisationTypeLabels[k as OrganisationType] ? label(organisationTypeLabels[k as OrganisationType]) : k,
      )
      .join('、');
  const list = (codes: readonly string[] | undefined) => (codes?.length ? codes.join('、') : t('vch.prog.none'));
  return [
    { key: 'eligibleOrgTypes', label: 'vch.prog.eligibleOrgTypes', value: orgTypes(s.eligibleOrgTypes) },
    { key: 'eligibleRegionCodes', label: 'vch.prog.eligibleRegions', value: list(s.eligibleRegionCodes) },
    {
      key: 'excludeFundedLastYear',
      label: 'vch.prog.excludeFunded',
      value: s.excludeFundedLastYear === false ? t('common.no') : t('common.yes'),
    },
    {
      key: 'excludedCreditCodes',
      label: 'vch.prog.excludedCodes',
      value: s.excludedCreditCodes?.length
        ? t('vch.prog.codesCount', { n: s.excludedCreditCodes.length })
        : t('vch.prog.none'),
    },
    { key: 'providerOrgTypes', label: 'vch.prog.providerOrgTypes', value: orgTypes(s.providerOrgTypes) },
    { key: 'coverageBp', label: 'vch.prog.coverage', value: pct(s.coverageBp) },
    {
      key: 'fullCoverageBelowFen',
      label: 'vch.prog.fullBelow',
      value: s.fullCoverageBelowFen ? yuan(s.fullCoverageBelowFen) : t('vch.prog.never'),
    },
    { key: 'perClaimCapFen', label: 'vch.prog.perClaimCap', value: yuan(s.perClaimCapFen) },
    { key: 'annualCapFen', label: 'vch.prog.annualCap', value: yuan(s.annualCapFen) },
    { key: 'budgetFen', label: 'vch.prog.budget', value: s.budgetFen ? yuan(s.budgetFen) : t('vch.prog.unlimited') },
    {
      key: 'annualCapBy',
      label: 'vch.prog.annualCapBy',
      value: s.annualCapBy === 'controller' ? t('vch.prog.capByController') : t('vch.prog.capByEnterprise'),
    },
    {
      key: 'serviceKinds',
      label: 'vch.prog.serviceKinds',
      value: s.serviceKinds.map((k) => label(serviceKindLabels[k])).join('、'),
    },
    { key: 'validity', label: 'vch.prog.validity', value: `${s.validFrom} – ${s.validUntil}` },
    { key: 'claimGraceDays', label: 'vch.prog.grace', value: t('vch.prog.days', { n: s.claimGraceDays ?? 30 }) },
    { key: 'minSensorShareBp', label: 'vch.prog.minSensorShare', value: pct(s.minSensorShareBp ?? 6000) },
    { key: 'partnerRegionCodes', label: 'vch.prog.partners', value: list(s.partnerRegionCodes) },
  ];
}

/** The settings that differ between an older and a newer version, as "before → after". */
export function diffSettings(
  before: ProgrammeSettings,
  after: ProgrammeSettings,
  words: Words,
): { label: MessageKey; from: string; to: string }[] {
  const a = describeSettings(before, words);
  const b = new Map(describeSettings(after, words).map((l) => [l.key, l]));
  return a
    .filter((l) => b.get(l.key)?.value !== l.value)
    .map((l) => ({ label: l.label, from: l.value, to: b.get(l.key)?.value ?? '—' }));
}
