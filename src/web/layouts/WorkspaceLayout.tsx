import { BellOutlined, DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { App, Badge, Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Result, Typography } from 'antd';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { http } from '../api/client';
import type { Inbox } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n';
import { entryFor, navEntries } from '../nav';
import { ChangePasswordModal } from './ChangePasswordModal';
import { InboxContext } from './inbox';

const POLL_MS = 60_000;

/** The signed-in workspace: navigation by role, header with bell and user menu, the page below. */
export default function WorkspaceLayout() {
  const { me, signOut } = useAuth();
  const { t, label } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [menuOpen, setMenuOpen] = useState(false);
  const [unread, setUnread] = useState<number | null>(null);
  const [pwOpen, setPwOpen] = useState(false);

  const refreshUnread = useCallback(() => {
    http.get<Inbox>('/api/notifications', { unreadOnly: 'true', pageSize: 1 }).then(
      (r) => setUnread(r.unread),
      () => setUnread(null),
    );
  }, []);

  const signedIn = !!me;
  useEffect(() => {
    if (!signedIn) return;
    refreshUnread();
  }, [signedIn, refreshUnread, location.pathname]);
  useEffect(() => {
    if (!signedIn) return;
    const timer = window.setInterval(refreshUnread, POLL_MS);
    return () => window.clearInterval(timer);
  }, [signedIn, refreshUnread]);

  const inbox = useMemo(() => ({ unread, refresh: refreshUnread }), [unread, refreshUnread]);

  if (me === undefined) return <Loading what={t('state.checkingSession')} />;
  if (me === null) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }

  const visible = navEntries.filter((e) => e.visible(me));
  const current = entryFor(location.pathname);
  const allowed = !current || current.visible(me);
  // Before the first measurement `lg` is undefined: assume a desk.
  const narrow = screens.lg === false;

  const brand = (
    <Link to="/" style={{ fontWeight: 600, fontSize: 16, color: '#0b2f6b', whiteSpace: 'nowrap' }}>
      {t('brand.short')}
    </Link>
  );
  const menu = (
    <nav aria-label={t('nav.label')}>
      <Menu
        mode="inline"
        selectedKeys={current ? [current.key] : []}
        items={visible.map((e) => ({
          key: e.key,
          icon: e.icon,
          label: <Link to={e.path}>{label(e.label)}</Link>,
        }))}
        onClick={() => setMenuOpen(false)}
        style={{ borderInlineEnd: 'none' }}
      />
    </nav>
  );

  const onSignOut = async () => {
    try {
      await signOut();
    } catch {
      // Signed out locally either way.
    }
    message.success(t('auth.signedOut'));
    navigate('/', { replace: true });
  };

  return (
    <InboxContext.Provider value={inbox}>
      <Layout style={{ minHeight: '100vh' }}>
        <a
          href="#main"
          className="kc-skip"
          style={{ position: 'absolute', left: -9999 }}
          onFocus={(e) => {
            e.currentTarget.style.left = '8px';
          }}
          onBlur={(e) => {
            e.currentTarget.style.left = '-9999px';
          }}
        >
          {t('a11y.skipToContent')}
        </a>
        {narrow ? (
          <Drawer
            placement="left"
            open={menuOpen}
            onClose={() => setMenuOpen(false)}
            size={260}
            title={brand}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider width={220} theme="light" style={{ borderRight: '1px solid #e5e8ef' }}>
            <div style={{ padding: '18px 20px' }}>{brand}</div>
            {menu}
          </Layout.Sider>
        )}
        <Layout>
          <Layout.Header
            style={{
              background: '#fff',
              borderBottom: '1px solid #e5e8ef',
              padding: narrow ? '0 8px' : '0 24px',
              display: 'flex',
              alignItems: 'center',
              justifyContent: narrow ? 'space-between' : 'flex-end',
              gap: 8,
            }}
          >
            {narrow ? (
              <Flex align="center" gap={4} style={{ minWidth: 0 }}>
                <Button
                  type="text"
                  icon={<MenuOutlined />}
                  aria-label={t('nav.open')}
                  aria-expanded={menuOpen}
                  onClick={() => setMenuOpen(true)}
                />
                {brand}
              </Flex>
            ) : null}
            <Flex gap={narrow ? 4 : 12} align="center">
              <LanguageSwitch />
              <Link to="/inbox" aria-label={t('inbox.bellLabel', { n: unread ?? 0 })} data-testid="inbox-bell">
                <Badge count={unread ?? 0} size="small" overflowCount={99}>
                  <BellOutlined style={{ fontSize: 18, color: 'rgba(0,0,0,0.75)' }} aria-hidden />
                </Badge>
              </Link>
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'email', label: me.user.email, disabled: true },
                    { type: 'divider' },
                    { key: 'password', icon: <KeyOutlined />, label: t('password.changeTitle') },
                    { key: 'signout', icon: <LogoutOutlined />, label: t('action.signOut') },
                  ],
                  onClick: ({ key }) => {
                    if (key === 'password') setPwOpen(true);
                    if (key === 'signout') void onSignOut();
                  },
                }}
              >
                <Button type="text" data-testid="user-menu" aria-label={t('nav.userMenu', { name: me.user.name })}>
                  <UserOutlined aria-hidden />
                  <span style={{ maxWidth: narrow ? 72 : 140, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                    {me.user.name}
                  </span>
                  <DownOutlined aria-hidden style={{ fontSize: 10 }} />
                </Button>
              </Dropdown>
            </Flex>
          </Layout.Header>
          <Layout.Content style={{ padding: narrow ? 12 : 24 }}>
            <div id="main" tabIndex={-1} style={{ outline: 'none' }}>
              {allowed ? (
                <Suspense fallback={<Loading />}>
                  <Outlet />
                </Suspense>
              ) : (
                <Result
                  status="403"
                  title={t('state.forbiddenTitle')}
                  subTitle={t('state.forbiddenPage')}
                  extra={<Link to="/workspace">{t('action.backWorkspace')}</Link>}
                />
              )}
            </div>
          </Layout.Content>
          <Layout.Footer style={{ textAlign: 'center', padding: 12 }}>
            <Typography.Text type="secondary">{t('brand.footer')}</Typography.Text>
          </Layout.Footer>
        </Layout>
      </Layout>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </InboxContext.Provider>
  );
}
