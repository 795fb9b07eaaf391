import { Alert, App, Form, Input, Modal, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { quotaApplicationBody } from '../../../../shared/api/vouchers';
import { http } from '../../../api/client';
import { ActionError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { applyServerErrors } from '../../../lib/applyServerErrors';
import { useAsync } from '../../../lib/useAsync';
import { zodRule } from '../../../lib/zodRule';
import { type EligibilityResult, type ProgrammeSummary, type QuotaApplicationDetail, voucherApi } from '../api';
import { formatBp, Money, useMoney, YuanInput } from '../common';

interface Values {
  programmeId: string;
  amountYuan: number;
  purpose: string;
}

/**
 * 申领: pick an open programme, see at once whether the enterprise is eligible and how much it may
 * still apply for this year, then the amount and what it is for. The server checks the same again.
 */
export function ApplyQuotaModal({
  organisationId,
  programmes,
  programmeId,
  onClose,
  onApplied,
}: {
  organisationId: string;
  programmes: ProgrammeSummary[];
  programmeId: string;
  onClose: () => void;
  onApplied: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const money = useMoney();
  const [form] = Form.useForm<Values>();
  const picked = Form.useWatch('programmeId', form) ?? programmeId;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const programme = programmes.find((p) => p.id === picked);
  const eligibility = useAsync(
    (signal) => http.get<EligibilityResult>(voucherApi.eligibility(picked), { organisationId }, { signal }),
    [picked, organisationId],
  );
  const e = eligibility.data;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const created = await http.post<QuotaApplicationDetail>(voucherApi.quotaApplications, {
        programmeId: v.programmeId,
        organisationId,
        amountFen: Math.round(v.amountYuan * 100),
        purpose: v.purpose.trim(),
      });
      message.success(t('vch.apply.done'));
      onApplied();
      onClose();
      navigate(`/vouchers/wallet/applications/${created.id}`);
    } catch (err) {
      if (!applyServerErrors(form, err, { VOUCHER_QUOTA_OVER_CAP: ['amountYuan'] })) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('vch.apply.title')}
      okText={t('vch.apply.submit')}
      okButtonProps={{ disabled: e ? !e.eligible : false, 'data-testid': 'apply-submit' }}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <ActionError error={error} onClose={() => setError(null)} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ programmeId }}
        onFinish={submit}
        data-testid="apply-form"
      >
        <Form.Item name="programmeId" label={t('vch.programme')} rules={[{ required: true }]}>
          <Select options={programmes.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        {programme ? (
          <Typography.Paragraph type="secondary">
            {t('vch.apply.terms', {
              pct: formatBp(programme.coverageBp),
              perClaim: money(programme.perClaimCapFen),
              annual: money(programme.annualCapFen),
              until: programme.validUntil,
            })}
          </Typography.Paragraph>
        ) : null}
        {eligibility.loading ? (
          <Spin size="small" description={t('vch.apply.checking')} />
        ) : eligibility.error ? (
          <ActionError error={eligibility.error} />
        ) : e && !e.eligible ? (
          <Alert
            type="error"
            showIcon
            title={t('vch.apply.notEligible')}
            description={
              <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                {e.reasons.map((r) => (
                  <li key={r.code}>{r.message}</li>
                ))}
              </ul>
            }
            style={{ marginBottom: 16 }}
            data-testid="apply-ineligible"
          />
        ) : e ? (
          <Alert
            type="success"
            showIcon
            title={
              <span>
                {t('vch.apply.eligible')} <Money fen={e.remainingAnnualFen} />
              </span>
            }
            style={{ marginBottom: 16 }}
            data-testid="apply-eligible"
          />
        ) : null}
        <Form.Item
          name="amountYuan"
          label={t('vch.apply.amountYuan')}
          rules={[
            { required: true, message: t('vch.apply.amountRequired') },
            {
              validator: async (_r, v: number | undefined) => {
                if (v === undefined || v === null) return;
                if (v < 1) throw new Error(t('vch.apply.amountMin'));
                if (e && Math.round(v * 100) > e.remainingAnnualFen)
                  throw new Error(t('vch.apply.amountMax', { max: money(e.remainingAnnualFen) }));
              },
            },
          ]}
        >
          <YuanInput step={1000} />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('vch.apply.purpose')}
          extra={t('vch.apply.purposeHint')}
          rules={[
            { required: true, message: t('vch.apply.purposeRequired') },
            zodRule(quotaApplicationBody.shape.purpose),
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
