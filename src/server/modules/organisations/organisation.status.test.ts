import { describe, expect, it } from 'vitest';
import { organisationStatuses } from '../../../shared/roles.js';
import { canTransition, commandsFrom, organisationTransitions } from './organisation.status.js';

describe('organisation transitions', () => {
  it('allows exactly the table', () => {
    const table = Object.fromEntries(organisationStatuses.map((s) => [s, commandsFrom(s)]));
    expect(table).toEqual({
      registered: ['verify', 'reject'],
      verified: ['suspend'],
      rejected: ['resubmit'],
      suspended: ['reinstate'],
    });
  });

  it('never leads back to the status it starts from', () => {
    for (const [command, t] of Object.entries(organisationTransitions)) {
      for (const from of t.from) expect(from, command).not.toBe(t.to);
    }
  });

  it('refuses verifying a suspended organisation', () => {
    expect(canTransition('verify', 'suspended')).toBe(false);
    expect(canTransition('reinstate', 'suspended')).toBe(true);
  });
});
