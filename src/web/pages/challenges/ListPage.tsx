import { FlagOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { askBody } from '../../../shared/api/challenges';
import { http } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { isBureau } from '../../auth/roles';
import { LinkButton } from '../../components/LinkButton';
import { ActionError, LoadError, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { zodRule } from '../../lib/zodRule';
import { ListSummary } from './common/ListSummary';
import { ListStatusTag } from './common/status';
import type { ListDetail } from './common/types';

/**
 * A published list, for anyone: its terms, the (desensitised) source needs, public clarifications
 * and, while applications are open, the way to apply. Every text is rendered as text: markup typed
 * into a field is shown, never run.
 */
export default function ListPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  const location = useLocation();
  const detail = useAsync(
    (signal) => http.get<ListDetail>(`/api/challenges/lists/${id}`, undefined, { signal }),
    [id, me?.user.id],
  );
  const [form] = Form.useForm<{ question: string }>();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const l = detail.data;

  async function ask(v: { question: string }) {
    setAsking(true);
    setError(null);
    try {
      await http.post(`/api/challenges/lists/${id}/questions`, { question: v.question.trim() });
      form.resetFields();
      message.success(t('hall.asked'));
    } catch (e) {
      setError(e);
    } finally {
      setAsking(false);
    }
  }

  if (detail.error) return <LoadError error={detail.error} onRetry={detail.reload} />;
  if (!l) return <Loading />;
  const now = Date.now();
  const open = l.status === 'published' && Date.parse(l.applyOpensAt) <= now && now < Date.parse(l.applyClosesAt);
  const signIn = `/login?next=${encodeURIComponent(location.pathname)}`;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Link to="/challenges">‹ {t('hall.back')}</Link>
        <Typography.Title level={1} style={{ fontSize: 'clamp(20px, 4vw, 28px)', marginTop: 0, marginBottom: 8 }}>
          {l.title}
        </Typography.Title>
        <Space wrap>
          <ListStatusTag status={l.status} />
          <Typography.Text type="secondary">
            {t('hall.closesAt', { at: formatDateTime(l.applyClosesAt) })}
          </Typography.Text>
        </Space>
      </div>
      {open ? (
        <Alert
          type="success"
          showIcon
          title={t('hall.openForApplications')}
          description={t('hall.openHint')}
          action={
            <LinkButton
              type="primary"
              icon={<FlagOutlined />}
              to={
                me
                  ? `/challenges/apply/mine?listId=${l.id}`
                  : `/login?next=${encodeURIComponent(`/challenges/apply/mine?listId=${l.id}`)}`
              }
              data-testid="hall-apply"
            >
              {t('hall.apply')}
            </LinkButton>
          }
        />
      ) : null}
      {me && isBureau(me) ? <Link to={`/challenge-admin/lists/${l.id}`}>{t('hall.openInWorkspace')}</Link> : null}
      <ListSummary list={l} />
      {l.needs.length ? (
        <Card title={t('hall.sourceNeeds')}>
          <List
            size="small"
            dataSource={l.needs}
            renderItem={(n) => (
              <List.Item>
                <Space wrap size={12}>
                  {n.title}
                  {n.organisationName ? <Typography.Text type="secondary">{n.organisationName}</Typography.Text> : null}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <Card title={t('hall.qa')} data-testid="hall-qa">
        <List
          locale={{ emptyText: t('hall.qaEmpty') }}
          dataSource={l.questions.filter((q) => q.answer)}
          renderItem={(q) => (
            <List.Item>
              <List.Item.Meta
                title={<span style={{ whiteSpace: 'pre-wrap' }}>{q.question}</span>}
                description={<span style={{ whiteSpace: 'pre-wrap' }}>{q.answer}</span>}
              />
            </List.Item>
          )}
        />
        {me ? (
          <Form form={form} layout="vertical" onFinish={ask} style={{ marginTop: 16 }}>
            <ActionError error={error} onClose={() => setError(null)} />
            <Form.Item
              name="question"
              label={t('hall.askLabel')}
              extra={t('hall.askHint')}
              rules={[
                { required: true, whitespace: true, message: t('hall.askRequired') },
                zodRule(askBody.shape.question),
              ]}
            >
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
            <Button htmlType="submit" loading={asking} data-testid="hall-ask">
              {t('hall.askSubmit')}
            </Button>
          </Form>
        ) : (
          <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
            <Link to={signIn}>{t('hall.signInToAsk')}</Link>
          </Typography.Paragraph>
        )}
      </Card>
    </Space>
  );
}
