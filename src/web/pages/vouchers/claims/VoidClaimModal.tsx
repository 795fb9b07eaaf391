import { Alert, Checkbox, Form } from 'antd';
import { http } from '../../../api/client';
import { useI18n } from '../../../i18n';
import { type ClaimDetail, voucherApi } from '../api';
import { CommandModal } from '../CommandModal';
import { useMoney } from '../common';

interface Values {
  reason?: string;
  voidQuota: boolean;
  suspendProvider: boolean;
  creditRecord: ('provider' | 'enterprise')[];
}

const INITIAL: Partial<Values> = { voidQuota: false, suspendProvider: false, creditRecord: ['provider'] };

/**
 * Void a claim for fraud and claw the money back (作废追回): the reason is required; the officer
 * may also void the enterprise's voucher, suspend the provider, and choose whose credit record
 * gets a breach entry. Nothing is deleted: the ledger gains reversing postings.
 */
export function VoidClaimModal({
  open,
  claim,
  onClose,
  onVoided,
}: {
  open: boolean;
  claim: ClaimDetail;
  onClose: () => void;
  onVoided: (next: ClaimDetail) => void;
}) {
  const { t } = useI18n();
  const money = useMoney();
  return (
    <CommandModal<Values>
      open={open}
      title={t('vch.claim.confirm.void', { name: claim.providerName })}
      okText={t('vch.claim.cmd.void')}
      hint={t('vch.claim.voidHint', { amount: money(claim.voucherFen) })}
      danger
      reasonRequired
      reasonRequiredMessage={t('vch.claim.reasonRequired')}
      initialValues={INITIAL}
      onClose={onClose}
      onSubmit={async (v) => {
        const next = await http.post<ClaimDetail>(voucherApi.claimCommand(claim.id, 'void'), {
          reason: v.reason,
          voidQuota: v.voidQuota,
          suspendProvider: v.suspendProvider,
          creditRecord: v.creditRecord,
        });
        onVoided(next);
      }}
      testId="claim-void-form"
    >
      {() => (
        <>
          {claim.status === 'settled' ? (
            <Alert type="warning" showIcon title={t('vch.claim.voidSettled')} style={{ marginBottom: 12 }} />
          ) : null}
          <Form.Item name="voidQuota" valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox>{t('vch.claim.voidQuota', { name: claim.enterpriseName })}</Checkbox>
          </Form.Item>
          <Form.Item name="suspendProvider" valuePropName="checked">
            <Checkbox>{t('vch.claim.suspendProvider', { name: claim.providerName })}</Checkbox>
          </Form.Item>
          <Form.Item name="creditRecord" label={t('vch.claim.creditRecord')}>
            <Checkbox.Group
              options={[
                { value: 'provider', label: t('vch.creditRecord.provider') },
                { value: 'enterprise', label: t('vch.creditRecord.enterpriseShort') },
              ]}
            />
          </Form.Item>
        </>
      )}
    </CommandModal>
  );
}
