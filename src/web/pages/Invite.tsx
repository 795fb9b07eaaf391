import { Alert, App, Button, Card, Descriptions, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { chinaPhone } from '../../shared/api/common';
import { newUserInput } from '../../shared/api/identity';
import { ApiError, http } from '../api/client';
import type { InvitationPreview, Me } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { LinkButton } from '../components/LinkButton';
import { PasswordStrength, passwordRule } from '../components/PasswordStrength';
import { ActionError, LoadError, Loading } from '../components/States';
import { useI18n } from '../i18n';
import { applyServerErrors } from '../lib/applyServerErrors';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { zodRule } from '../lib/zodRule';

interface Values {
  name: string;
  phone?: string;
  password: string;
  confirm: string;
}

export default function Invite() {
  const { token = '' } = useParams();
  const { t } = useI18n();
  const { me, setMe } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const password = Form.useWatch('password', form);
  const phone = Form.useWatch('phone', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const preview = useAsync(
    (signal) =>
      http.get<InvitationPreview>(`/api/invitations/${encodeURIComponent(token)}`, undefined, {
        signal,
        allowUnauthenticated: true,
      }),
    [token],
  );

  const accept = async (extra: Partial<Values> = {}) => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        token,
        name: extra.name?.trim() || undefined,
        phone: extra.phone?.trim() || undefined,
        password: extra.password || undefined,
      };
      const next = await http.post<Me>('/api/invitations/accept', body);
      setMe(next);
      message.success(t('invite.accepted'));
      navigate('/my-organisation', { replace: true });
    } catch (e) {
      setError(e);
      applyServerErrors(form, e, { WEAK_PASSWORD: ['password'] });
    } finally {
      setBusy(false);
    }
  };

  if (preview.loading) return <Loading what={t('invite.loading')} />;
  if (preview.error) {
    if (preview.error instanceof ApiError && preview.error.status < 500) {
      return (
        <Result
          status="warning"
          title={t('invite.invalidTitle')}
          subTitle={preview.error.message}
          extra={<LinkButton to="/">{t('action.backHome')}</LinkButton>}
        />
      );
    }
    return <LoadError error={preview.error} onRetry={preview.reload} />;
  }
  const inv = preview.data;
  if (!inv) return null;
  const signedInAsInvitee = me && me.user.email.toLowerCase() === inv.email.toLowerCase();

  return (
    <div style={{ maxWidth: 560, margin: '24px auto' }}>
      <Card>
        <Typography.Title level={2} style={{ fontSize: 22, marginTop: 0 }}>
          {t('invite.title', { org: inv.organisationName })}
        </Typography.Title>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'org', label: t('invite.organisation'), children: inv.organisationName },
            { key: 'email', label: t('user.email'), children: inv.email },
            { key: 'expires', label: t('invite.expiresAt'), children: formatDateTime(inv.expiresAt) },
          ]}
          style={{ marginBottom: 16 }}
        />
        <ActionError error={error} onClose={() => setError(null)} />
        {inv.accountExists ? (
          signedInAsInvitee ? (
            <Button type="primary" block size="large" loading={busy} onClick={() => void accept()}>
              {t('invite.acceptAs', { name: me.user.name })}
            </Button>
          ) : (
            <>
              <Alert
                type="info"
                showIcon
                title={me ? t('invite.wrongAccount', { email: inv.email }) : t('invite.signInFirst')}
                style={{ marginBottom: 16 }}
              />
              <LinkButton
                type="primary"
                block
                size="large"
                to={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}
              >
                {t('action.signIn')}
              </LinkButton>
            </>
          )
        ) : (
          <Form form={form} layout="vertical" onFinish={(v) => void accept(v)}>
            <Typography.Paragraph type="secondary">{t('invite.createLead')}</Typography.Paragraph>
            <Form.Item
              name="name"
              label={t('user.name')}
              rules={[{ required: true, message: t('user.nameRequired') }, zodRule(newUserInput.shape.name)]}
            >
              <Input autoComplete="name" maxLength={50} />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('user.phoneOptional')}
              rules={[zodRule(chinaPhone, { optional: true })]}
              extra={t('user.phoneHint')}
            >
              <Input autoComplete="tel" inputMode="tel" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('password.label')}
              dependencies={['phone']}
              rules={[
                { required: true, message: t('password.newRequired') },
                passwordRule(t, () => ({ email: inv.email, phone: form.getFieldValue('phone') })),
              ]}
              extra={<PasswordStrength password={password} email={inv.email} phone={phone} />}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('password.confirm')}
              dependencies={['password']}
              rules={[
                { required: true, message: t('password.confirmRequired') },
                ({ getFieldValue }) => ({
                  validator: async (_, value) => {
                    if (value && value !== getFieldValue('password')) throw new Error(t('password.mismatch'));
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('invite.accept')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
