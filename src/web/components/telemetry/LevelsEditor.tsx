import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Row,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { powerLevels } from '../../../shared/api/telemetry';
import { http } from '../../api/client';
import type { LevelsResponse, LevelsUpdateResult, PowerLevelsBody } from '../../api/types';
import { type MessageKey, useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { zodRule } from '../../lib/zodRule';
import { ActionError } from '../States';
import { telemetryApi } from './endpoints';

const fields = ['idleW', 'workingW', 'hysteresisW', 'onDelayS', 'offDelayS', 'offlineAfterS'] as const;

/** Save a new version of an instrument's levels, optionally recomputing hours since a date. */
export async function saveLevels(instrumentId: string, body: PowerLevelsBody) {
  return http.put<LevelsUpdateResult>(telemetryApi.levels(instrumentId), body);
}

/** The levels in force, their history, and (for managers) a form for the next version. */
export function LevelsEditor({
  levels,
  canManage,
  onSaved,
}: {
  levels: LevelsResponse;
  canManage: boolean;
  onSaved: (next: LevelsUpdateResult) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Omit<PowerLevelsBody, 'reprocessFrom'> & { reprocessFrom?: Dayjs }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const res = await saveLevels(levels.instrumentId, {
        ...v,
        source: 'manual',
        note: v.note || undefined,
        reprocessFrom: v.reprocessFrom ? v.reprocessFrom.format('YYYY-MM-DD') : undefined,
      });
      message.success(t('levels.saved', { v: res.current.version }));
      if (res.reprocessed)
        message.info(
          t('levels.reprocessed', { readings: res.reprocessed.readings, segments: res.reprocessed.segments }),
        );
      onSaved(res);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('levels.title')} data-testid="levels-editor">
      <Typography.Paragraph type="secondary">{t('levels.lead')}</Typography.Paragraph>
      {canManage ? (
        <>
          <ActionError error={error} onClose={() => setError(null)} />
          <Form form={form} layout="vertical" initialValues={levels.current}>
            <Row gutter={16}>
              {fields.map((f) => (
                <Col key={f} xs={12} md={8}>
                  <Form.Item name={f} label={t(`levels.${f}` as MessageKey)} rules={[zodRule(powerLevels.shape[f])]}>
                    <InputNumber style={{ width: '100%' }} min={0} />
                  </Form.Item>
                </Col>
              ))}
              <Col xs={24} md={12}>
                <Form.Item name="reprocessFrom" label={t('levels.reprocessFrom')} extra={t('levels.reprocessHint')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="note" label={t('levels.note')} rules={[{ max: 500 }]}>
                  <Input maxLength={500} />
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" onClick={submit} loading={busy} data-testid="levels-save">
              {t('levels.save')}
            </Button>
          </Form>
        </>
      ) : (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            {fields.map((f) => (
              <Descriptions.Item key={f} label={t(`levels.${f}` as MessageKey)}>
                {levels.current[f]}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Typography.Text type="secondary">{t('levels.readOnly')}</Typography.Text>
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('levels.history')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="version"
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
        scroll={{ x: 700 }}
        dataSource={levels.history}
        locale={{ emptyText: t('levels.defaults') }}
        columns={[
          { title: t('levels.version'), dataIndex: 'version' },
          {
            title: t('levels.source'),
            dataIndex: 'source',
            render: (s: string) => (s === 'manual' || s === 'calibration' ? t(`levels.source.${s}` as MessageKey) : s),
          },
          { title: t('levels.idleW'), dataIndex: 'idleW' },
          { title: t('levels.workingW'), dataIndex: 'workingW' },
          { title: t('levels.hysteresisW'), dataIndex: 'hysteresisW' },
          { title: t('devices.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at) },
          { title: t('levels.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
        ]}
      />
    </Card>
  );
}
