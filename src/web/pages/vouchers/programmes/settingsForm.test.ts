import { describe, expect, it } from 'vitest';
import { programmeSettings } from '../../../../shared/api/vouchers';
import type { ProgrammeSettings } from '../api';
import { defaultSettings, formToSettings, settingsToForm } from './settingsForm';
import { diffSettings } from './settingsView';

const settings: ProgrammeSettings = {
  eligibleOrgTypes: ['enterprise'],
  eligibleRegionCodes: ['330600'],
  excludeFundedLastYear: true,
  excludedCreditCodes: ['91330602MA2B3C4D5X'],
  providerOrgTypes: ['university', 'service_provider'],
  coverageBp: 5000,
  fullCoverageBelowFen: 1_000_000,
  perClaimCapFen: 5_000_000,
  annualCapFen: 20_000_000,
  budgetFen: 1_000_000_000,
  annualCapBy: 'controller',
  serviceKinds: ['instrument_use', 'testing'],
  validFrom: '2026-01-01',
  validUntil: '2026-12-31',
  claimGraceDays: 30,
  minSensorShareBp: 6000,
  partnerRegionCodes: ['310000'],
};

const words = {
  t: (k: string, p?: Record<string, string | number>) => `${k}${p ? JSON.stringify(p) : ''}`,
  label: (l: { zh: string }) => l.zh,
};

describe('programme settings in the form', () => {
  it('survive the round trip through 元, % and a date range unchanged', () => {
    expect(formToSettings(settingsToForm(settings))).toEqual(settings);
  });

  it('turn 元 with cents and fractional percentages into integer fen and basis points', () => {
    const v = { ...settingsToForm(settings), coveragePct: 33.33, perClaimCapYuan: 1234.56, annualCapYuan: 10_000 };
    const out = formToSettings(v);
    expect(out.coverageBp).toBe(3333);
    expect(out.perClaimCapFen).toBe(123_456);
    expect(out.annualCapFen).toBe(1_000_000);
  });

  it('read excluded credit codes one a line, upper-cased, blanks and separators dropped', () => {
    const v = { ...settingsToForm(settings), excludedCreditCodes: ' 91330602ma2b3c4d5x \n\n91330603MA2E6F7G8Y，' };
    expect(formToSettings(v).excludedCreditCodes).toEqual(['91330602MA2B3C4D5X', '91330603MA2E6F7G8Y']);
  });

  it('start a new programme with settings the server schema accepts', () => {
    expect(programmeSettings.safeParse(formToSettings(defaultSettings('330600'))).success).toBe(true);
  });
});

describe('what changed between versions', () => {
  it('names only the settings that differ, before and after', () => {
    const changes = diffSettings(settings, { ...settings, coverageBp: 6000, partnerRegionCodes: [] }, words as never);
    expect(changes.map((c) => [c.label, c.from, c.to])).toEqual([
      ['vch.prog.coverage', '50%', '60%'],
      ['vch.prog.partners', '310000', 'vch.prog.none'],
    ]);
  });

  it('finds nothing between identical versions', () => {
    expect(diffSettings(settings, { ...settings }, words as never)).toEqual([]);
  });
});
