import { App, Button, Card, Form, Input, InputNumber, Modal, Progress, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { http } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { ActionError, EmptyState, LoadError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';

interface Criterion {
  key: string;
  labelZh: string;
  labelEn: string;
  weight: number;
  max?: number;
}
interface Task {
  id: string;
  applicationId: string;
  listTitle: string;
  alias: string;
  organisationName: string | null;
  status: string;
  total: number | null;
  scores: Record<string, number> | null;
  comment: string | null;
  rubric: Criterion[];
}

/** The expert's review tasks with progress, the weighted rubric form, and declining for a conflict. */
export default function Reviews() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [scoring, setScoring] = useState<Task | null>(null);
  const [declining, setDeclining] = useState<Task | null>(null);
  const [reason, setReason] = useState('');
  const [form] = Form.useForm();
  const tasks = useAsync(
    (signal) =>
      http.get<{ items: Task[]; done: number; total: number }>('/api/challenge-reviews/mine', undefined, { signal }),
    [],
  );
  const done = tasks.data?.done ?? 0;
  const total = tasks.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title={t('nav.chalReviews')}
        crumbs={[{ title: t('nav.chalReviews') }]}
        subTitle={t('chal.review.progress', { done, total })}
      />
      {error ? <ActionError error={error} onClose={() => setError(null)} /> : null}
      <Card>
        <Progress
          percent={total ? Math.round((done / total) * 100) : 0}
          format={() => t('chal.review.progress', { done, total })}
        />
        {tasks.error ? <LoadError error={tasks.error} onRetry={tasks.reload} /> : null}
        <Table<Task>
          rowKey="id"
          loading={tasks.loading}
          dataSource={tasks.data?.items ?? []}
          locale={{ emptyText: <EmptyState description={t('chal.review.empty')} /> }}
          pagination={false}
          scroll={{ x: 800 }}
          columns={[
            { title: t('chal.list'), dataIndex: 'listTitle' },
            {
              title: t('chal.alias'),
              dataIndex: 'alias',
              render: (v, r) => (
                <Link to={`/challenges/apply/applications/${r.applicationId}`}>{r.organisationName ?? v}</Link>
              ),
            },
            {
              title: t('chal.status'),
              dataIndex: 'status',
              render: (v: string) =>
                ['assigned', 'submitted', 'declined'].includes(v)
                  ? t(`chal.reviewStatus.${v}` as 'chal.reviewStatus.assigned')
                  : v,
            },
            { title: t('chal.review.total'), dataIndex: 'total', render: (v) => v ?? '—' },
            {
              title: '',
              key: 'actions',
              render: (_, r) =>
                r.status === 'declined' ? null : (
                  <Space>
                    <Button
                      type="primary"
                      onClick={() => {
                        form.setFieldsValue({ ...(r.scores ?? {}), comment: r.comment ?? '' });
                        setScoring(r);
                      }}
                    >
                      {t('chal.review.score')}
                    </Button>
                    {r.status === 'assigned' ? (
                      <Button onClick={() => setDeclining(r)}>{t('chal.review.decline')}</Button>
                    ) : null}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={scoring !== null}
        title={`${t('chal.review.score')} · ${scoring?.alias ?? ''}`}
        onCancel={() => setScoring(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v: Record<string, number | string>) => {
            const task = scoring as Task;
            const scores = Object.fromEntries(task.rubric.map((c) => [c.key, Number(v[c.key])]));
            try {
              await http.post(`/api/challenge-reviews/${task.id}/score`, { scores, comment: String(v.comment ?? '') });
              message.success(t('chal.saved'));
              setScoring(null);
              tasks.reload();
            } catch (e) {
              setError(e);
            }
          }}
        >
          {(scoring?.rubric ?? []).map((c) => (
            <Form.Item
              key={c.key}
              name={c.key}
              label={`${label({ zh: c.labelZh, en: c.labelEn })}（${c.weight}%）`}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={c.max ?? 100} addonAfter={`/ ${c.max ?? 100}`} />
            </Form.Item>
          ))}
          <Form.Item name="comment" label={t('chal.review.comment')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={declining !== null}
        title={t('chal.review.decline')}
        onCancel={() => setDeclining(null)}
        onOk={async () => {
          try {
            await http.post(`/api/challenge-reviews/${declining?.id}/decline`, { reason });
            setDeclining(null);
            setReason('');
            tasks.reload();
          } catch (e) {
            setError(e);
          }
        }}
      >
        <Input.TextArea
          aria-label={t('chal.review.declineReason')}
          placeholder={t('chal.review.declineReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
