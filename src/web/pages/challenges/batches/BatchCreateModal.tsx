import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, Modal, Row, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { createBatchBody } from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import { RegionCascader } from '../../../components/RegionCascader';
import { ActionError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { applyServerErrors } from '../../../lib/applyServerErrors';
import { zodRule } from '../../../lib/zodRule';
import type { Batch } from '../common/types';
import { DirectionRow } from './DirectionRow';
import { PolicyFields, type PolicyValues, toPolicyInput } from './PolicyFields';

interface Values extends PolicyValues {
  code: string;
  title: string;
  titleEn?: string;
  regionCode: string;
  window: [Dayjs, Dayjs];
  directions: { code: string; name: string; nameEn?: string }[];
}

/**
 * Opening a batch: its code and title, the bureau's region, the need-collection window, the
 * innovation directions (copyable from the latest batch) and the first subsidy policy version.
 */
export function BatchCreateModal({
  open,
  onClose,
  onCreated,
  latest,
  regionCode,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (b: Batch) => void;
  latest: Batch | undefined;
  regionCode: string | undefined;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const b = await http.post<Batch>('/api/challenges/batches', {
        code: v.code.trim(),
        title: v.title.trim(),
        titleEn: v.titleEn?.trim() || undefined,
        regionCode: v.regionCode,
        needsOpenAt: v.window[0].toISOString(),
        needsCloseAt: v.window[1].toISOString(),
        directions: v.directions.map((d) => ({
          code: d.code.trim(),
          name: d.name.trim(),
          nameEn: d.nameEn?.trim() || undefined,
        })),
        policy: toPolicyInput(v),
      });
      form.resetFields();
      onCreated(b);
    } catch (e) {
      applyServerErrors(form, e, {
        CHALLENGE_BATCH_CODE_TAKEN: ['code'],
        CHALLENGE_WINDOW_INVALID: ['window'],
        REGION_UNKNOWN: ['regionCode'],
      });
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      width={820}
      title={t('cbatch.new')}
      okText={t('cbatch.create')}
      okButtonProps={{ 'data-testid': 'batch-create-ok' }}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <ActionError error={error} onClose={() => setError(null)} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          regionCode,
          directions: [{ code: '', name: '' }],
          ratioPct: 50,
          capWan: 300,
          base: 'tech_trade_amount',
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={t('cbatch.code')}
              extra={t('cbatch.codeHint')}
              rules={[{ required: true, message: t('cbatch.codeRequired') }, zodRule(createBatchBody.shape.code)]}
            >
              <Input maxLength={32} placeholder="2026-03" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="title"
              label={t('cbatch.title')}
              rules={[{ required: true, message: t('cbatch.titleRequired') }, zodRule(createBatchBody.shape.title)]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="regionCode"
              label={t('cbatch.region')}
              rules={[{ required: true, message: t('cbatch.regionRequired') }]}
            >
              <RegionCascader changeOnSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="window"
              label={t('cbatch.window')}
              rules={[{ required: true, message: t('cbatch.windowRequired') }]}
            >
              <DatePicker.RangePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="titleEn" label={t('cbatch.titleEn')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>
          <Space>
            {t('cbatch.directions')}
            {latest ? (
              <Button
                size="small"
                icon={<CopyOutlined />}
                onClick={() =>
                  form.setFieldValue(
                    'directions',
                    latest.directions.map((d) => ({ code: d.code, name: d.name, nameEn: d.nameEn ?? undefined })),
                  )
                }
              >
                {t('cbatch.copyDirections', { code: latest.code, n: latest.directions.length })}
              </Button>
            ) : null}
          </Space>
        </Typography.Title>
        <Form.List
          name="directions"
          rules={[
            {
              validator: async (_, rows: unknown[] | undefined) => {
                if (!rows?.length) throw new Error(t('cbatch.directionsRequired'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <DirectionRow
                  key={f.key}
                  name={f.name}
                  index={i}
                  onRemove={() => remove(f.name)}
                  removable={fields.length > 1}
                />
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ code: '', name: '' })}
                disabled={fields.length >= 60}
              >
                {t('cbatch.dirAdd')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('cbatch.policy')}
        </Typography.Title>
        <PolicyFields />
      </Form>
    </Modal>
  );
}
