import { Checkbox, Form } from 'antd';
import { http } from '../../../api/client';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { voucherApi, type Wallet } from '../api';
import { useMoney } from '../common';

/**
 * The booking form's "pay part with vouchers" tick, shown only to an enterprise with voucher money
 * available. Ticked, the new booking's record opens the payment step (covered and own share) at once:
 * the split needs the booking's fee and provider, which exist only once it is made.
 */
export function VoucherOffer({ organisationId }: { organisationId: string | undefined }) {
  const { t } = useI18n();
  const money = useMoney();
  const wallet = useAsync(
    (signal) =>
      organisationId
        ? http.get<Wallet>(voucherApi.wallet, { organisationId }, { signal }).catch(() => undefined)
        : Promise.resolve(undefined),
    [organisationId],
  );
  const available = wallet.data?.totals.availableFen ?? 0;
  if (available <= 0) return null;
  return (
    <Form.Item name="payWithVouchers" valuePropName="checked" extra={t('vch.pay.offerHint')}>
      <Checkbox data-testid="book-pay-vouchers">{t('vch.pay.offerTick', { amount: money(available) })}</Checkbox>
    </Form.Item>
  );
}
