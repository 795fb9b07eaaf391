import { Form, type FormInstance, Modal, Typography } from 'antd';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { ReasonField } from '../../components/ReasonField';
import { ActionError } from '../../components/States';
import { useI18n } from '../../i18n';

/**
 * The confirm dialog of one status change on a voucher record: what will happen, the reason box
 * (required where the transition table owes one), any extra fields, and the refusal in the error
 * code's words if the server says no. The dialog stays open on a refusal so nothing is lost.
 */
export function CommandModal<V extends { reason?: string }>({
  open,
  title,
  okText,
  hint,
  danger,
  reasonRequired,
  reasonRequiredMessage,
  initialValues,
  children,
  onSubmit,
  onClose,
  testId,
}: {
  open: boolean;
  title: ReactNode;
  okText: string;
  hint?: ReactNode;
  danger?: boolean;
  /** Omit the reason box entirely with `null`. */
  reasonRequired: boolean | null;
  reasonRequiredMessage?: string;
  initialValues?: Partial<V>;
  /** Extra fields, given the form so they can watch each other. */
  children?: (form: FormInstance<V>) => ReactNode;
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  const formName = `cmd${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (open) {
      setError(null);
      form.resetFields();
      if (initialValues) form.setFieldsValue(initialValues as Parameters<typeof form.setFieldsValue>[0]);
    }
  }, [open, form, initialValues]);

  const finish = async (values: V) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ ...values, reason: values.reason?.trim() || undefined });
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('action.cancel')}
      okButtonProps={{ danger, ...(testId ? { 'data-testid': `${testId}-ok` } : {}) }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      {hint ? <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph> : null}
      <ActionError error={error} onClose={() => setError(null)} />
      {/* A form name prefixes the field ids: a record page holds several of these dialogs, and two
          fields with id "reason" would label each other's box. */}
      <Form<V> form={form} name={formName} layout="vertical" onFinish={finish} data-testid={testId}>
        {children?.(form)}
        {reasonRequired === null ? null : (
          <ReasonField required={reasonRequired} requiredMessage={reasonRequiredMessage ?? t('vch.reasonRequired')} />
        )}
      </Form>
    </Modal>
  );
}
