import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { deviceCreateBody } from '../../../shared/api/devices';
import { http } from '../../api/client';
import type { DeviceWithCredentials } from '../../api/types';
import { ActionError } from '../../components/States';
import { telemetryApi } from '../../components/telemetry/endpoints';
import { InstrumentSelect } from '../../components/telemetry/InstrumentSelect';
import { useI18n } from '../../i18n';
import { zodRule } from '../../lib/zodRule';

/** Provision a sensor for an instrument; the answer carries the credentials, shown next and only once. */
export function ProvisionModal({
  instrumentId,
  onClose,
  onCreated,
}: {
  instrumentId?: string;
  onClose: () => void;
  onCreated: (created: DeviceWithCredentials) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ instrumentId: string; label?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      onCreated(
        await http.post<DeviceWithCredentials>(telemetryApi.devices, { ...values, label: values.label || undefined }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('devices.create')}
      onCancel={onClose}
      onOk={submit}
      okText={t('devices.create')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'device-create-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <ActionError error={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" initialValues={{ instrumentId }}>
        <Form.Item
          name="instrumentId"
          label={t('devices.instrument')}
          extra={t('devices.instrumentPick')}
          rules={[{ required: true, message: t('devices.instrumentRequired') }]}
        >
          <InstrumentSelect />
        </Form.Item>
        <Form.Item
          name="label"
          label={t('devices.label')}
          extra={t('devices.labelHint')}
          rules={[zodRule(deviceCreateBody.shape.label, { optional: true })]}
        >
          <Input maxLength={100} data-testid="device-label" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
