/** Response and request types, inferred from the shared Zod schemas the server validates with. */
import type { z } from 'zod';
import type { auditEntryView, auditVerifyResponse } from '../../shared/api/audit';
import type { bookingDetail, bookingListItem, completeBody, createBookingBody } from '../../shared/api/bookings';
import type { deviceCredentials, deviceDetail, deviceSummary, deviceWithCredentials } from '../../shared/api/devices';
import type {
  acceptInvitationBody,
  grantRoleBody,
  invitationPreview,
  invitationView,
  inviteBody,
  inviteResponse,
  memberView,
  meResponse,
  registerBody,
  userAdminView,
} from '../../shared/api/identity';
import type {
  calendarResponse,
  cataloguePage,
  instrumentDetail,
  instrumentInput,
  instrumentSummary,
  instrumentUpdate,
} from '../../shared/api/instruments';
import type { inboxResponse, notificationView } from '../../shared/api/notifications';
import type {
  adminCreateOrganisationBody,
  creditCodeCheckResponse,
  organisationDetail,
  organisationEventView,
  organisationView,
} from '../../shared/api/organisations';
import type {
  boardEvent,
  boardItem,
  boardResponse,
  calibrationResponse,
  deadLetterItem,
  headlineResponse,
  levelsResponse,
  levelsUpdateResult,
  monthlyHoursResponse,
  organisationHoursResponse,
  powerLevelsBody,
  traceResponse,
} from '../../shared/api/telemetry';

export type Me = z.infer<typeof meResponse>;
export type RegisterBody = z.input<typeof registerBody>;
export type InvitationPreview = z.infer<typeof invitationPreview>;
export type AcceptInvitationBody = z.input<typeof acceptInvitationBody>;
export type InviteBody = z.input<typeof inviteBody>;
export type InvitationView = z.infer<typeof invitationView>;
export type InviteResponse = z.infer<typeof inviteResponse>;
export type MemberView = z.infer<typeof memberView>;
export type UserAdminView = z.infer<typeof userAdminView>;
export type GrantRoleBody = z.input<typeof grantRoleBody>;
export type OrganisationView = z.infer<typeof organisationView>;
export type OrganisationDetail = z.infer<typeof organisationDetail>;
export type OrganisationEvent = z.infer<typeof organisationEventView>;
export type AdminCreateOrganisationBody = z.input<typeof adminCreateOrganisationBody>;
export type CreditCodeCheck = z.infer<typeof creditCodeCheckResponse>;
export type AuditEntry = z.infer<typeof auditEntryView>;
export type AuditVerify = z.infer<typeof auditVerifyResponse>;
export type Notification = z.infer<typeof notificationView>;
export type Inbox = z.infer<typeof inboxResponse>;

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface RegionNode {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | string;
  hasChildren: boolean;
}

export interface Health {
  status: string;
  version?: string;
  demo?: boolean;
  database?: { kind: string; reachable: boolean };
  migrations?: { applied: number; shipped: number; current: boolean };
}

// Instruments and bookings (src/shared/api/instruments.ts, bookings.ts).
export type InstrumentSummary = z.infer<typeof instrumentSummary>;
export type CataloguePage = z.infer<typeof cataloguePage>;
export type InstrumentDetail = z.infer<typeof instrumentDetail>;
export type InstrumentInput = z.input<typeof instrumentInput>;
export type InstrumentUpdate = z.input<typeof instrumentUpdate>;
export type CalendarResponse = z.infer<typeof calendarResponse>;
export type CalendarItem = CalendarResponse['items'][number];
export type BookingListItem = z.infer<typeof bookingListItem>;
export type BookingDetail = z.infer<typeof bookingDetail>;
export type CreateBookingBody = z.input<typeof createBookingBody>;
export type CompleteBody = z.input<typeof completeBody>;

// Sensors and telemetry (src/shared/api/devices.ts, telemetry.ts).
export type DeviceSummary = z.infer<typeof deviceSummary>;
export type DeviceDetail = z.infer<typeof deviceDetail>;
export type DeviceCredentials = z.infer<typeof deviceCredentials>;
export type DeviceWithCredentials = z.infer<typeof deviceWithCredentials>;
export type BoardResponse = z.infer<typeof boardResponse>;
export type BoardItem = z.infer<typeof boardItem>;
export type BoardEvent = z.infer<typeof boardEvent>;
export type BoardState = BoardItem['state'];
export type TraceResponse = z.infer<typeof traceResponse>;
export type LevelsResponse = z.infer<typeof levelsResponse>;
export type LevelsUpdateResult = z.infer<typeof levelsUpdateResult>;
export type PowerLevelsBody = z.input<typeof powerLevelsBody>;
export type CalibrationResponse = z.infer<typeof calibrationResponse>;
export type MonthlyHours = z.infer<typeof monthlyHoursResponse>;
export type OrganisationHours = z.infer<typeof organisationHoursResponse>;
export type Headline = z.infer<typeof headlineResponse>;
export type DeadLetter = z.infer<typeof deadLetterItem>;
