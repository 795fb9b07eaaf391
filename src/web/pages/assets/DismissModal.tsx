import { Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { dismissalBody, type dismissalReasons } from '../../../shared/api/assets';
import { http } from '../../api/client';
import { ActionError } from '../../components/States';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import type { ReconciliationKind } from './assetApi';

type Reason = (typeof dismissalReasons)[number];

/** Reasons that fit each kind of finding, the likeliest first. */
const reasonsFor: Record<ReconciliationKind, Reason[]> = {
  unlisted: ['notShareable', 'notResearch', 'disposalInProgress', 'other'],
  disposedListed: ['disposalInProgress', 'other'],
  valueMismatch: ['valueExplained', 'other'],
  lateListing: ['lateExplained', 'other'],
};

export interface DismissTarget {
  organisationId: string;
  kind: ReconciliationKind;
  assetNo: string;
  name: string;
}

/** Close a finding with an explanation; the server keeps it (and audits it) so it does not come back. */
export function DismissModal({
  target,
  onClose,
  onDone,
}: {
  target: DismissTarget;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: Reason; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reason = Form.useWatch('reason', form);
  const submit = async (v: { reason: Reason; note?: string }) => {
    const body = { organisationId: target.organisationId, kind: target.kind, assetNo: target.assetNo, ...v };
    if (!dismissalBody.safeParse(body).success) return;
    setBusy(true);
    setError(null);
    try {
      await http.post('/api/reconciliation/dismissals', body);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('recon.dismissTitle')}
      okText={t('recon.dismissOk')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
    >
      <Typography.Paragraph>
        {t('recon.dismissLead', {
          assetNo: target.assetNo,
          name: target.name,
          kind: t(`recon.kind.${target.kind}` as MessageKey),
        })}
      </Typography.Paragraph>
      {error ? <ActionError error={error} onClose={() => setError(null)} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ reason: reasonsFor[target.kind][0] }}
      >
        <Form.Item name="reason" label={t('recon.reason')} rules={[{ required: true }]}>
          <Select
            options={reasonsFor[target.kind].map((r) => ({ value: r, label: t(`recon.reason.${r}` as MessageKey) }))}
            data-testid="dismiss-reason"
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={reason === 'other' ? t('recon.noteRequired') : t('recon.note')}
          rules={
            reason === 'other'
              ? [
                  { required: true, whitespace: true, message: t('recon.noteNeeded') },
                  { min: 2, message: t('recon.noteNeeded') },
                  { max: 500 },
                ]
              : [{ max: 500 }]
          }
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="dismiss-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
