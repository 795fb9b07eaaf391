import { Form, Input } from 'antd';
import type { ZodType } from 'zod';
import { useI18n } from '../i18n';
import { zodRule } from '../lib/zodRule';
import { RegionCascader } from './RegionCascader';

/** The organisation form's name fields; `nameSchema` is the server's rule for the name. */
export function OrganisationNameFields({ nameSchema }: { nameSchema: ZodType }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="name"
        label={t('org.name')}
        rules={[{ required: true, message: t('org.nameRequired') }, zodRule(nameSchema)]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('org.nameEnOptional')}>
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
}

/** The organisation form's region and address fields. */
export function OrganisationPlaceFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="regionCode"
        label={t('org.region')}
        rules={[{ required: true, message: t('org.regionRequired') }]}
      >
        <RegionCascader />
      </Form.Item>
      <Form.Item name="address" label={t('org.addressOptional')}>
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
}
