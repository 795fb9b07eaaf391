import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Form, Input, Result, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, http } from '../api/client';
import type { Health, Me } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';

interface Values {
  email: string;
  password: string;
}

const DEMO_PASSWORD = 'Kechuang#2026';
const DEMO_ACCOUNTS = [
  { email: 'admin@demo.kechuang.cn', zh: '科技局管理员（绍兴市）', en: 'Bureau administrator (Shaoxing)' },
  { email: 'officer@demo.kechuang.cn', zh: '科技局业务人员（绍兴市）', en: 'Bureau officer (Shaoxing)' },
  { email: 'auditor@demo.kechuang.cn', zh: '审计员（绍兴市）', en: 'Auditor (Shaoxing)' },
  { email: 'finance@demo.kechuang.cn', zh: '财务人员', en: 'Finance officer' },
  { email: 'expert@demo.kechuang.cn', zh: '评审专家', en: 'Expert' },
  { email: 'enterprise@demo.kechuang.cn', zh: '企业管理员（已核验企业）', en: 'Enterprise admin (verified)' },
  { email: 'manager@demo.kechuang.cn', zh: '仪器管理员（高校）', en: 'Instrument manager (university)' },
];

/** Only same-site paths, so a crafted ?next= cannot send people elsewhere. */
export function safeNext(next: string | null, fallback = '/workspace'): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : fallback;
}

export default function SignIn() {
  const { t, label } = useI18n();
  const { me, setMe } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [demo, setDemo] = useState(false);
  const next = safeNext(params.get('next'));
  const expired = params.get('expired') === '1';

  useEffect(() => {
    http.get<Health>('/api/health').then(
      (h) => setDemo(h.demo === true),
      () => setDemo(false),
    );
  }, []);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const signedIn = await http.post<Me>('/api/auth/login', { email: v.email.trim(), password: v.password });
      setMe(signedIn);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  if (me && !busy) {
    return (
      <Result
        status="success"
        title={t('auth.alreadySignedIn', { name: me.user.name })}
        extra={
          <Button type="primary" onClick={() => navigate(next)}>
            {t('action.enterWorkspace')}
          </Button>
        }
      />
    );
  }

  const locked = error instanceof ApiError && error.code === 'ACCOUNT_LOCKED';
  // The server gives the lock's end as an ISO instant; show it in the bureau's time zone.
  const until = locked ? (error.details as { until?: unknown } | undefined)?.until : undefined;
  const lockedUntil = typeof until === 'string' ? until : null;

  return (
    <div style={{ maxWidth: 440, margin: '24px auto' }}>
      <Card>
        <Typography.Title level={2} style={{ fontSize: 24, marginTop: 0 }}>
          {t('auth.signInTitle')}
        </Typography.Title>
        {expired ? (
          <Alert
            type="warning"
            showIcon
            title={t('auth.sessionExpired')}
            style={{ marginBottom: 16 }}
            data-testid="session-expired"
          />
        ) : null}
        {locked ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            icon={<LockOutlined />}
            title={<strong style={{ fontSize: 16 }}>{t('auth.lockedTitle')}</strong>}
            description={lockedUntil ? t('auth.lockedBody', { until: formatDateTime(lockedUntil) }) : error.message}
            style={{ marginBottom: 16, borderWidth: 2 }}
            data-testid="account-locked"
          />
        ) : error ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={error.message}
            description={
              error instanceof ApiError && error.requestId && error.status >= 500
                ? t('state.requestId', { id: error.requestId })
                : undefined
            }
            style={{ marginBottom: 16 }}
            data-testid="sign-in-error"
          />
        ) : null}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="email"
            label={t('auth.email')}
            rules={[
              { required: true, message: t('auth.emailRequired') },
              { type: 'email', message: t('auth.emailInvalid') },
            ]}
          >
            <Input prefix={<MailOutlined aria-hidden />} autoComplete="username" inputMode="email" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} size="large">
            {t('action.signIn')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          {t('auth.noAccount')} <Link to="/register">{t('auth.registerOrg')}</Link>
        </Typography.Paragraph>
      </Card>
      {demo ? (
        <Collapse
          style={{ marginTop: 16, background: '#fff' }}
          data-testid="demo-accounts"
          items={[
            {
              key: 'demo',
              label: t('auth.demoAccounts'),
              children: (
                <>
                  <Typography.Paragraph>{t('auth.demoHint', { password: DEMO_PASSWORD })}</Typography.Paragraph>
                  <Table
                    size="small"
                    rowKey="email"
                    pagination={false}
                    dataSource={DEMO_ACCOUNTS}
                    columns={[
                      {
                        title: t('auth.email'),
                        dataIndex: 'email',
                        render: (email: string) => (
                          <Button
                            type="link"
                            style={{ padding: 0, height: 'auto' }}
                            onClick={() => form.setFieldsValue({ email, password: DEMO_PASSWORD })}
                          >
                            {email}
                          </Button>
                        ),
                      },
                      { title: t('auth.demoRole'), key: 'role', render: (_, r) => label(r) },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      ) : null}
    </div>
  );
}
