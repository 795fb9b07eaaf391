import { Form, Input } from 'antd';
import { useI18n } from '../i18n';

/**
 * The reason box of a status change: required (at least 2 characters) when the transition table
 * says a reason is owed, optional otherwise; 500 characters at most, as the server allows.
 */
export function ReasonField({ required, requiredMessage }: { required: boolean; requiredMessage: string }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="reason"
      label={required ? t('orgs.reason') : t('orgs.reasonOptional')}
      rules={
        required
          ? [
              { required: true, whitespace: true, message: requiredMessage },
              { min: 2, message: requiredMessage },
              { max: 500 },
            ]
          : [{ max: 500 }]
      }
    >
      <Input.TextArea rows={3} maxLength={500} showCount />
    </Form.Item>
  );
}
