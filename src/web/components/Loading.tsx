import { Spin } from 'antd';
import { useI18n } from '../i18n';

/** Loading: says what is loading, never a bare spinner. */
export function Loading({ what }: { what?: string }) {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" style={{ padding: '48px 16px', textAlign: 'center' }}>
      <Spin />
      <div style={{ marginTop: 12, color: 'rgba(0,0,0,0.65)' }}>{what ?? t('state.loading')}</div>
    </div>
  );
}
