/** Every table, for drizzle's typed queries and for drizzle-kit's migration generator. */
export * from '../modules/assets/asset.table.js';
export * from '../modules/audit/audit.table.js';
export * from '../modules/bookings/booking.table.js';
export * from '../modules/devices/device.table.js';
export * from '../modules/identity/user.table.js';
export * from '../modules/instruments/instrument.table.js';
export * from '../modules/notifications/notification.table.js';
export * from '../modules/organisations/organisation.table.js';
export * from '../modules/settings/setting.table.js';
export * from '../modules/telemetry/telemetry.table.js';
