import { MergeCellsOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { mergeBody } from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import { ActionError, LoadError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { zodRule } from '../../../lib/zodRule';
import type { Duplicate, NeedDetail } from '../common/types';
import { DuplicateList } from './DuplicateList';

/**
 * The officer's duplicates panel: needs of the same batch ranked by jieba similarity. Picked ones
 * are merged into this need, or this need into one of them; sources stay linked to the survivor
 * and their enterprises are told (the server does both).
 */
export function DuplicatesPanel({ need, onMerged }: { need: NeedDetail; onMerged: (n: NeedDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const dups = useAsync(
    (signal) => http.get<Duplicate[]>(`/api/challenges/needs/${need.id}/duplicates`, undefined, { signal }),
    [need.id, need.version],
  );
  const [picked, setPicked] = useState<string[]>([]);
  const [merge, setMerge] = useState<{ targetId: string; sourceIds: string[]; title: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ reason: string }>();

  async function run(reason: string) {
    if (!merge) return;
    setBusy(true);
    setError(null);
    try {
      const target = await http.post<NeedDetail>('/api/challenges/needs/merge', {
        targetId: merge.targetId,
        sourceIds: merge.sourceIds,
        reason: reason.trim(),
      });
      message.success(t('need.dup.merged', { n: merge.sourceIds.length, title: target.title }));
      setMerge(null);
      setPicked([]);
      form.resetFields();
      if (target.id === need.id) onMerged(target);
      else navigate(`/challenge-admin/needs/${target.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const items = dups.data ?? [];
  return (
    <Card
      title={t('need.dup.title')}
      data-testid="duplicates-panel"
      extra={
        <Button
          type="primary"
          icon={<MergeCellsOutlined />}
          disabled={!picked.length}
          onClick={() => setMerge({ targetId: need.id, sourceIds: picked, title: need.title })}
          data-testid="merge-into-this"
        >
          {t('need.dup.mergeIntoThis', { n: picked.length })}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('need.dup.lead')}</Typography.Paragraph>
      {dups.error ? <LoadError error={dups.error} onRetry={dups.reload} /> : null}
      <DuplicateList
        items={items}
        link={(d) => (
          <Space>
            <Checkbox
              checked={picked.includes(d.id)}
              onChange={(e) => setPicked((p) => (e.target.checked ? [...p, d.id] : p.filter((x) => x !== d.id)))}
              aria-label={t('need.dup.pick', { title: d.title })}
            />
            <Link to={`/challenge-admin/needs/${d.id}`}>{d.title}</Link>
          </Space>
        )}
        extra={(d) => (
          <Button size="small" onClick={() => setMerge({ targetId: d.id, sourceIds: [need.id], title: d.title })}>
            {t('need.dup.mergeThisInto')}
          </Button>
        )}
      />
      <Modal
        open={!!merge}
        title={merge ? t('need.dup.confirm', { n: merge.sourceIds.length, title: merge.title }) : ''}
        okText={t('need.dup.mergeOk')}
        okButtonProps={{ 'data-testid': 'merge-ok' }}
        cancelText={t('action.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setMerge(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('need.dup.confirmHint')}</Typography.Paragraph>
        <ActionError error={error} onClose={() => setError(null)} />
        <Form form={form} layout="vertical" onFinish={(v) => void run(v.reason)}>
          <Form.Item
            name="reason"
            label={t('orgs.reason')}
            rules={[
              { required: true, whitespace: true, message: t('need.dup.reasonRequired') },
              zodRule(mergeBody.shape.reason),
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
