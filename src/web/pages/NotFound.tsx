import { Result } from 'antd';
import { LinkButton } from '../components/LinkButton';
import { useI18n } from '../i18n';

export default function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('state.pageNotFoundTitle')}
      subTitle={t('state.pageNotFound')}
      extra={
        <LinkButton to="/" type="primary">
          {t('action.backHome')}
        </LinkButton>
      }
    />
  );
}
