import { Typography } from 'antd';
import { http } from '../../api/client';
import { LoadError, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { FunnelView } from './common/FunnelView';
import type { Funnel } from './common/types';

/** Open data: the overall funnel of every batch, for anyone (no sign-in), with CSV/XLSX export. */
export default function OpenFunnel() {
  const { t } = useI18n();
  const funnel = useAsync((signal) => http.get<Funnel>('/api/challenges/funnel', undefined, { signal }), []);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 'clamp(22px, 5vw, 30px)', marginTop: 0 }}>
        {t('funnel.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('funnel.lead')}</Typography.Paragraph>
      {funnel.error ? (
        <LoadError error={funnel.error} onRetry={funnel.reload} />
      ) : funnel.data ? (
        <FunnelView funnel={funnel.data} exportQuery="" />
      ) : (
        <Loading />
      )}
    </>
  );
}
