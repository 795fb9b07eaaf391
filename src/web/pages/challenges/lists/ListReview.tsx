import { App, Button, Card, Col, Form, Input, List, Radio, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { reviewBody } from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { ActionError, LoadError, Loading } from '../../../components/States';
import { StatusTimeline } from '../../../components/StatusTimeline';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { zodRule } from '../../../lib/zodRule';
import { ListSummary } from '../common/ListSummary';
import { ListStatusTag, ListSteps, timelineColours, useStatusText } from '../common/status';
import type { ListDetail } from '../common/types';
import { ReviewOpinions } from './ReviewOpinions';

/**
 * An expert's 论证 of one list: its terms and source needs, the opinions so far, and the opinion
 * form (approve, or ask for revision with comments). "Revise" sends the list back to drafting.
 */
export default function ListReview() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const statusText = useStatusText();
  const detail = useAsync((signal) => http.get<ListDetail>(`/api/challenges/lists/${id}`, undefined, { signal }), [id]);
  const [form] = Form.useForm<{ verdict: 'approve' | 'revise'; comment: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const l = detail.data;

  async function submit(v: { verdict: 'approve' | 'revise'; comment: string }) {
    if (!l) return;
    setBusy(true);
    setError(null);
    try {
      detail.setData(
        await http.post<ListDetail>(`/api/challenges/lists/${l.id}/review`, {
          verdict: v.verdict,
          comment: v.comment.trim(),
          version: l.version,
        }),
      );
      message.success(t('creview.sent'));
      form.resetFields();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (detail.error) return <LoadError error={detail.error} onRetry={detail.reload} />;
  if (!l) return <Loading />;
  const canReview = l.commands.includes('review');
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
        crumbs={[{ title: t('nav.listReviews'), path: '/challenge-review' }, { title: l.title }]}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('clist.lifecycle')}>
          <ListSteps status={l.status} events={l.events} />
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <ListSummary list={l} />
              <Card title={t('clist.sourceNeeds', { n: l.needs.length })}>
                <List
                  size="small"
                  dataSource={l.needs}
                  renderItem={(n) => (
                    <List.Item>
                      <Space wrap size={12}>
                        {n.title}
                        <Typography.Text type="secondary">{n.organisationName}</Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            </Space>
          </Col>
          <Col xs={24} xl={9}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card title={t('creview.formTitle')} data-testid="review-form">
                {canReview ? (
                  <Form form={form} layout="vertical" initialValues={{ verdict: 'approve' }} onFinish={submit}>
                    <ActionError error={error} onClose={() => setError(null)} />
                    <Form.Item name="verdict" label={t('creview.verdict')} rules={[{ required: true }]}>
                      <Radio.Group
                        optionType="button"
                        options={[
                          { value: 'approve', label: t('creview.approve') },
                          { value: 'revise', label: t('creview.revise') },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item
                      name="comment"
                      label={t('creview.comment')}
                      rules={[
                        { required: true, whitespace: true, message: t('creview.commentRequired') },
                        zodRule(reviewBody.shape.comment),
                      ]}
                    >
                      <Input.TextArea rows={5} maxLength={3000} placeholder={t('creview.commentHint')} />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" loading={busy} data-testid="review-submit">
                      {t('creview.submit')}
                    </Button>
                  </Form>
                ) : (
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                    {l.status === 'in_review' ? t('creview.alreadyReviewed') : t('creview.notInReview')}
                  </Typography.Paragraph>
                )}
              </Card>
              <ReviewOpinions list={l} />
              <Card title={t('org.history')}>
                <StatusTimeline
                  events={l.events}
                  statusText={statusText}
                  colours={timelineColours}
                  testId="list-event"
                />
              </Card>
            </Space>
          </Col>
        </Row>
      </Space>
    </>
  );
}
