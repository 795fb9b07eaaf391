/**
 * Where the sensor screens read and write. Kept in one place because the telemetry routes are
 * built on another branch against the shapes in src/shared/api/telemetry.ts.
 */
export const telemetryApi = {
  devices: '/api/devices',
  device: (id: string) => `/api/devices/${id}`,
  rotate: (id: string) => `/api/devices/${id}/rotate`,
  retire: (id: string) => `/api/devices/${id}/retire`,
  move: (id: string) => `/api/devices/${id}/move`,
  board: '/api/telemetry/board',
  boardStream: '/api/telemetry/board/stream',
  trace: (instrumentId: string) => `/api/telemetry/instruments/${instrumentId}/trace`,
  levels: (instrumentId: string) => `/api/telemetry/instruments/${instrumentId}/levels`,
  calibration: (instrumentId: string) => `/api/telemetry/instruments/${instrumentId}/calibration`,
  hoursMonthly: '/api/telemetry/hours/monthly',
  hoursOrganisations: '/api/telemetry/hours/organisations',
  headline: '/api/telemetry/headline',
  deadLetters: '/api/telemetry/dead-letters',
};

/** Hours with one decimal and thousands separators, as the bureau quotes them. */
export function formatHours(h: number): string {
  return h.toLocaleString('zh-CN', { maximumFractionDigits: 1 });
}

/** Watts, switching to kW from 10 kW so tiles stay short. */
export function formatWatts(w: number | null | undefined): string {
  if (w === null || w === undefined) return '—';
  if (w >= 10_000) return `${(w / 1000).toLocaleString('zh-CN', { maximumFractionDigits: 1 })} kW`;
  return `${w.toLocaleString('zh-CN', { maximumFractionDigits: 0 })} W`;
}
