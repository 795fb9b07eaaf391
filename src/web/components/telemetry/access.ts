import type { Me } from '../../api/types';
import { canManageInstruments, hasRole } from '../../auth/roles';

/**
 * Who gets the sensor screens (live board, power-on hours) in the menu: bureau readers of the region,
 * and those who manage instruments. The server's telemetry.read also lets any member read their own
 * organisation's data (links still work for them); the menu stays quiet for enterprise users.
 */
export const canReadTelemetry = (me: Me | null | undefined) =>
  hasRole(me, 'bureau_officer', 'bureau_admin', 'finance_officer', 'auditor') || canManageInstruments(me);
