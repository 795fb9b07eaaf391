import { Timeline, Typography } from 'antd';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { EmptyState } from './States';

export interface StatusEvent {
  id: number;
  fromStatus: string | null;
  toStatus: string;
  actorName: string | null;
  reason: string | null;
  at: string;
}

/**
 * A record's history from its event rows: who, when, from → to, why; newest first. Every record
 * page (organisation, booking, and the modules to come) shows its lifecycle this one way.
 */
export function StatusTimeline({
  events,
  statusText,
  colours,
  testId,
}: {
  events: StatusEvent[];
  statusText: (status: string) => string;
  colours: Record<string, string>;
  testId: string;
}) {
  const { t } = useI18n();
  if (events.length === 0) return <EmptyState description={t('org.history.empty')} />;
  const sorted = [...events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  return (
    <Timeline
      items={sorted.map((e) => ({
        key: e.id,
        color: colours[e.toStatus] ?? 'blue',
        title: formatDateTime(e.at),
        content: (
          <div data-testid={testId}>
            <div>
              {e.fromStatus ? `${statusText(e.fromStatus)} → ` : ''}
              <strong>{statusText(e.toStatus)}</strong>
            </div>
            <Typography.Text type="secondary">
              {t('org.history.by', { name: e.actorName ?? t('org.history.system') })}
            </Typography.Text>
            {e.reason ? <div>{t('org.history.reason', { reason: e.reason })}</div> : null}
          </div>
        ),
      }))}
    />
  );
}
