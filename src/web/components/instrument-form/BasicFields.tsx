import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { instrumentPurposes, instrumentStatuses, shareModes } from '../../../shared/api/instruments';
import { useI18n } from '../../i18n';
import { instrumentStatusLabels, purposeLabels, shareModeLabels } from '../../lib/instruments';
import { zodRule } from '../../lib/zodRule';
import { ClassCodeInput } from '../ClassCascader';
import { shape, yuanRule } from './rules';
import { TextField } from './TextField';
import type { Org } from './values';

/**
 * The national data elements: owner and asset number (a new listing only: they key the listing
 * to its asset card), names, class, value, maker, dates, status, sharing and purpose.
 */
export function BasicFields({ editing, organisations }: { editing: boolean; organisations: Org[] }) {
  const { t, label } = useI18n();
  return (
    <Row gutter={16}>
      {!editing ? (
        <>
          <Col xs={24} md={12}>
            <Form.Item
              name="organisationId"
              label={t('inst.owner')}
              rules={[{ required: true, message: t('inst.ownerRequired') }]}
            >
              <Select options={organisations.map((o) => ({ value: o.id, label: o.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="assetNo"
              label={t('inst.assetNo')}
              extra={t('inst.assetNoHint')}
              rules={[{ required: true, message: t('inst.assetNoRequired') }, zodRule(shape.assetNo)]}
            >
              <Input />
            </Form.Item>
          </Col>
        </>
      ) : null}
      <Col xs={24} md={12}>
        <Form.Item
          name="nameZh"
          label={t('inst.nameZh')}
          rules={[
            { required: true, message: t('inst.nameRequired') },
            { min: 2, max: 50, message: t('inst.nameLength') },
            zodRule(shape.nameZh),
          ]}
        >
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <TextField name="nameEn" label="inst.nameEnOptional" schema={shape.nameEn.unwrap()} />
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="classCode"
          label={t('inst.class')}
          extra={t('inst.classHint')}
          rules={[{ required: true, message: t('inst.classRequired') }, zodRule(shape.classCode)]}
        >
          <ClassCodeInput />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="originalValueYuan"
          label={t('inst.valueYuan')}
          extra={t('inst.valueHint')}
          rules={[{ required: true, message: t('inst.valueRequired') }, yuanRule(shape.originalValueFen)]}
        >
          <InputNumber<number>
            style={{ width: '100%' }}
            min={0}
            precision={2}
            formatter={(v) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}
            parser={(v) => Number((v ?? '').replace(/,/g, ''))}
            addonAfter={t('money.unitYuan')}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <TextField name="manufacturer" label="inst.manufacturer" schema={shape.manufacturer.unwrap()} />
      </Col>
      <Col xs={12} md={8}>
        <TextField name="model" label="inst.model" schema={shape.model.unwrap()} />
      </Col>
      <Col xs={12} md={4}>
        <Form.Item
          name="country"
          label={t('inst.country')}
          normalize={(v: string) => v?.toUpperCase()}
          rules={[zodRule(shape.country.unwrap(), { optional: true })]}
        >
          <Input placeholder="CHN" maxLength={3} />
        </Form.Item>
      </Col>
      <Col xs={24} md={4}>
        <Form.Item name="purchaseDate" label={t('inst.purchaseDate')}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="status" label={t('inst.status')} rules={[{ required: true }]}>
          <Select options={instrumentStatuses.map((s) => ({ value: s, label: label(instrumentStatusLabels[s]) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="shareMode" label={t('inst.shareMode')} rules={[{ required: true }]}>
          <Select options={shareModes.map((s) => ({ value: s, label: label(shareModeLabels[s]) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="purpose" label={t('inst.purpose')} rules={[{ required: true }]}>
          <Select options={instrumentPurposes.map((s) => ({ value: s, label: label(purposeLabels[s]) }))} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <TextField name="specs" label="inst.specs" schema={shape.specs.unwrap()} rows={2} />
      </Col>
      <Col xs={24}>
        <TextField name="functions" label="inst.functions" schema={shape.functions.unwrap()} rows={2} />
      </Col>
    </Row>
  );
}
