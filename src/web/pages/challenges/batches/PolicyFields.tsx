import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { type SubsidyBase, subsidyBaseLabels, subsidyBases } from '../../../../shared/api/challenges';
import { useI18n } from '../../../i18n';

export interface PolicyValues {
  ratioPct: number;
  capWan: number;
  base: SubsidyBase;
  note?: string;
}

/** Percent and 万元 on screen; basis points and integer fen on the wire. */
export function toPolicyInput(v: PolicyValues) {
  return {
    ratioBp: Math.round(v.ratioPct * 100),
    capFen: Math.round(v.capWan * 1_000_000),
    base: v.base,
    note: v.note?.trim() || undefined,
  };
}

/** The subsidy policy's settings: subsidy = min(ratio × base, cap). */
export function PolicyFields() {
  const { t, label } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24} md={6}>
        <Form.Item
          name="ratioPct"
          label={t('cbatch.ratio')}
          rules={[{ required: true, message: t('cbatch.ratioRequired') }]}
        >
          <InputNumber min={0.01} max={100} precision={2} style={{ width: '100%' }} addonAfter="%" />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name="capWan" label={t('cbatch.cap')} rules={[{ required: true, message: t('cbatch.capRequired') }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} addonAfter={t('need.wan')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="base" label={t('cbatch.base')} rules={[{ required: true }]} extra={t('cbatch.baseHint')}>
          <Select options={subsidyBases.map((b) => ({ value: b, label: label(subsidyBaseLabels[b]) }))} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="note" label={t('cbatch.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Col>
    </Row>
  );
}
