import { Flex, Grid, Layout } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LinkButton } from '../components/LinkButton';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n';

/** The public face: works on a phone (375 px) as well as a desk. */
export function PublicLayout() {
  const { t } = useI18n();
  const { me } = useAuth();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: '#fff',
          borderBottom: '1px solid #e5e8ef',
          padding: narrow ? '8px 12px' : '0 24px',
          height: 'auto',
          lineHeight: 'normal',
          minHeight: 64,
          display: 'flex',
          alignItems: 'center',
        }}
      >
        <Flex justify="space-between" align="center" wrap gap={8} style={{ width: '100%' }}>
          <Link to="/" aria-label={t('brand.homeLink')} style={{ color: '#0b2f6b', textDecoration: 'none' }}>
            <span style={{ fontSize: narrow ? 16 : 20, fontWeight: 600, whiteSpace: 'nowrap' }}>{t('brand.name')}</span>
          </Link>
          <Flex gap={narrow ? 4 : 8} align="center" wrap>
            <Link to="/challenges" style={{ padding: narrow ? '0 4px' : '0 8px', whiteSpace: 'nowrap' }}>
              {t('hall.title')}
            </Link>
            <Link to="/instruments" style={{ padding: narrow ? '0 4px' : '0 8px', whiteSpace: 'nowrap' }}>
              {t('nav.catalogue')}
            </Link>
            <Link to="/open-data/challenges" style={{ padding: narrow ? '0 4px' : '0 8px', whiteSpace: 'nowrap' }}>
              {t('funnel.openData')}
            </Link>
            <LanguageSwitch />
            {me ? (
              <LinkButton to="/workspace" type="primary" size={narrow ? 'small' : 'middle'}>
                {t('action.enterWorkspace')}
              </LinkButton>
            ) : (
              <>
                <LinkButton to="/login" size={narrow ? 'small' : 'middle'}>
                  {t('action.signIn')}
                </LinkButton>
                <LinkButton to="/register" type="primary" size={narrow ? 'small' : 'middle'}>
                  {t('action.register')}
                </LinkButton>
              </>
            )}
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: narrow ? 12 : 24 }}>
        <div id="main" style={{ maxWidth: 1200, margin: '0 auto' }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', padding: narrow ? 12 : 24 }}>
        <span style={{ color: 'rgba(0,0,0,0.65)' }}>{t('brand.footer')}</span>
      </Layout.Footer>
    </Layout>
  );
}
