import { Checkbox, Col, Form, InputNumber, Row, Switch } from 'antd';
import { serviceModeLabels, serviceModes } from '../../../shared/booking-rules';
import { type MessageKey, useI18n } from '../../i18n';
import { zodRule } from '../../lib/zodRule';
import { OpeningHoursFields } from './OpeningHoursFields';
import { rulesShape } from './rules';
import type { RulesValues } from './values';

/** One whole-number booking setting with its unit. */
function RuleNumber({ name, label, unit }: { name: keyof RulesValues; label: MessageKey; unit: MessageKey }) {
  const { t } = useI18n();
  return (
    <Col xs={12} md={8}>
      <Form.Item
        name={['bookingRules', name]}
        label={t(label)}
        rules={[{ required: true, message: t('inst.rules.required') }, zodRule(rulesShape[name])]}
      >
        <InputNumber style={{ width: '100%' }} min={0} precision={0} addonAfter={t(unit)} />
      </Form.Item>
    </Col>
  );
}

/** The main booking settings and the opening hours per weekday. */
export function RulesFields() {
  const { t, label } = useI18n();
  return (
    <>
      <Row gutter={16}>
        <Col xs={12} md={8}>
          <Form.Item
            name={['bookingRules', 'requiresApproval']}
            label={t('inst.rules.requiresApproval')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            name={['bookingRules', 'qualificationRequired']}
            label={t('inst.rules.qualificationRequired')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['bookingRules', 'serviceModes']}
            label={t('inst.rules.serviceModes')}
            rules={[{ required: true, type: 'array', min: 1, message: t('inst.rules.serviceModesRequired') }]}
          >
            <Checkbox.Group options={serviceModes.map((m) => ({ value: m, label: label(serviceModeLabels[m]) }))} />
          </Form.Item>
        </Col>
        <RuleNumber name="minMinutes" label="inst.rules.minMinutes" unit="unit.minutes" />
        <RuleNumber name="maxMinutes" label="inst.rules.maxMinutes" unit="unit.minutes" />
        <RuleNumber name="slotMinutes" label="inst.rules.slotMinutes" unit="unit.minutes" />
        <RuleNumber name="advanceNoticeHours" label="inst.rules.advanceNoticeHours" unit="unit.hours" />
        <RuleNumber name="horizonDays" label="inst.rules.horizonDays" unit="unit.days" />
        <RuleNumber name="bufferMinutes" label="inst.rules.bufferMinutes" unit="unit.minutes" />
      </Row>
      <OpeningHoursFields />
    </>
  );
}
