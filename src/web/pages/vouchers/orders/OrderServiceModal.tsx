import { Alert, App, Descriptions, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { serviceOrderBody } from '../../../../shared/api/vouchers';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { ActionError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatYuanNumber } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { zodRule } from '../../../lib/zodRule';
import { type ProviderDetail, type ProviderSummary, type ServiceOrderView, voucherApi } from '../api';
import { Money } from '../common';

interface Values {
  providerId: string;
  serviceKey: string;
  quantity: number;
  note?: string;
}

/**
 * Order a published testing or technology service (检验检测 / 技术服务) from an admitted provider:
 * the provider, its service at the published fee, the quantity, and what it is for. Paying part
 * with vouchers comes right after, on the order, as for a booking.
 */
export function OrderServiceModal({
  organisationId,
  onClose,
  onOrdered,
}: {
  organisationId: string;
  onClose: () => void;
  onOrdered: (order: ServiceOrderView) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const providerId = Form.useWatch('providerId', form);
  const serviceKey = Form.useWatch('serviceKey', form);
  const quantity = Form.useWatch('quantity', form) ?? 1;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const providers = useAsync(
    (signal) =>
      http.get<Paged<ProviderSummary>>(voucherApi.providers, { status: 'admitted', pageSize: 200 }, { signal }),
    [],
  );
  // Only providers that publish services of their own can be ordered from; instruments are booked.
  const offering = (providers.data?.items ?? []).filter((p) =>
    p.serviceKinds.some((k) => k === 'testing' || k === 'technology_service'),
  );
  const provider = useAsync(
    (signal) =>
      providerId
        ? http.get<ProviderDetail>(voucherApi.provider(providerId), undefined, { signal })
        : Promise.resolve(undefined),
    [providerId],
  );
  const services = provider.data?.services ?? [];
  const service = services.find((s) => s.key === serviceKey);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const order = await http.post<ServiceOrderView>(voucherApi.serviceOrders, {
        providerId: v.providerId,
        serviceKey: v.serviceKey,
        quantity: v.quantity,
        organisationId,
        note: v.note?.trim() || undefined,
      });
      message.success(t('vch.order.ordered'));
      onOrdered(order);
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('vch.order.title')}
      okText={t('vch.order.submit')}
      okButtonProps={{ 'data-testid': 'order-submit' }}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <ActionError error={error} onClose={() => setError(null)} />
      {providers.data && offering.length === 0 ? (
        <Alert type="info" showIcon title={t('vch.order.noProviders')} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ quantity: 1 }}
        onFinish={submit}
        onValuesChange={(changed) => {
          if ('providerId' in changed) form.setFieldsValue({ serviceKey: undefined });
        }}
        data-testid="order-form"
      >
        <Form.Item
          name="providerId"
          label={t('vch.provider')}
          rules={[{ required: true, message: t('vch.order.providerRequired') }]}
        >
          <Select
            loading={providers.loading}
            showSearch={{ optionFilterProp: 'label' }}
            options={offering.map((p) => ({ value: p.id, label: `${p.organisationName}（${p.programmeName}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="serviceKey"
          label={t('vch.order.service')}
          rules={[{ required: true, message: t('vch.order.serviceRequired') }]}
        >
          <Select
            disabled={!providerId}
            loading={provider.loading}
            options={services.map((s) => ({
              value: s.key,
              label: `${s.name} · ${t('money.yuan', { n: formatYuanNumber(s.feeFen) })}/${s.unit}`,
            }))}
            notFoundContent={t('vch.order.noServices')}
          />
        </Form.Item>
        <Form.Item
          name="quantity"
          label={service ? t('vch.order.quantityUnit', { unit: service.unit }) : t('vch.order.quantity')}
          rules={[{ required: true }, zodRule(serviceOrderBody.shape.quantity)]}
        >
          <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('vch.order.noteOptional')}
          rules={[zodRule(serviceOrderBody.shape.note, { optional: true })]}
        >
          <Input.TextArea rows={2} maxLength={1000} showCount />
        </Form.Item>
      </Form>
      {service ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'standard', label: t('vch.prov.svc.standard'), children: service.standard || '—' },
            {
              key: 'fee',
              label: t('vch.order.publishedTotal'),
              children: (
                <span data-testid="order-total">
                  <Money fen={service.feeFen * quantity} strong />
                </span>
              ),
            },
          ]}
        />
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('vch.order.hint')}
      </Typography.Paragraph>
    </Modal>
  );
}
