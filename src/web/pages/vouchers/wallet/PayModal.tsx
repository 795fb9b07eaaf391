import { Alert, Descriptions, Empty, Flex, Modal, Radio, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { http } from '../../../api/client';
import { ActionError, Loading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { newIdempotencyKey, type QuoteOption, type QuoteResult, type Split, voucherApi } from '../api';
import { Money, useMoney, YuanInput } from '../common';

/** The covered and own share of a fee, and which rule set the covered amount. */
export function SplitTable({ split, amountFen }: { split: Split; amountFen?: number }) {
  const { t } = useI18n();
  const covered = amountFen ?? split.coveredFen;
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      data-testid="pay-split"
      items={[
        { key: 'fee', label: t('vch.pay.fee'), children: <Money fen={split.feeFen} /> },
        {
          key: 'covered',
          label: t('vch.pay.covered'),
          children: (
            <span data-testid="pay-covered">
              <Money fen={covered} strong />
            </span>
          ),
        },
        {
          key: 'own',
          label: t('vch.pay.ownShare'),
          children: (
            <span data-testid="pay-own">
              <Money fen={split.feeFen - covered} strong />
            </span>
          ),
        },
        { key: 'rule', label: t('vch.pay.rule'), children: t(`vch.pay.limitedBy.${split.limitedBy}`) },
      ]}
    />
  );
}

/**
 * Pay part of a booking with a voucher: every quota of the enterprise with what it would cover here
 * (or why it cannot), the split of the fee before confirming, and an amount the enterprise may lower.
 * The idempotency key is made when the dialog opens, so a retried confirm reserves once.
 */
export function PayModal({
  subject,
  onClose,
  onReserved,
}: {
  /** What is paid for: a booking or a service order, and its name for the title. */
  subject: { bookingId?: string; serviceOrderId?: string; name: string };
  onClose: () => void;
  onReserved: () => void;
}) {
  const ref = subject.bookingId ? { bookingId: subject.bookingId } : { serviceOrderId: subject.serviceOrderId };
  const { t } = useI18n();
  const money = useMoney();
  const key = useMemo(newIdempotencyKey, []);
  const quote = useAsync(
    (signal) => http.get<QuoteResult>(voucherApi.quote, ref, { signal }),
    [subject.bookingId, subject.serviceOrderId],
  );
  const options = quote.data?.options ?? [];
  const firstUsable = options.find((o) => o.usable && o.split);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [amountYuan, setAmountYuan] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const option: QuoteOption | undefined = options.find((o) => o.quotaId === (picked ?? firstUsable?.quotaId));
  const split = option?.usable ? option.split : null;
  const amountFen = split
    ? Math.min(amountYuan === null ? split.coveredFen : Math.round(amountYuan * 100), split.coveredFen)
    : 0;

  const confirm = async () => {
    if (!option || !split) return;
    setBusy(true);
    setError(null);
    try {
      await http.post<unknown>(
        voucherApi.reservations,
        {
          ...ref,
          quotaId: option.quotaId,
          amountFen: amountFen === split.coveredFen ? undefined : amountFen,
        },
        { headers: { 'Idempotency-Key': key } },
      );
      onReserved();
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
      title={t('vch.pay.modalTitle', { name: subject.name })}
      okText={split ? t('vch.pay.confirm', { amount: money(amountFen) }) : t('vch.pay.confirmShort')}
      okButtonProps={{ disabled: !split || amountFen < 1, 'data-testid': 'pay-confirm' }}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={confirm}
      onCancel={onClose}
      width={640}
    >
      <ActionError error={error} onClose={() => setError(null)} />
      {quote.loading ? (
        <Loading what={t('vch.pay.quoting')} />
      ) : quote.error ? (
        <ActionError error={quote.error} />
      ) : options.length === 0 ? (
        <Empty description={t('vch.pay.noQuotas')} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('vch.pay.provider', { name: quote.data?.providerName ?? '' })}
          </Typography.Text>
          <Radio.Group
            value={option?.quotaId}
            onChange={(e) => {
              setPicked(e.target.value);
              setAmountYuan(null);
            }}
            style={{ width: '100%' }}
            aria-label={t('vch.pay.pickQuota')}
          >
            <Flex vertical gap={8}>
              {options.map((o) => (
                <Radio key={o.quotaId} value={o.quotaId} disabled={!o.usable} data-testid="pay-option">
                  <span>{o.programmeName}</span>
                  {o.usable && o.split ? (
                    <Typography.Text type="secondary">
                      {' · '}
                      {t('vch.pay.optionCovers', { amount: money(o.split.coveredFen) })}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="danger"> · {o.refusal?.message ?? t('vch.pay.unusable')}</Typography.Text>
                  )}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
          {split ? (
            <>
              <SplitTable split={split} amountFen={amountFen} />
              <Flex wrap gap={8} align="center">
                <label htmlFor="pay-amount">{t('vch.pay.amountLabel')}</label>
                <YuanInput
                  id="pay-amount"
                  min={0.01}
                  max={split.coveredFen / 100}
                  value={amountFen / 100}
                  onChange={(v) => setAmountYuan(v)}
                  style={{ width: 180 }}
                  data-testid="pay-amount"
                />
                <Typography.Text type="secondary">
                  {t('vch.pay.amountHint', { max: money(split.coveredFen) })}
                </Typography.Text>
              </Flex>
              <Alert type="info" showIcon title={t('vch.pay.reserveNote')} />
            </>
          ) : (
            <Alert type="warning" showIcon title={t('vch.pay.noneUsable')} />
          )}
        </Space>
      )}
    </Modal>
  );
}
