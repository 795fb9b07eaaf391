import { Typography } from 'antd';
import { InstrumentList } from '../../components/InstrumentList';
import { useI18n } from '../../i18n';

/** The public instrument catalogue (仪器目录): works on a phone as well as a desk. */
export default function Catalogue() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 'clamp(22px, 5vw, 30px)', marginTop: 0 }}>
        {t('catalogue.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('catalogue.lead')}</Typography.Paragraph>
      <InstrumentList emptyText={t('catalogue.empty')} />
    </>
  );
}
