import { DeleteOutlined, EditOutlined, SendOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { email as emailSchema } from '../../shared/api/identity';
import { type OrgRole, orgRoles, roleLabels } from '../../shared/roles';
import { http } from '../api/client';
import type { InvitationView, InviteResponse, MemberView, OrganisationDetail } from '../api/types';
import { useAuth, useMe } from '../auth/AuthContext';
import { isOrgAdmin } from '../auth/roles';
import { EditOrganisationModal } from '../components/EditOrganisationModal';
import { OrgSteps, OrgSummary, OrgTimeline } from '../components/OrgLifecycle';
import { PageHeader } from '../components/PageHeader';
import { ActionError, EmptyState, LoadError, Loading } from '../components/States';
import { useI18n } from '../i18n';
import { formatDate, formatDateTime, noWrap } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { zodRule } from '../lib/zodRule';

export default function MyOrganisation() {
  const me = useMe();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const memberships = me.memberships;
  const orgId =
    memberships.find((m) => m.organisation.id === params.get('org'))?.organisation.id ??
    memberships[0]?.organisation.id;

  if (!orgId) {
    return (
      <>
        <PageHeader title={t('nav.myOrganisation')} crumbs={[{ title: t('nav.myOrganisation') }]} />
        <Card>
          <EmptyState description={t('myOrg.none')} />
        </Card>
      </>
    );
  }
  return (
    <OrganisationPage
      key={orgId}
      orgId={orgId}
      switcher={
        memberships.length > 1 ? (
          <Select
            aria-label={t('myOrg.switch')}
            value={orgId}
            style={{ minWidth: 220 }}
            options={memberships.map((m) => ({ value: m.organisation.id, label: m.organisation.name }))}
            onChange={(id) => setParams({ org: id })}
          />
        ) : null
      }
    />
  );
}

function OrganisationPage({ orgId, switcher }: { orgId: string; switcher: React.ReactNode }) {
  const me = useMe();
  const { t } = useI18n();
  const admin = isOrgAdmin(me, orgId);
  const { refresh } = useAuth();
  const detail = useAsync(
    (signal) => http.get<OrganisationDetail>(`/api/organisations/${orgId}`, undefined, { signal }),
    [orgId],
  );
  const [editing, setEditing] = useState<'edit' | 'resubmit' | null>(null);
  const org = detail.data;

  return (
    <>
      <PageHeader
        title={detail.data?.name ?? t('nav.myOrganisation')}
        crumbs={[{ title: t('nav.myOrganisation') }]}
        extra={
          <>
            {switcher}
            {admin && org?.status === 'rejected' ? (
              <Button type="primary" icon={<SendOutlined />} onClick={() => setEditing('resubmit')}>
                {t('myOrg.resubmit')}
              </Button>
            ) : null}
            {admin && org && org.status !== 'rejected' ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing('edit')}>
                {t('myOrg.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      {editing && org ? (
        <EditOrganisationModal
          org={org}
          resubmit={editing === 'resubmit'}
          onClose={() => setEditing(null)}
          onSaved={(next) => {
            if (next) detail.setData(next);
            detail.reload();
            void refresh();
          }}
        />
      ) : null}
      {detail.loading && !detail.data ? (
        <Loading what={t('myOrg.loading')} />
      ) : detail.error ? (
        <LoadError error={detail.error} onRetry={detail.reload} />
      ) : detail.data ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {detail.data.status === 'registered' ? (
            <Alert type="info" showIcon title={t('myOrg.awaiting')} description={t('myOrg.awaitingBody')} />
          ) : null}
          {detail.data.status === 'rejected' ? (
            <Alert
              type="warning"
              showIcon
              title={t('myOrg.returned')}
              description={admin ? t('myOrg.returnedAdmin') : t('myOrg.returnedMember')}
            />
          ) : null}
          <Card title={t('org.lifecycle')}>
            <OrgSteps org={detail.data} />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Card title={t('org.summary')}>
                <OrgSummary org={detail.data} />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card title={t('org.history')}>
                <OrgTimeline org={detail.data} />
              </Card>
            </Col>
          </Row>
          <Members orgId={orgId} admin={admin} />
        </Space>
      ) : null}
    </>
  );
}

function roleTags(roles: string[], label: (l: { zh: string; en: string }) => string) {
  return roles.length ? (
    roles.map((r) => (
      <Tag key={r} color="blue">
        {label((roleLabels as Record<string, { zh: string; en: string }>)[r] ?? { zh: r, en: r })}
      </Tag>
    ))
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );
}

function Members({ orgId, admin }: { orgId: string; admin: boolean }) {
  const me = useMe();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const members = useAsync(
    (signal) => http.get<{ items: MemberView[] }>(`/api/organisations/${orgId}/members`, undefined, { signal }),
    [orgId],
  );
  const invitations = useAsync(
    (signal) =>
      admin
        ? http.get<{ items: InvitationView[] }>(`/api/organisations/${orgId}/invitations`, undefined, { signal })
        : Promise.resolve({ items: [] as InvitationView[] }),
    [orgId, admin],
  );
  const [inviteOpen, setInviteOpen] = useState(false);
  const [editing, setEditing] = useState<MemberView | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const roleOptions = orgRoles.map((r) => ({ value: r, label: label(roleLabels[r]) }));
  const pending = (invitations.data?.items ?? []).filter((i) => !i.acceptedAt && !i.revokedAt);

  const remove = async (m: MemberView) => {
    setActionError(null);
    try {
      await http.del(`/api/organisations/${orgId}/members/${m.userId}`);
      message.success(t('member.removed', { name: m.name }));
      members.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  const revoke = async (inv: InvitationView) => {
    setActionError(null);
    try {
      await http.del(`/api/organisations/${orgId}/invitations/${inv.id}`);
      message.success(t('invite.revoked', { email: inv.email }));
      invitations.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <>
      <Card
        title={t('member.title')}
        extra={
          admin ? (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setInviteOpen(true)}>
              {t('member.invite')}
            </Button>
          ) : null
        }
      >
        <ActionError error={actionError} onClose={() => setActionError(null)} />
        {members.error ? (
          <LoadError error={members.error} onRetry={members.reload} />
        ) : (
          <Table<MemberView>
            rowKey="userId"
            loading={members.loading}
            dataSource={members.data?.items ?? []}
            pagination={false}
            scroll={{ x: 800 }}
            locale={{ emptyText: <EmptyState description={t('member.empty')} /> }}
            columns={[
              { title: t('user.name'), dataIndex: 'name' },
              { title: t('user.email'), dataIndex: 'email' },
              { title: t('user.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
              {
                title: t('member.admin'),
                dataIndex: 'isAdmin',
                render: (v: boolean) => (v ? <Tag color="purple">{t('member.admin')}</Tag> : '—'),
              },
              { title: t('member.roles'), dataIndex: 'roles', render: (roles: string[]) => roleTags(roles, label) },
              {
                title: t('member.joined'),
                dataIndex: 'joinedAt',
                render: (v: string) => formatDate(v),
                onCell: noWrap,
              },
              ...(admin
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      render: (_: unknown, m: MemberView) => (
                        <Space>
                          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(m)}>
                            {t('action.edit')}
                          </Button>
                          {m.userId !== me.user.id ? (
                            <Popconfirm
                              title={t('member.removeConfirm', { name: m.name })}
                              okText={t('action.remove')}
                              cancelText={t('action.cancel')}
                              onConfirm={() => remove(m)}
                            >
                              <Button size="small" danger icon={<DeleteOutlined />}>
                                {t('action.remove')}
                              </Button>
                            </Popconfirm>
                          ) : null}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {admin ? (
        <Card title={t('invite.pendingTitle')} style={{ marginTop: 16 }}>
          {invitations.error ? (
            <LoadError error={invitations.error} onRetry={invitations.reload} />
          ) : (
            <Table<InvitationView>
              rowKey="id"
              loading={invitations.loading}
              dataSource={pending}
              pagination={false}
              scroll={{ x: 700 }}
              locale={{ emptyText: <EmptyState description={t('invite.pendingEmpty')} /> }}
              columns={[
                { title: t('user.email'), dataIndex: 'email' },
                { title: t('member.roles'), dataIndex: 'roles', render: (roles: string[]) => roleTags(roles, label) },
                {
                  title: t('member.admin'),
                  dataIndex: 'makeAdmin',
                  render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
                },
                {
                  title: t('invite.sentAt'),
                  dataIndex: 'createdAt',
                  render: (v: string) => formatDateTime(v),
                  onCell: noWrap,
                },
                {
                  title: t('invite.expiresAt'),
                  dataIndex: 'expiresAt',
                  render: (v: string) => formatDateTime(v),
                  onCell: noWrap,
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, inv: InvitationView) => (
                    <Popconfirm
                      title={t('invite.revokeConfirm', { email: inv.email })}
                      okText={t('invite.revoke')}
                      cancelText={t('action.cancel')}
                      onConfirm={() => revoke(inv)}
                    >
                      <Button size="small" danger>
                        {t('invite.revoke')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          )}
        </Card>
      ) : null}
      <InviteModal
        open={inviteOpen}
        orgId={orgId}
        roleOptions={roleOptions}
        onClose={() => setInviteOpen(false)}
        onInvited={() => invitations.reload()}
      />
      <EditMemberModal
        member={editing}
        orgId={orgId}
        roleOptions={roleOptions}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          members.reload();
        }}
      />
    </>
  );
}

/**
 * The server builds the link from PUBLIC_URL. When that address cannot work (no PUBLIC_URL and a
 * port chosen at start, shown as :0), the address this page was opened at is the best guess.
 */
function invitationLink(acceptUrl: string): string {
  const url = new URL(acceptUrl, window.location.origin);
  if (url.port === '0') return `${window.location.origin}${url.pathname}${url.search}`;
  return url.toString();
}

interface InviteValues {
  email: string;
  roles: OrgRole[];
  makeAdmin: boolean;
}

function InviteModal({
  open,
  orgId,
  roleOptions,
  onClose,
  onInvited,
}: {
  open: boolean;
  orgId: string;
  roleOptions: { value: string; label: string }[];
  onClose: () => void;
  onInvited: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<InviteValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<InviteResponse | null>(null);

  const close = () => {
    setResult(null);
    setError(null);
    form.resetFields();
    onClose();
  };

  const submit = async (v: InviteValues) => {
    setBusy(true);
    setError(null);
    try {
      const r = await http.post<InviteResponse>(`/api/organisations/${orgId}/invitations`, {
        email: v.email.trim(),
        roles: v.roles ?? [],
        makeAdmin: !!v.makeAdmin,
      });
      setResult(r);
      onInvited();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const acceptUrl = result ? invitationLink(result.acceptUrl) : '';

  return (
    <Modal
      open={open}
      title={t('member.invite')}
      onCancel={close}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={close}>
            {t('action.done')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('action.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()}>
              {t('invite.send')}
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <>
          <Alert
            type="success"
            showIcon
            title={t('invite.created', { email: result.email })}
            style={{ marginBottom: 12 }}
          />
          <Typography.Paragraph>{t('invite.copyLink')}</Typography.Paragraph>
          <Typography.Paragraph
            copyable={{ text: acceptUrl }}
            code
            style={{ wordBreak: 'break-all' }}
            data-testid="accept-url"
          >
            {acceptUrl}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('invite.expiresOn', { at: formatDateTime(result.expiresAt) })}
          </Typography.Text>
        </>
      ) : (
        <>
          <ActionError error={error} onClose={() => setError(null)} />
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ roles: [], makeAdmin: false }}>
            <Form.Item
              name="email"
              label={t('user.email')}
              rules={[{ required: true, message: t('auth.emailRequired') }, zodRule(emailSchema)]}
            >
              <Input inputMode="email" autoComplete="off" />
            </Form.Item>
            <Form.Item name="roles" label={t('member.roles')}>
              <Checkbox.Group options={roleOptions} />
            </Form.Item>
            <Form.Item name="makeAdmin" label={t('member.makeAdmin')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

function EditMemberModal({
  member,
  orgId,
  roleOptions,
  onClose,
  onSaved,
}: {
  member: MemberView | null;
  orgId: string;
  roleOptions: { value: string; label: string }[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ roles: string[]; isAdmin: boolean }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (v: { roles: string[]; isAdmin: boolean }) => {
    if (!member) return;
    setBusy(true);
    setError(null);
    try {
      await http.put(`/api/organisations/${orgId}/members/${member.userId}`, {
        isAdmin: !!v.isAdmin,
        roles: v.roles ?? [],
      });
      message.success(t('member.saved', { name: member.name }));
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!member}
      title={member ? t('member.editTitle', { name: member.name }) : ''}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      <ActionError error={error} onClose={() => setError(null)} />
      {member ? (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            roles: member.roles.filter((r) => (orgRoles as readonly string[]).includes(r)),
            isAdmin: member.isAdmin,
          }}
        >
          <Form.Item name="roles" label={t('member.roles')}>
            <Checkbox.Group options={roleOptions} />
          </Form.Item>
          <Form.Item name="isAdmin" label={t('member.admin')} valuePropName="checked" extra={t('member.adminHint')}>
            <Switch />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
