import { CheckOutlined, EditOutlined, PauseCircleOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Modal, Row, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useParams } from 'react-router';
import type { OrganisationStatus } from '../../../shared/roles';
import { http } from '../../api/client';
import type { OrganisationDetail } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { canReview, isBureauAdmin } from '../../auth/roles';
import { EditOrganisationModal } from '../../components/EditOrganisationModal';
import { OrgSteps, OrgSummary, OrgTimeline } from '../../components/OrgLifecycle';
import { PageHeader } from '../../components/PageHeader';
import { ReasonField } from '../../components/ReasonField';
import { ActionError, LoadError, Loading } from '../../components/States';
import { OrgStatusTag } from '../../components/StatusTag';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';

type Action = 'verify' | 'reject' | 'suspend' | 'reinstate';

interface ActionSpec {
  label: MessageKey;
  confirm: MessageKey;
  icon: ReactNode;
  reasonRequired: boolean;
  danger?: boolean;
  primary?: boolean;
}

const SPECS: Record<Action, ActionSpec> = {
  verify: {
    label: 'orgs.verify',
    confirm: 'orgs.verifyConfirm',
    icon: <CheckOutlined />,
    reasonRequired: false,
    primary: true,
  },
  reject: {
    label: 'orgs.reject',
    confirm: 'orgs.rejectConfirm',
    icon: <RollbackOutlined />,
    reasonRequired: true,
    danger: true,
  },
  suspend: {
    label: 'orgs.suspend',
    confirm: 'orgs.suspendConfirm',
    icon: <PauseCircleOutlined />,
    reasonRequired: true,
    danger: true,
  },
  reinstate: {
    label: 'orgs.reinstate',
    confirm: 'orgs.reinstateConfirm',
    icon: <StopOutlined />,
    reasonRequired: false,
    primary: true,
  },
};

/** The actions allowed from each status; nothing else is offered. */
const ALLOWED: Record<OrganisationStatus, Action[]> = {
  registered: ['verify', 'reject'],
  verified: ['suspend'],
  // A returned registration is the organisation's to correct and resubmit.
  rejected: [],
  suspended: ['reinstate'],
};

export default function OrganisationRecord() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const detail = useAsync(
    (signal) => http.get<OrganisationDetail>(`/api/organisations/${id}`, undefined, { signal }),
    [id],
  );
  const [pending, setPending] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ reason?: string }>();

  const run = async (action: Action, reason?: string) => {
    setBusy(true);
    setError(null);
    try {
      const next = await http.post<OrganisationDetail>(`/api/organisations/${id}/${action}`, {
        reason: reason?.trim() || undefined,
      });
      detail.setData(next);
      detail.reload();
      message.success(t('orgs.actionDone', { action: t(SPECS[action].label) }));
      setPending(null);
      form.resetFields();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const org = detail.data;
  const reviewer = canReview(me);
  const actions = org && reviewer ? ALLOWED[org.status] : [];
  const spec = pending ? SPECS[pending] : null;

  return (
    <>
      <PageHeader
        title={
          org ? (
            <Space wrap>
              {org.name}
              <OrgStatusTag status={org.status} />
            </Space>
          ) : (
            t('orgs.record')
          )
        }
        crumbs={[
          { title: t('nav.organisations'), path: '/admin/organisations' },
          { title: org?.name ?? t('orgs.record') },
        ]}
        extra={[
          ...(org && isBureauAdmin(me)
            ? [
                <Button key="edit" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('myOrg.edit')}
                </Button>,
              ]
            : []),
          ...actions.map((a) => (
            <Button
              key={a}
              type={SPECS[a].primary ? 'primary' : 'default'}
              danger={SPECS[a].danger}
              icon={SPECS[a].icon}
              onClick={() => {
                setError(null);
                setPending(a);
              }}
              data-testid={`org-action-${a}`}
            >
              {t(SPECS[a].label)}
            </Button>
          )),
        ]}
      />
      {editing && org ? (
        <EditOrganisationModal org={org} onClose={() => setEditing(false)} onSaved={() => detail.reload()} />
      ) : null}
      {detail.loading && !org ? (
        <Loading what={t('orgs.loadingRecord')} />
      ) : detail.error && !org ? (
        <LoadError error={detail.error} onRetry={detail.reload} />
      ) : org ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('org.lifecycle')}>
            <OrgSteps org={org} />
            {actions.length === 0 ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                {!reviewer
                  ? t('orgs.readOnly')
                  : org.status === 'rejected'
                    ? t('orgs.noActionsRejected')
                    : t('orgs.noActions')}
              </Typography.Paragraph>
            ) : null}
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Card title={t('org.summary')}>
                <OrgSummary org={org} />
                {!org.creditCodeChecked ? (
                  <Typography.Paragraph type="warning" style={{ marginTop: 12, marginBottom: 0 }}>
                    {t('orgs.checksumOverridden')}
                  </Typography.Paragraph>
                ) : null}
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card title={t('org.history')} data-testid="org-history">
                <OrgTimeline org={org} />
              </Card>
            </Col>
          </Row>
        </Space>
      ) : null}
      <Modal
        open={!!pending}
        title={pending && spec && org ? t(spec.confirm, { name: org.name }) : ''}
        okText={spec ? t(spec.label) : ''}
        okButtonProps={{ danger: spec?.danger, 'data-testid': 'org-action-confirm' }}
        cancelText={t('action.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => {
          setPending(null);
          setError(null);
        }}
        destroyOnHidden
      >
        <ActionError error={error} onClose={() => setError(null)} />
        <Form form={form} layout="vertical" onFinish={(v) => pending && void run(pending, v.reason)}>
          <ReasonField required={!!spec?.reasonRequired} requiredMessage={t('orgs.reasonRequired')} />
        </Form>
      </Modal>
    </>
  );
}
