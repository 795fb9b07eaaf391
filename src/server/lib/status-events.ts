/** One row of a record's history (organisation, booking, …) as every status-event table stores it. */
export interface StatusEventRow {
  event: { id: number; fromStatus: string | null; toStatus: string; reason: string | null; at: Date };
  actorName: string | null;
}

/** The history timeline a record page shows: who, when, from → to, why. */
export function presentEvents(rows: StatusEventRow[]) {
  return rows.map(({ event, actorName }) => ({
    id: event.id,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actorName,
    reason: event.reason,
    at: event.at.toISOString(),
  }));
}
