import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { updateBatchBody } from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import { ActionError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { applyServerErrors } from '../../../lib/applyServerErrors';
import { zodRule } from '../../../lib/zodRule';
import type { Batch } from '../common/types';
import { DirectionRow } from './DirectionRow';

interface Values {
  title: string;
  window: [Dayjs, Dayjs];
  addDirections: { code: string; name: string; nameEn?: string }[];
}

/**
 * Changing a batch: its title, its collection window (most often extended) and directions added.
 * Existing directions stay as they are, since needs already point at them.
 */
export function BatchEditModal({
  batch,
  open,
  onClose,
  onSaved,
}: {
  batch: Batch;
  open: boolean;
  onClose: () => void;
  onSaved: (b: Batch) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (open)
      form.setFieldsValue({
        title: batch.title,
        window: [dayjs(batch.needsOpenAt), dayjs(batch.needsCloseAt)],
        addDirections: [],
      });
  }, [open, batch, form]);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await http.put<Batch>(`/api/challenges/batches/${batch.id}`, {
          title: v.title.trim(),
          needsOpenAt: v.window[0].toISOString(),
          needsCloseAt: v.window[1].toISOString(),
          addDirections: (v.addDirections ?? []).map((d) => ({
            code: d.code.trim(),
            name: d.name.trim(),
            nameEn: d.nameEn?.trim() || undefined,
          })),
        }),
      );
    } catch (e) {
      applyServerErrors(form, e, { CHALLENGE_WINDOW_INVALID: ['window'] });
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      width={760}
      title={t('cbatch.edit')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <ActionError error={error} onClose={() => setError(null)} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="title"
          label={t('cbatch.title')}
          rules={[
            { required: true, message: t('cbatch.titleRequired') },
            zodRule(updateBatchBody.shape.title.unwrap()),
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="window"
          label={t('cbatch.window')}
          extra={t('cbatch.windowHint')}
          rules={[{ required: true, message: t('cbatch.windowRequired') }]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Typography.Title level={5}>{t('cbatch.addDirections')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('cbatch.addDirectionsHint')}</Typography.Paragraph>
        <Form.List name="addDirections">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <DirectionRow key={f.key} name={f.name} index={i} onRemove={() => remove(f.name)} />
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ code: '', name: '' })}>
                {t('cbatch.dirAdd')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
