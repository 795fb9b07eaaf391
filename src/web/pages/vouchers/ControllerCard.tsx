import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { controllerBody, type controllerView } from '../../../shared/api/vouchers';
import { http } from '../../api/client';
import { ActionError, LoadError } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { zodRule } from '../../lib/zodRule';
import { voucherApi } from './api';

type ControllerView = z.infer<typeof controllerView>;
type Values = z.input<typeof controllerBody>;

/**
 * The organisation's actual controller (实际控制人), declared by the organisation: the claim checks
 * refuse vouchers between a provider and an enterprise with the same controller, and the annual cap
 * can count all of a controller's enterprises together. A person's ID number is kept only as a
 * keyed hash and never shown again.
 */
export function ControllerCard({ organisationId, canEdit }: { organisationId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const view = useAsync(
    (signal) => http.get<ControllerView>(voucherApi.controller(organisationId), undefined, { signal }),
    [organisationId],
  );
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const v = view.data;

  const save = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      view.setData(await http.put<ControllerView>(voucherApi.controller(organisationId), values));
      message.success(t('vch.ctl.saved'));
      setEditing(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('vch.ctl.title')}
      data-testid="controller-card"
      extra={
        canEdit && v ? (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => {
              form.setFieldsValue({ name: v.name ?? '', kind: v.kind ?? 'organisation', identifier: '' });
              setEditing(true);
            }}
          >
            {v.declared ? t('vch.ctl.change') : t('vch.ctl.declare')}
          </Button>
        ) : null
      }
    >
      {view.error ? (
        <LoadError error={view.error} onRetry={view.reload} />
      ) : v && !v.declared ? (
        <Alert type="info" showIcon title={t('vch.ctl.none')} description={t('vch.ctl.why')} />
      ) : v ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'name', label: t('vch.ctl.name'), children: v.name },
            {
              key: 'kind',
              label: t('vch.ctl.kind'),
              children: v.kind === 'person' ? t('vch.ctl.person') : t('vch.ctl.organisation'),
            },
            { key: 'id', label: t('vch.ctl.identifier'), children: v.identifierMasked ?? t('vch.ctl.hidden') },
            { key: 'at', label: t('vch.ctl.declaredAt'), children: formatDateTime(v.declaredAt) },
          ]}
        />
      ) : null}
      <Modal
        open={editing}
        title={t('vch.ctl.title')}
        okText={t('action.save')}
        cancelText={t('action.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(false)}
        forceRender
      >
        <Typography.Paragraph type="secondary">{t('vch.ctl.why')}</Typography.Paragraph>
        <ActionError error={error} onClose={() => setError(null)} />
        <Form<Values> form={form} layout="vertical" onFinish={save} initialValues={{ kind: 'organisation' }}>
          <Form.Item name="kind" label={t('vch.ctl.kind')}>
            <Radio.Group
              options={[
                { value: 'organisation', label: t('vch.ctl.organisation') },
                { value: 'person', label: t('vch.ctl.person') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('vch.ctl.name')}
            rules={[{ required: true, message: t('vch.ctl.nameRequired') }, zodRule(controllerBody.shape.name)]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="identifier"
            label={kind === 'person' ? t('vch.ctl.idNumber') : t('vch.ctl.creditCode')}
            extra={kind === 'person' ? t('vch.ctl.idNumberHint') : undefined}
            rules={[
              { required: true, message: t('vch.ctl.identifierRequired') },
              zodRule(controllerBody.shape.identifier),
            ]}
          >
            <Input maxLength={30} autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
