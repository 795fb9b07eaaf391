import { CopyOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Modal, Typography } from 'antd';
import type { DeviceCredentials } from '../../api/types';
import { useI18n } from '../../i18n';

/**
 * A device's credentials, shown once after provisioning or rotation: the platform keeps only a
 * hash, so closing this is final. Closing needs an explicit click (no mask or Esc dismissal).
 */
export function CredentialsModal({ credentials, onClose }: { credentials: DeviceCredentials; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const copy = (text: string) =>
    navigator.clipboard?.writeText(text).then(
      () => message.success(t('cred.copied')),
      () => undefined,
    );
  // An embedded broker on an ephemeral port (MQTT_PORT=0) is announced as port 0 by the server;
  // a device cannot use that, so say where the real port is printed instead.
  const portZero = credentials.brokerUrl?.match(/^(mqtts?:\/\/[^/]+):0\/?$/);
  const brokerUrl = portZero ? t('cred.brokerPortUnknown', { host: portZero[1] ?? '' }) : credentials.brokerUrl;
  const rows: { key: string; label: string; value: string | null }[] = [
    { key: 'brokerUrl', label: t('cred.brokerUrl'), value: brokerUrl },
    { key: 'clientId', label: t('cred.clientId'), value: credentials.clientId },
    { key: 'username', label: t('cred.username'), value: credentials.username },
    { key: 'password', label: t('cred.password'), value: credentials.password },
    { key: 'topic', label: t('cred.topic'), value: credentials.topic },
  ];
  const all = rows.map((r) => `${r.label}: ${r.value ?? ''}`).join('\n');
  return (
    <Modal
      open
      title={t('cred.title')}
      maskClosable={false}
      keyboard={false}
      closable={false}
      width={640}
      footer={[
        <Button key="copy" icon={<CopyOutlined />} onClick={() => copy(all)}>
          {t('cred.copyAll')}
        </Button>,
        <Button key="ok" type="primary" onClick={onClose} data-testid="credentials-close">
          {t('cred.saved')}
        </Button>,
      ]}
    >
      <Alert
        type="warning"
        showIcon
        icon={<WarningOutlined />}
        title={t('cred.warning')}
        style={{ marginBottom: 16 }}
      />
      <Descriptions column={1} bordered size="small" data-testid="device-credentials">
        {rows.map((r) => (
          <Descriptions.Item key={r.key} label={r.label}>
            {r.value ? (
              <Typography.Text code copyable={{ text: r.value }} data-testid={`cred-${r.key}`}>
                {r.value}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('cred.brokerUnknown')}</Typography.Text>
            )}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Modal>
  );
}
