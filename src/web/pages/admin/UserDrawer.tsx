import { LockOutlined, PlusOutlined, StopOutlined, UnlockOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { isBureauRole, isOrgRole, type Role, roleLabels, roles } from '../../../shared/roles';
import { http } from '../../api/client';
import type { UserAdminView } from '../../api/types';
import { RegionCascader } from '../../components/RegionCascader';
import { ActionError } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';

export function isLocked(u: UserAdminView): boolean {
  return !!u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();
}

export function UserStatusTag({ user }: { user: UserAdminView }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      {user.status === 'active' ? (
        <Tag color="green">{t('users.active')}</Tag>
      ) : (
        <Tag color="red">{t('users.disabled')}</Tag>
      )}
      {isLocked(user) ? (
        <Tag color="orange" icon={<LockOutlined />}>
          {t('users.locked')}
        </Tag>
      ) : null}
    </Space>
  );
}

/** A returned user view replaces the row; anything else means "reload the list". */
const asUser = (r: unknown): UserAdminView | undefined =>
  r && typeof r === 'object' && 'id' in r && 'roles' in r ? (r as UserAdminView) : undefined;

export function UserDrawer({
  user,
  onClose,
  onChanged,
}: {
  user: UserAdminView | null;
  onClose: () => void;
  onChanged: (u?: UserAdminView) => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [statusOpen, setStatusOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => setError(null), [user?.id]);

  const revoke = async (grantId: string) => {
    if (!user) return;
    setError(null);
    try {
      const r = await http.del<UserAdminView>(`/api/admin/users/${user.id}/roles/${grantId}`);
      message.success(t('users.revoked'));
      onChanged(asUser(r));
    } catch (e) {
      setError(e);
    }
  };

  const unlock = async () => {
    if (!user) return;
    setError(null);
    setBusy(true);
    try {
      const r = await http.post(`/api/admin/users/${user.id}/unlock`);
      message.success(t('users.unlocked', { name: user.name }));
      onChanged(asUser(r));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={!!user}
      onClose={onClose}
      size={560}
      title={user ? user.name : ''}
      destroyOnHidden
      extra={
        user ? (
          <Space>
            {isLocked(user) ? (
              <Button icon={<UnlockOutlined />} onClick={() => void unlock()} loading={busy}>
                {t('users.unlock')}
              </Button>
            ) : null}
            <Button danger={user.status === 'active'} icon={<StopOutlined />} onClick={() => setStatusOpen(true)}>
              {user.status === 'active' ? t('users.disable') : t('users.enable')}
            </Button>
          </Space>
        ) : null
      }
    >
      {user ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <ActionError error={error} onClose={() => setError(null)} />
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'email', label: t('user.email'), children: user.email },
              { key: 'phone', label: t('user.phone'), children: user.phoneMasked ?? '—' },
              { key: 'status', label: t('users.status'), children: <UserStatusTag user={user} /> },
              {
                key: 'locked',
                label: t('users.lockedUntil'),
                children: isLocked(user) ? formatDateTime(user.lockedUntil) : '—',
              },
              { key: 'last', label: t('users.lastLogin'), children: formatDateTime(user.lastLoginAt) },
              { key: 'created', label: t('users.createdAt'), children: formatDate(user.createdAt) },
              {
                key: 'orgs',
                label: t('users.organisations'),
                children: user.organisations.length
                  ? user.organisations.map((o) => (
                      <div key={o.id}>
                        {o.name} {o.isAdmin ? <Tag>{t('member.admin')}</Tag> : null}
                      </div>
                    ))
                  : '—',
              },
            ]}
          />
          <Card size="small" title={t('users.roles')}>
            <List
              dataSource={user.roles}
              locale={{ emptyText: t('users.noRoles') }}
              renderItem={(g) => (
                <List.Item
                  key={g.id}
                  actions={[
                    <Popconfirm
                      key="revoke"
                      title={t('users.revokeConfirm', { role: label(roleLabels[g.role as Role]) })}
                      okText={t('users.revoke')}
                      cancelText={t('action.cancel')}
                      onConfirm={() => revoke(g.id)}
                    >
                      <Button size="small" danger>
                        {t('users.revoke')}
                      </Button>
                    </Popconfirm>,
                  ]}
                >
                  <Space wrap>
                    <Tag color="blue">{label(roleLabels[g.role as Role])}</Tag>
                    {g.organisationId ? (
                      <Typography.Text type="secondary">
                        {user.organisations.find((o) => o.id === g.organisationId)?.name ?? g.organisationId}
                      </Typography.Text>
                    ) : null}
                    {g.regionCode ? (
                      <Typography.Text type="secondary">
                        {t('users.regionScope', { code: g.regionCode })}
                      </Typography.Text>
                    ) : null}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <GrantRole user={user} onGranted={onChanged} />
        </Space>
      ) : null}
      {user ? (
        <StatusModal
          open={statusOpen}
          user={user}
          onClose={() => setStatusOpen(false)}
          onDone={(u) => {
            setStatusOpen(false);
            onChanged(u);
          }}
        />
      ) : null}
    </Drawer>
  );
}

interface GrantValues {
  role: Role;
  regionCode?: string;
}

/** Organisation roles come with membership (set on the organisation's member list), not granted here. */
const grantable = roles.filter((r) => !isOrgRole(r));

function GrantRole({ user, onGranted }: { user: UserAdminView; onGranted: (u?: UserAdminView) => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const role = Form.useWatch('role', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (v: GrantValues) => {
    setBusy(true);
    setError(null);
    try {
      const r = await http.post<UserAdminView>(`/api/admin/users/${user.id}/roles`, {
        role: v.role,
        regionCode: isBureauRole(v.role) ? v.regionCode : undefined,
      });
      message.success(t('users.granted', { role: label(roleLabels[v.role]) }));
      form.resetFields();
      onGranted(asUser(r));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('users.grant')}>
      <ActionError error={error} onClose={() => setError(null)} />
      <Typography.Paragraph type="secondary">{t('users.grantHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <Select options={grantable.map((r) => ({ value: r, label: label(roleLabels[r]) }))} />
        </Form.Item>
        {role && isBureauRole(role) ? (
          <Form.Item
            name="regionCode"
            label={t('users.scopeRegion')}
            rules={[{ required: true, message: t('users.scopeRegionRequired') }]}
            extra={t('users.scopeRegionHint')}
          >
            <RegionCascader changeOnSelect />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy}>
          {t('users.grantSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

function StatusModal({
  open,
  user,
  onClose,
  onDone,
}: {
  open: boolean;
  user: UserAdminView;
  onClose: () => void;
  onDone: (u?: UserAdminView) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const target = user.status === 'active' ? 'disabled' : 'active';

  const submit = async (v: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await http.post(`/api/admin/users/${user.id}/status`, { status: target, reason: v.reason.trim() });
      message.success(target === 'disabled' ? t('users.disabledDone') : t('users.enabledDone'));
      form.resetFields();
      onDone(asUser(r));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={
        target === 'disabled'
          ? t('users.disableTitle', { name: user.name })
          : t('users.enableTitle', { name: user.name })
      }
      okText={target === 'disabled' ? t('users.disable') : t('users.enable')}
      okButtonProps={{ danger: target === 'disabled' }}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ActionError error={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('orgs.reason')}
          rules={[
            { required: true, whitespace: true, message: t('orgs.reasonRequired') },
            { min: 2, message: t('orgs.reasonRequired') },
            { max: 500 },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
