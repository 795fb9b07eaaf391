import { CheckOutlined, CloseOutlined, WalletOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { deliverServiceOrderBody } from '../../../../shared/api/vouchers';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { EmptyState, LoadError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDate, noWrap } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { zodRule } from '../../../lib/zodRule';
import { type ServiceOrderView, voucherApi } from '../api';
import { CommandModal } from '../CommandModal';
import { Money, VoucherStatus, YuanInput } from '../common';
import { PayModal } from '../wallet/PayModal';

interface DeliverValues {
  reason?: string;
  deliveredOn: Dayjs;
  feeYuan?: number | null;
  report?: string;
}

/**
 * Service orders (检验检测 / 技术服务) as a table for one side. The enterprise pays part of an open
 * order with a voucher or cancels it; the provider records the delivery (day, fee charged, report),
 * after which the reserved voucher waits under "to claim".
 */
export function ServiceOrders({
  side,
  reloadKey = 0,
  onChanged,
}: {
  side: 'enterprise' | 'provider';
  reloadKey?: number;
  /** After a reservation, delivery or cancellation: the wallet's balances moved. */
  onChanged?: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useAsync(
    (signal) => http.get<Paged<ServiceOrderView>>(voucherApi.serviceOrders, { side, page, pageSize: 10 }, { signal }),
    [side, page, reloadKey],
  );
  const [paying, setPaying] = useState<ServiceOrderView | null>(null);
  const [delivering, setDelivering] = useState<ServiceOrderView | null>(null);
  const [cancelling, setCancelling] = useState<ServiceOrderView | null>(null);

  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  return (
    <>
      <Table<ServiceOrderView>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 860 }}
        data-testid={`orders-${side}`}
        locale={{
          emptyText: (
            <EmptyState
              description={side === 'enterprise' ? t('vch.order.emptyEnterprise') : t('vch.order.emptyProvider')}
            />
          ),
        }}
        pagination={{
          current: page,
          pageSize: 10,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        columns={[
          { title: t('vch.order.service'), dataIndex: 'serviceName' },
          {
            title: side === 'enterprise' ? t('vch.provider') : t('vch.enterprise'),
            key: 'party',
            render: (_, o) => (side === 'enterprise' ? o.providerName : o.enterpriseName),
          },
          { title: t('vch.order.quantity'), key: 'qty', render: (_, o) => `${o.quantity} ${o.unit}` },
          {
            title: t('vch.order.fee'),
            key: 'fee',
            align: 'right',
            render: (_, o) => <Money fen={o.feeFen ?? o.publishedFeeFen * o.quantity} />,
          },
          {
            title: t('vch.status'),
            dataIndex: 'status',
            render: (s: string, o) => (
              <Space size={4} wrap>
                <VoucherStatus vocabulary="serviceOrder" status={s} />
                {o.reservationId ? (
                  <WalletOutlined title={t('vch.order.paidWithVoucher')} style={{ color: '#1677ff' }} />
                ) : null}
              </Space>
            ),
          },
          {
            title: t('vch.order.date'),
            key: 'date',
            render: (_, o) => (o.deliveredOn ? o.deliveredOn : formatDate(o.orderedAt)),
            onCell: noWrap,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, o) => (
              <Space size={4} wrap>
                {side === 'enterprise' && o.status === 'ordered' && !o.reservationId ? (
                  <Button size="small" icon={<WalletOutlined />} onClick={() => setPaying(o)} data-testid="order-pay">
                    {t('vch.pay.open')}
                  </Button>
                ) : null}
                {o.allowedCommands.includes('deliver') ? (
                  <Button
                    size="small"
                    type="primary"
                    icon={<CheckOutlined />}
                    onClick={() => setDelivering(o)}
                    data-testid="order-deliver"
                  >
                    {t('vch.order.deliver')}
                  </Button>
                ) : null}
                {o.allowedCommands.includes('cancel') ? (
                  <Button size="small" danger icon={<CloseOutlined />} onClick={() => setCancelling(o)}>
                    {t('vch.order.cancel')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {paying ? (
        <PayModal
          subject={{ serviceOrderId: paying.id, name: paying.serviceName }}
          onClose={() => setPaying(null)}
          onReserved={() => {
            message.success(t('vch.pay.reserved'));
            list.reload();
            onChanged?.();
          }}
        />
      ) : null}
      <CommandModal<DeliverValues>
        open={!!delivering}
        title={t('vch.order.deliverTitle', { name: delivering?.serviceName ?? '' })}
        okText={t('vch.order.deliver')}
        hint={t('vch.order.deliverHint')}
        reasonRequired={null}
        initialValues={
          delivering
            ? { deliveredOn: dayjs(), feeYuan: (delivering.publishedFeeFen * delivering.quantity) / 100 }
            : undefined
        }
        onClose={() => setDelivering(null)}
        onSubmit={async (v) => {
          if (!delivering) return;
          await http.post(voucherApi.serviceOrderCommand(delivering.id, 'deliver'), {
            deliveredOn: v.deliveredOn.format('YYYY-MM-DD'),
            feeFen: v.feeYuan === null || v.feeYuan === undefined ? undefined : Math.round(v.feeYuan * 100),
            report: v.report?.trim() || undefined,
          });
          message.success(t('vch.order.delivered'));
          list.reload();
          onChanged?.();
        }}
        testId="order-deliver-form"
      >
        {() => (
          <>
            <Form.Item name="deliveredOn" label={t('vch.order.deliveredOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item name="feeYuan" label={t('vch.order.feeCharged')} extra={t('vch.order.feeChargedHint')}>
              <YuanInput />
            </Form.Item>
            <Form.Item
              name="report"
              label={t('vch.order.report')}
              rules={[zodRule(deliverServiceOrderBody.shape.report, { optional: true })]}
            >
              <Input.TextArea rows={3} maxLength={2000} placeholder={t('vch.order.reportPlaceholder')} />
            </Form.Item>
          </>
        )}
      </CommandModal>
      <CommandModal
        open={!!cancelling}
        title={t('vch.order.cancelTitle', { name: cancelling?.serviceName ?? '' })}
        okText={t('vch.order.cancel')}
        hint={cancelling?.reservationId ? t('vch.order.cancelReleases') : undefined}
        danger
        reasonRequired={false}
        onClose={() => setCancelling(null)}
        onSubmit={async (v) => {
          if (!cancelling) return;
          await http.post(voucherApi.serviceOrderCommand(cancelling.id, 'cancel'), { reason: v.reason });
          message.success(t('vch.order.cancelled'));
          list.reload();
          onChanged?.();
        }}
      />
    </>
  );
}
