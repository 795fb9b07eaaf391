import { KeyOutlined, LineChartOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Table,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { deviceRetireBody } from '../../../shared/api/devices';
import { http } from '../../api/client';
import type { DeviceDetail, DeviceWithCredentials } from '../../api/types';
import { LinkButton } from '../../components/LinkButton';
import { PageHeader } from '../../components/PageHeader';
import { ActionError, LoadError, Loading } from '../../components/States';
import { CredentialsModal } from '../../components/telemetry/CredentialsModal';
import { DeadLetters } from '../../components/telemetry/DeadLetters';
import { telemetryApi } from '../../components/telemetry/endpoints';
import { InstrumentSelect } from '../../components/telemetry/InstrumentSelect';
import { reasonText } from '../../components/telemetry/reasons';
import { type MessageKey, useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { zodRule } from '../../lib/zodRule';

type Dialog = 'retire' | 'move' | null;

/** One sensor: where it is fitted and has been, its health, and the manager's actions. */
export default function DeviceRecord() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const device = useAsync((signal) => http.get<DeviceDetail>(telemetryApi.device(id), undefined, { signal }), [id]);
  const [credentials, setCredentials] = useState<DeviceWithCredentials['credentials'] | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ reason?: string; instrumentId?: string }>();
  const [targetName, setTargetName] = useState('');

  if (device.error) return <LoadError error={device.error} onRetry={device.reload} />;
  if (!device.data) return <Loading />;
  const d = device.data;
  const active = d.status === 'active';

  const rotate = () =>
    modal.confirm({
      title: t('devices.rotate'),
      content: t('devices.rotateConfirm'),
      okText: t('devices.rotate'),
      onOk: async () => {
        try {
          const res = await http.post<DeviceWithCredentials>(telemetryApi.rotate(d.id), {});
          device.setData(res.device);
          setCredentials(res.credentials);
          message.success(t('devices.rotated'));
        } catch (e) {
          setError(e);
        }
      },
    });

  const submitDialog = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      if (dialog === 'retire') {
        device.setData(await http.post<DeviceDetail>(telemetryApi.retire(d.id), { reason: values.reason }));
        message.success(t('devices.retired'));
      } else {
        device.setData(
          await http.post<DeviceDetail>(telemetryApi.move(d.id), {
            instrumentId: values.instrumentId,
            reason: values.reason || undefined,
          }),
        );
        message.success(t('devices.moved', { name: targetName }));
      }
      setDialog(null);
      form.resetFields();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={
          <>
            {t('devices.detail')} <Typography.Text code>{d.id}</Typography.Text>
          </>
        }
        crumbs={[{ title: t('nav.devices'), path: '/devices' }, { title: d.id }]}
        subTitle={d.label ?? undefined}
        extra={
          <>
            <LinkButton to={`/telemetry/instruments/${d.instrumentId}`} icon={<LineChartOutlined />}>
              {t('devices.viewTrace')}
            </LinkButton>
            {d.canManage && active ? (
              <>
                <Button icon={<KeyOutlined />} onClick={rotate} data-testid="device-rotate">
                  {t('devices.rotate')}
                </Button>
                <Button icon={<SwapOutlined />} onClick={() => setDialog('move')} data-testid="device-move">
                  {t('devices.move')}
                </Button>
                <Button danger icon={<StopOutlined />} onClick={() => setDialog('retire')} data-testid="device-retire">
                  {t('devices.retire')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      {dialog === null ? <ActionError error={error} onClose={() => setError(null)} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="device-summary">
              <Descriptions.Item label={t('devices.col.status')}>
                <Badge
                  status={active ? 'processing' : 'default'}
                  text={t(`devices.status.${d.status}` as MessageKey)}
                />
              </Descriptions.Item>
              <Descriptions.Item label={t('devices.col.online')}>
                <Badge
                  status={d.online ? 'success' : 'default'}
                  text={d.online ? t('devices.online') : t('devices.offlineNow')}
                />
              </Descriptions.Item>
              <Descriptions.Item label={t('devices.col.instrument')}>{d.instrumentName}</Descriptions.Item>
              <Descriptions.Item label={t('devices.col.organisation')}>{d.organisationName}</Descriptions.Item>
              <Descriptions.Item label={t('devices.col.lastSeen')}>
                {d.lastSeenAt ? formatDateTime(d.lastSeenAt, true) : t('devices.never')}
              </Descriptions.Item>
              <Descriptions.Item label={t('devices.firmware')}>{d.firmware ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('devices.createdAt')}>{formatDateTime(d.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('devices.credentialsIssuedAt')}>
                {formatDateTime(d.credentialsIssuedAt)}
              </Descriptions.Item>
              {d.retiredAt ? (
                <>
                  <Descriptions.Item label={t('devices.retiredAt')}>{formatDateTime(d.retiredAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('devices.retiredReason')}>{d.retiredReason ?? '—'}</Descriptions.Item>
                </>
              ) : null}
              <Descriptions.Item label={t('devices.topics')} span={2}>
                <Typography.Text code copyable>
                  {d.topics.up}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('devices.errors')} style={{ marginTop: 16 }}>
            <Table
              rowKey="reason"
              size="small"
              pagination={false}
              dataSource={d.errors}
              locale={{ emptyText: t('devices.errorsNone') }}
              columns={[
                {
                  title: t('devices.errorCode'),
                  dataIndex: 'reason',
                  render: (r: string) => (
                    <>
                      <Typography.Text>{reasonText(r, lang)}</Typography.Text>
                      <br />
                      <Typography.Text type="secondary" code>
                        {r}
                      </Typography.Text>
                    </>
                  ),
                },
                { title: t('devices.col.errors'), dataIndex: 'count', align: 'right' },
                {
                  title: t('devices.col.lastSeen'),
                  dataIndex: 'lastAt',
                  render: (at: string, e) => (
                    <>
                      {formatDateTime(at)}
                      {e.lastDetail ? (
                        <Typography.Paragraph type="secondary">{e.lastDetail}</Typography.Paragraph>
                      ) : null}
                    </>
                  ),
                },
              ]}
            />
          </Card>
          <DeadLetters deviceId={d.id} />
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('devices.fittings')}>
            <Timeline
              items={d.fittings.map((f) => ({
                key: `${f.instrumentId}-${f.fromAt}`,
                color: f.toAt ? 'gray' : 'green',
                content: (
                  <>
                    <Typography.Text strong>{f.instrumentName}</Typography.Text>
                    <div>
                      {formatDateTime(f.fromAt)} – {f.toAt ? formatDateTime(f.toAt) : t('devices.fittingNow')}
                    </div>
                    {f.reason ? <Typography.Text type="secondary">{f.reason}</Typography.Text> : null}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={dialog !== null}
        title={dialog === 'retire' ? t('devices.retireTitle', { id: d.id }) : t('devices.moveTitle', { id: d.id })}
        onCancel={() => {
          setDialog(null);
          setError(null);
        }}
        onOk={submitDialog}
        okText={dialog === 'retire' ? t('devices.retire') : t('devices.move')}
        okButtonProps={{ danger: dialog === 'retire' }}
        confirmLoading={busy}
        destroyOnHidden
      >
        <ActionError error={error} onClose={() => setError(null)} />
        <Form form={form} layout="vertical" preserve={false}>
          {dialog === 'retire' ? (
            <>
              <Typography.Paragraph type="warning">{t('devices.retireHint')}</Typography.Paragraph>
              <Form.Item
                name="reason"
                label={t('devices.retireReason')}
                rules={[
                  { required: true, whitespace: true, message: t('devices.retireReasonRequired') },
                  zodRule(deviceRetireBody.shape.reason),
                ]}
              >
                <Input.TextArea rows={3} maxLength={500} showCount data-testid="device-retire-reason" />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item
                name="instrumentId"
                label={t('devices.moveTarget')}
                rules={[{ required: true, message: t('devices.instrumentRequired') }]}
              >
                <InstrumentSelect
                  exclude={d.instrumentId}
                  onChange={(v, name) => {
                    form.setFieldValue('instrumentId', v);
                    setTargetName(name);
                  }}
                />
              </Form.Item>
              <Form.Item name="reason" label={t('devices.moveReason')} rules={[{ max: 500 }]}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
      {credentials ? <CredentialsModal credentials={credentials} onClose={() => setCredentials(null)} /> : null}
    </>
  );
}
