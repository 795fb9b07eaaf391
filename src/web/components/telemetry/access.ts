import type { Me } from '../../api/types';
import { hasMembership, hasRole } from '../../auth/roles';

/**
 * May see sensor data (live board, traces, power-on hours): bureau readers of the region, and members
 * of an organisation for its own instruments (mirrors the server's telemetry.read).
 */
export const canReadTelemetry = (me: Me | null | undefined) =>
  hasRole(me, 'bureau_officer', 'bureau_admin', 'finance_officer', 'auditor') || hasMembership(me);
