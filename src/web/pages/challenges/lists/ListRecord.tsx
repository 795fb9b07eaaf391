import {
  AuditOutlined,
  EditOutlined,
  EyeOutlined,
  SendOutlined,
  StopOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Col, Form, List, Modal, Row, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isPublicListStatus } from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeader } from '../../../components/PageHeader';
import { ReasonField } from '../../../components/ReasonField';
import { ActionError, EmptyState, LoadError, Loading } from '../../../components/States';
import { StatusTimeline } from '../../../components/StatusTimeline';
import { type MessageKey, useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { ListSummary } from '../common/ListSummary';
import { ListStatusTag, ListSteps, timelineColours, useStatusText } from '../common/status';
import type { ListDetail } from '../common/types';
import { QuestionsPanel } from './QuestionsPanel';
import { ReviewOpinions } from './ReviewOpinions';

type Command = 'submit_review' | 'publish' | 'withdraw';
const SPECS: Record<Command, { icon: ReactNode; reasonRequired: boolean; primary?: boolean; danger?: boolean }> = {
  submit_review: { icon: <SendOutlined />, reasonRequired: false, primary: true },
  publish: { icon: <UploadOutlined />, reasonRequired: false, primary: true },
  withdraw: { icon: <StopOutlined />, reasonRequired: true, danger: true },
};

/**
 * A list in the bureau's hands: its lifecycle and who acts next, the actions allowed now (edit,
 * send to 论证, publish, withdraw), the source needs, the experts' opinions, public Q&A to answer,
 * and, once published, the way to the applications desk.
 */
export default function ListRecord() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const statusText = useStatusText();
  const detail = useAsync((signal) => http.get<ListDetail>(`/api/challenges/lists/${id}`, undefined, { signal }), [id]);
  const [pending, setPending] = useState<Command | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ reason?: string }>();
  const l = detail.data;

  async function run(command: Command, reason?: string) {
    if (!l) return;
    setBusy(true);
    setError(null);
    try {
      const next = await http.post<ListDetail>(`/api/challenges/lists/${l.id}/${command.replace('_', '-')}`, {
        reason: reason?.trim() || undefined,
        version: l.version,
      });
      detail.setData(next);
      setPending(null);
      form.resetFields();
      message.success(t('clist.done', { action: t(`clist.cmd.${command}` as MessageKey) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (detail.error) return <LoadError error={detail.error} onRetry={detail.reload} />;
  if (!l) return <Loading />;
  const commands = (Object.keys(SPECS) as Command[]).filter((c) => l.commands.includes(c));
  const isPublic = isPublicListStatus(l.status);
  const spec = pending ? SPECS[pending] : null;

  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            {l.title}
            <ListStatusTag status={l.status} />
          </Space>
        }
        subTitle={l.code}
        crumbs={[{ title: t('nav.challengeLists'), path: '/challenge-admin/lists' }, { title: l.title }]}
        extra={
          <>
            {l.commands.includes('edit') ? (
              <LinkButton
                icon={<EditOutlined />}
                to={`/challenge-admin/lists/${l.id}/edit`}
                data-testid="list-action-edit"
              >
                {t('action.edit')}
              </LinkButton>
            ) : null}
            {commands.map((c) => (
              <Button
                key={c}
                icon={SPECS[c].icon}
                type={SPECS[c].primary ? 'primary' : 'default'}
                danger={SPECS[c].danger}
                onClick={() => {
                  setError(null);
                  setPending(c);
                }}
                data-testid={`list-action-${c}`}
              >
                {t(`clist.cmd.${c}` as MessageKey)}
              </Button>
            ))}
            {isPublic ? (
              <>
                <LinkButton
                  icon={<AuditOutlined />}
                  to={`/challenges/apply/screening?listId=${l.id}`}
                  data-testid="list-screening"
                >
                  {t('nav.chalScreening')}
                </LinkButton>
                <LinkButton icon={<EyeOutlined />} to={`/challenges/${l.id}`}>
                  {t('clist.publicPage')}
                </LinkButton>
              </>
            ) : null}
          </>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('clist.lifecycle')}>
          <ListSteps status={l.status} events={l.events} />
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <ListSummary list={l} />
              <Card title={t('clist.sourceNeeds', { n: l.needs.length })} data-testid="list-needs">
                <List
                  size="small"
                  dataSource={l.needs}
                  locale={{ emptyText: <EmptyState description={t('clist.noNeeds')} /> }}
                  renderItem={(n) => (
                    <List.Item>
                      <Link to={`/challenge-admin/needs/${n.id}`}>{n.title}</Link>
                      <Typography.Text type="secondary">{n.organisationName}</Typography.Text>
                    </List.Item>
                  )}
                />
              </Card>
              <ReviewOpinions list={l} />
              {isPublic ? <QuestionsPanel list={l} onChanged={detail.setData} /> : null}
            </Space>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={t('org.history')} data-testid="list-history">
              <StatusTimeline events={l.events} statusText={statusText} colours={timelineColours} testId="list-event" />
            </Card>
          </Col>
        </Row>
      </Space>
      <Modal
        open={!!pending}
        title={pending ? t(`clist.confirm.${pending}` as MessageKey, { title: l.title }) : ''}
        okText={pending ? t(`clist.cmd.${pending}` as MessageKey) : ''}
        okButtonProps={{ danger: spec?.danger, 'data-testid': 'list-action-ok' }}
        cancelText={t('action.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        {pending ? (
          <Typography.Paragraph type="secondary">{t(`clist.hint.${pending}` as MessageKey)}</Typography.Paragraph>
        ) : null}
        <ActionError error={error} onClose={() => setError(null)} />
        <Form form={form} layout="vertical" onFinish={(v) => pending && void run(pending, v.reason)}>
          {spec?.reasonRequired ? <ReasonField required requiredMessage={t('clist.reasonRequired')} /> : null}
        </Form>
      </Modal>
    </>
  );
}
