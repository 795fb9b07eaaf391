import { App, Button, Card, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { answerBody } from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import { ActionError, EmptyState } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { zodRule } from '../../../lib/zodRule';
import type { ListDetail } from '../common/types';

/**
 * Public clarifications (答疑) as the bureau sees them: unanswered questions first, each with its
 * answer box; answers are public at once and the asker is told. Questions are shown as typed.
 */
export function QuestionsPanel({ list, onChanged }: { list: ListDetail; onChanged: (l: ListDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ answer: string }>();
  const canAnswer = list.commands.includes('answer');
  const open = list.questions.filter((q) => !q.answer).length;
  const ordered = [...list.questions].sort((a, b) => Number(!!a.answer) - Number(!!b.answer));

  async function answer(questionId: string, text: string) {
    setBusy(true);
    setError(null);
    try {
      onChanged(await http.post<ListDetail>(`/api/challenges/questions/${questionId}/answer`, { answer: text.trim() }));
      setEditing(null);
      form.resetFields();
      message.success(t('clist.qa.answered'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title={t('hall.qa')}
      extra={open ? <Tag color="orange">{t('clist.qa.open', { n: open })}</Tag> : null}
      data-testid="list-questions"
    >
      <List
        dataSource={ordered}
        locale={{ emptyText: <EmptyState description={t('clist.qa.none')} /> }}
        renderItem={(q) => (
          <List.Item data-testid="question">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text strong style={{ whiteSpace: 'pre-wrap' }}>
                {t('clist.qa.q')}
                {q.question}
              </Typography.Text>
              <Typography.Text type="secondary">{formatDateTime(q.askedAt)}</Typography.Text>
              {q.answer && editing !== q.id ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {t('clist.qa.a')}
                  {q.answer}
                </Typography.Paragraph>
              ) : null}
              {canAnswer && (editing === q.id || !q.answer) ? (
                editing === q.id ? (
                  <Form form={form} layout="vertical" onFinish={(v) => void answer(q.id, v.answer)}>
                    <ActionError error={error} onClose={() => setError(null)} />
                    <Form.Item
                      name="answer"
                      label={t('clist.qa.answerLabel')}
                      rules={[
                        { required: true, whitespace: true, message: t('clist.qa.answerRequired') },
                        zodRule(answerBody.shape.answer),
                      ]}
                    >
                      <Input.TextArea rows={3} maxLength={3000} showCount />
                    </Form.Item>
                    <Space>
                      <Button type="primary" htmlType="submit" loading={busy} data-testid="answer-submit">
                        {t('clist.qa.publish')}
                      </Button>
                      <Button onClick={() => setEditing(null)}>{t('action.cancel')}</Button>
                    </Space>
                  </Form>
                ) : (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      form.resetFields();
                      setEditing(q.id);
                    }}
                    data-testid="answer-open"
                  >
                    {t('clist.qa.answer')}
                  </Button>
                )
              ) : canAnswer && q.answer ? (
                <Button
                  size="small"
                  onClick={() => {
                    form.setFieldsValue({ answer: q.answer ?? '' });
                    setEditing(q.id);
                  }}
                >
                  {t('clist.qa.reanswer')}
                </Button>
              ) : null}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
