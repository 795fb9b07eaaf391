/** Every table, for drizzle's typed queries and for drizzle-kit's migration generator. */
export * from '../modules/assets/asset.table.js';
export * from '../modules/audit/audit.table.js';
export * from '../modules/bookings/booking.table.js';
export * from '../modules/challenges/applications.table.js';
export * from '../modules/challenges/challenges.table.js';
export * from '../modules/devices/device.table.js';
export * from '../modules/identity/user.table.js';
export * from '../modules/instruments/instrument.table.js';
export * from '../modules/notifications/notification.table.js';
export * from '../modules/organisations/organisation.table.js';
export * from '../modules/settings/setting.table.js';
export * from '../modules/telemetry/telemetry.table.js';
export * from '../modules/vouchers/claim.table.js';
export * from '../modules/vouchers/ledger.table.js';
export * from '../modules/vouchers/programme.table.js';
export * from '../modules/vouchers/quota.table.js';
