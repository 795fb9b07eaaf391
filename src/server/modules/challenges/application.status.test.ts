import { describe, expect, it } from 'vitest';
import {
  applicationStatuses,
  applicationTransitions,
  commandsFrom,
  contractStatuses,
  contractTransitions,
  isRegistered,
  milestoneStatuses,
  milestoneTransitions,
} from './application.status.js';

describe('application transitions', () => {
  it('allows exactly the table', () => {
    const table = Object.fromEntries(applicationStatuses.map((s) => [s, commandsFrom(applicationTransitions, s)]));
    expect(table).toEqual({
      submitted: ['screen_pass', 'screen_fix', 'screen_reject', 'withdraw'],
      needs_fix: ['screen_reject', 'resubmit', 'withdraw'],
      passed: ['withdraw', 'select', 'not_select'],
      rejected: [],
      withdrawn: [],
      selected: ['eliminate'],
      not_selected: [],
      eliminated: [],
    });
  });

  it('asks a reason for every refusal', () => {
    expect(applicationTransitions.screen_fix.reasonRequired).toBe(true);
    expect(applicationTransitions.screen_reject.reasonRequired).toBe(true);
    expect(applicationTransitions.eliminate.reasonRequired).toBe(true);
    expect(applicationTransitions.screen_pass.reasonRequired).toBe(false);
  });
});

describe('contract transitions', () => {
  it('allows exactly the table', () => {
    const table = Object.fromEntries(contractStatuses.map((s) => [s, commandsFrom(contractTransitions, s)]));
    expect(table).toEqual({
      signed: ['register', 'cancel'],
      registered: ['change', 'cancel'],
      changed: ['change', 'cancel'],
      cancelled: [],
    });
  });

  it('counts only registered and changed contracts as registered', () => {
    expect(contractStatuses.filter(isRegistered)).toEqual(['registered', 'changed']);
  });
});

describe('milestone transitions', () => {
  it('allows exactly the table', () => {
    const table = Object.fromEntries(milestoneStatuses.map((s) => [s, commandsFrom(milestoneTransitions, s)]));
    expect(table).toEqual({
      planned: ['report'],
      reported: ['confirm', 'send_back'],
      confirmed: ['pass', 'fail'],
      passed: [],
      failed: ['report'],
    });
  });
});
