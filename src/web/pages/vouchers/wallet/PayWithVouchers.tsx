import { UndoOutlined, WalletOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { http } from '../../../api/client';
import type { BookingDetail } from '../../../api/types';
import { useMe } from '../../../auth/AuthContext';
import { LinkButton } from '../../../components/LinkButton';
import { ActionError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { type ReservationView, voucherApi } from '../api';
import { CommandModal } from '../CommandModal';
import { Money, VoucherStatus } from '../common';
import { PayModal } from './PayModal';

/** What GET /api/vouchers/bookings/:id answers: the voucher use of one booking. */
export interface SubjectVouchers {
  reservations: ReservationView[];
}

const OPEN_BOOKING = ['requested', 'approved', 'confirmed', 'in_use'];

/**
 * The voucher part of a booking record. The booker pays part of the fee with a voucher (covered and
 * own share shown before confirming) or releases it before the service; the provider sees what is
 * covered and, once the service is recorded, files the redemption claim from here.
 */
export function PayWithVouchers({ booking }: { booking: BookingDetail }) {
  const me = useMe();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const isBooker = booking.userId === me.user.id;
  const [paying, setPaying] = useState(false);
  const [releasing, setReleasing] = useState<ReservationView | null>(null);
  const use = useAsync(
    (signal) => http.get<SubjectVouchers>(voucherApi.bookingVouchers(booking.id), undefined, { signal }),
    [booking.id, booking.status],
  );
  const reservations = use.data?.reservations ?? [];
  const live = reservations.find((r) => r.status === 'held' || r.status === 'redeemed');
  const canPay = isBooker && !live && OPEN_BOOKING.includes(booking.status);

  // Booked with "pay part with vouchers" ticked: open the payment step once, then drop the flag.
  useEffect(() => {
    if (params.get('pay') === 'vouchers' && canPay && use.data) {
      setPaying(true);
      const next = new URLSearchParams(params);
      next.delete('pay');
      setParams(next, { replace: true });
    }
  }, [params, canPay, use.data, setParams]);

  // A booking nobody may pay with vouchers, and none used: say nothing.
  if (!use.data && !use.error) return null;
  if (use.error && !isBooker) return null;
  if (!live && !canPay && reservations.length === 0) return null;

  return (
    <Card
      title={
        <Space>
          <WalletOutlined />
          {t('vch.pay.title')}
        </Space>
      }
      data-testid="booking-vouchers"
    >
      {use.error ? <ActionError error={use.error} /> : null}
      {live ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 2, md: 4 }}
            items={[
              { key: 'programme', label: t('vch.programme'), children: live.programmeName },
              {
                key: 'status',
                label: t('vch.status'),
                children: <VoucherStatus vocabulary="reservation" status={live.status} testId="reservation-status" />,
              },
              { key: 'fee', label: t('vch.pay.fee'), children: <Money fen={live.feeFen} /> },
              {
                key: 'covered',
                label: t('vch.pay.covered'),
                children: (
                  <span data-testid="reservation-covered">
                    <Money fen={live.amountFen} strong />
                  </span>
                ),
              },
              {
                key: 'own',
                label: t('vch.pay.ownShare'),
                children: (
                  <span data-testid="reservation-own">
                    <Money fen={live.ownShareFen} />
                  </span>
                ),
              },
            ]}
          />
          <Flex wrap gap={8} align="center">
            {live.status === 'held' && isBooker ? (
              <>
                <Typography.Text type="secondary">{t('vch.pay.heldHint')}</Typography.Text>
                <Button icon={<UndoOutlined />} onClick={() => setReleasing(live)} data-testid="reservation-release">
                  {t('vch.pay.release')}
                </Button>
              </>
            ) : null}
            {live.status === 'held' && !isBooker && booking.status === 'completed' ? (
              <>
                <Typography.Text type="secondary">{t('vch.pay.claimHint')}</Typography.Text>
                <LinkButton type="primary" to={`/vouchers/claims?file=${live.id}`} data-testid="booking-file-claim">
                  {t('vch.claim.file')}
                </LinkButton>
              </>
            ) : null}
            {live.status === 'held' && !isBooker && booking.status !== 'completed' ? (
              <Typography.Text type="secondary">{t('vch.pay.providerHint')}</Typography.Text>
            ) : null}
            {live.status === 'redeemed' ? (
              <Typography.Text type="secondary">{t('vch.pay.redeemedHint')}</Typography.Text>
            ) : null}
          </Flex>
        </Space>
      ) : canPay ? (
        <Flex wrap gap={12} align="center" justify="space-between">
          <Typography.Text>{t('vch.pay.offer')}</Typography.Text>
          <Button type="primary" icon={<WalletOutlined />} onClick={() => setPaying(true)} data-testid="pay-open">
            {t('vch.pay.open')}
          </Button>
        </Flex>
      ) : null}
      {!live && reservations.length > 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: canPay ? 12 : 0 }}
          title={t('vch.pay.released', { n: reservations.length })}
          description={reservations
            .map((r) => `${r.programmeName}：${r.releaseReason ?? t('vch.pay.releasedNoReason')}`)
            .join('；')}
        />
      ) : null}
      {paying ? (
        <PayModal
          subject={{ bookingId: booking.id, name: booking.instrumentName }}
          onClose={() => setPaying(false)}
          onReserved={() => {
            message.success(t('vch.pay.reserved'));
            use.reload();
          }}
        />
      ) : null}
      <CommandModal
        open={!!releasing}
        title={t('vch.pay.releaseConfirm')}
        okText={t('vch.pay.release')}
        hint={t('vch.pay.releaseHint')}
        reasonRequired={false}
        onClose={() => setReleasing(null)}
        onSubmit={async (v) => {
          if (!releasing) return;
          await http.post(voucherApi.releaseReservation(releasing.id), { reason: v.reason });
          message.success(t('vch.pay.releasedDone'));
          use.reload();
        }}
        testId="reservation-release-form"
      />
    </Card>
  );
}
