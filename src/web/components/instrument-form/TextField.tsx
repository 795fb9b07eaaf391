import { Form, Input } from 'antd';
import { type MessageKey, useI18n } from '../../i18n';
import { zodRule } from '../../lib/zodRule';
import type { Values } from './values';

/** An optional text field checked with its server schema; `rows` makes it a counted text area. */
export function TextField({
  name,
  label,
  schema,
  rows = 0,
}: {
  name: keyof Values;
  label: MessageKey;
  schema: Parameters<typeof zodRule>[0];
  rows?: number;
}) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={t(label)} rules={[zodRule(schema, { optional: true })]}>
      {rows ? <Input.TextArea rows={rows} showCount maxLength={2000} /> : <Input />}
    </Form.Item>
  );
}
