import { Col, Form, InputNumber, Row } from 'antd';
import { useI18n } from '../../i18n';
import { RegionCascader } from '../RegionCascader';
import { ContactFields } from './ContactFields';
import { shape, yuanRule } from './rules';
import { TextField } from './TextField';

/** What is offered and for how much, the open-sharing rules, where the instrument is and whom to ask. */
export function ServiceFields({ editing }: { editing: boolean }) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24}>
        <TextField name="serviceContent" label="inst.serviceContent" schema={shape.serviceContent.unwrap()} rows={2} />
      </Col>
      <Col xs={12} md={6}>
        <Form.Item
          name="feePerHourYuan"
          label={t('inst.feePerHour')}
          rules={[yuanRule(shape.feePerHourFen.unwrap(), true)]}
        >
          <InputNumber<number> style={{ width: '100%' }} min={0} precision={2} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item
          name="feePerSampleYuan"
          label={t('inst.feePerSample')}
          rules={[yuanRule(shape.feePerSampleFen.unwrap(), true)]}
        >
          <InputNumber<number> style={{ width: '100%' }} min={0} precision={2} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <TextField name="feeNotes" label="inst.feeNotes" schema={shape.feeNotes.unwrap()} />
      </Col>
      <Col xs={24}>
        <TextField name="openRules" label="inst.openRules" schema={shape.openRules.unwrap()} rows={2} />
      </Col>
      <Col xs={24} md={12}>
        <TextField name="location" label="inst.location" schema={shape.location.unwrap()} />
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="regionCode" label={t('inst.region')} extra={t('inst.regionHint')}>
          <RegionCascader />
        </Form.Item>
      </Col>
      <ContactFields editing={editing} />
    </Row>
  );
}
