import { Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Radio, Row, Select, Switch } from 'antd';
import { serviceKindLabels } from '../../../../shared/api/vouchers';
import { organisationTypeLabels, organisationTypes } from '../../../../shared/roles';
import { useI18n } from '../../../i18n';
import { YuanInput } from '../common';
import { RegionListField } from './RegionListField';

/**
 * The fields of a programme's settings version, grouped as an officer thinks of them: who may
 * apply, how much is covered, what qualifies, when, and how strictly the sensor must confirm use.
 */
export function SettingsFields() {
  const { t, label } = useI18n();
  const orgTypeOptions = organisationTypes.map((k) => ({ value: k, label: label(organisationTypeLabels[k]) }));
  const required = (message: string) => [{ required: true, message }];
  return (
    <>
      <Divider titlePlacement="start">{t('vch.prog.sec.eligibility')}</Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="eligibleOrgTypes"
            label={t('vch.prog.eligibleOrgTypes')}
            rules={required(t('vch.prog.pickAtLeastOne'))}
          >
            <Select mode="multiple" options={orgTypeOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="providerOrgTypes"
            label={t('vch.prog.providerOrgTypes')}
            rules={required(t('vch.prog.pickAtLeastOne'))}
          >
            <Select mode="multiple" options={orgTypeOptions} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="eligibleRegionCodes"
        label={t('vch.prog.eligibleRegions')}
        htmlFor="prog-eligible-regions"
        rules={required(t('vch.prog.pickAtLeastOneRegion'))}
      >
        <RegionListField id="prog-eligible-regions" emptyText={t('vch.prog.noRegions')} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="excludeFundedLastYear"
            label={t('vch.prog.excludeFunded')}
            valuePropName="checked"
            extra={t('vch.prog.excludeFundedHint')}
          >
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name="excludedCreditCodes"
            label={t('vch.prog.excludedCodes')}
            extra={t('vch.prog.excludedCodesHint')}
          >
            <Input.TextArea rows={2} placeholder="91330602MA2B3C4D5X" />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('vch.prog.sec.coverage')}</Divider>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name="coveragePct" label={t('vch.prog.coverage')} rules={required(t('vch.prog.valueRequired'))}>
            <InputNumber style={{ width: '100%' }} min={0.01} max={100} precision={2} suffix="%" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="fullCoverageBelowYuan" label={t('vch.prog.fullBelow')} extra={t('vch.prog.fullBelowHint')}>
            <YuanInput />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="perClaimCapYuan"
            label={t('vch.prog.perClaimCap')}
            dependencies={['annualCapYuan']}
            rules={[
              ...required(t('vch.prog.valueRequired')),
              ({ getFieldValue }) => ({
                validator: async (_r, v: number | undefined) => {
                  const annual = getFieldValue('annualCapYuan') as number | undefined;
                  if (v !== undefined && annual !== undefined && v > annual) throw new Error(t('vch.prog.capOrder'));
                },
              }),
            ]}
          >
            <YuanInput min={0.01} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="annualCapYuan" label={t('vch.prog.annualCap')} rules={required(t('vch.prog.valueRequired'))}>
            <YuanInput min={0.01} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="annualCapBy" label={t('vch.prog.annualCapBy')}>
            <Radio.Group
              options={[
                { value: 'enterprise', label: t('vch.prog.capByEnterprise') },
                { value: 'controller', label: t('vch.prog.capByController') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="budgetYuan" label={t('vch.prog.budget')} extra={t('vch.prog.budgetHint')}>
            <YuanInput />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('vch.prog.sec.services')}</Divider>
      <Form.Item name="serviceKinds" label={t('vch.prog.serviceKinds')} rules={required(t('vch.prog.pickAtLeastOne'))}>
        <Checkbox.Group options={Object.entries(serviceKindLabels).map(([k, l]) => ({ value: k, label: label(l) }))} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="validity" label={t('vch.prog.validity')} rules={required(t('vch.prog.validityRequired'))}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="claimGraceDays" label={t('vch.prog.grace')} extra={t('vch.prog.graceHint')}>
            <InputNumber style={{ width: '100%' }} min={0} max={366} precision={0} suffix={t('unit.days')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="minSensorSharePct"
            label={t('vch.prog.minSensorShare')}
            extra={t('vch.prog.minSensorShareHint')}
          >
            <InputNumber style={{ width: '100%' }} min={0} max={100} precision={0} suffix="%" />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('vch.prog.sec.partners')}</Divider>
      <Form.Item
        name="partnerRegionCodes"
        label={t('vch.prog.partners')}
        htmlFor="prog-partner-regions"
        extra={t('vch.prog.partnersHint')}
      >
        <RegionListField id="prog-partner-regions" emptyText={t('vch.prog.noPartners')} />
      </Form.Item>
    </>
  );
}
