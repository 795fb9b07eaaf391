import { Col, Form, Input } from 'antd';
import { CONTACT_EMAIL_MAX } from '../../../shared/api/instruments';
import { useI18n } from '../../i18n';
import { zodRule } from '../../lib/zodRule';
import { shape } from './rules';
import { TextField } from './TextField';

/**
 * Whom to ask about the instrument: name, phone and email, as columns of the service section's row.
 * The phone on file is masked, so an edit starts with it empty and an empty phone keeps it; the
 * email is published on the instrument page as typed.
 */
export function ContactFields({ editing }: { editing: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Col xs={12} md={8}>
        <TextField name="contactName" label="inst.contactName" schema={shape.contactName.unwrap()} />
      </Col>
      <Col xs={12} md={8}>
        <Form.Item
          name="contactPhone"
          label={t('inst.contactPhone')}
          extra={editing ? t('inst.contactPhoneKeep') : t('user.phoneHint')}
          rules={[zodRule(shape.contactPhone.unwrap(), { optional: true })]}
        >
          <Input inputMode="tel" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="contactEmail"
          label={t('inst.contactEmail')}
          extra={t('inst.contactEmailHint')}
          rules={[zodRule(shape.contactEmail.unwrap(), { optional: true })]}
        >
          <Input inputMode="email" autoComplete="email" maxLength={CONTACT_EMAIL_MAX} />
        </Form.Item>
      </Col>
    </>
  );
}
