import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Divider, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { chinaPhone } from '../../../../shared/api/common';
import { providerApplicationBody, publishedService, serviceKindLabels } from '../../../../shared/api/vouchers';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { useMe } from '../../../auth/AuthContext';
import { PageHeader } from '../../../components/PageHeader';
import { ActionError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { applyServerErrors } from '../../../lib/applyServerErrors';
import { useAsync } from '../../../lib/useAsync';
import { zodRule } from '../../../lib/zodRule';
import { type ProgrammeSummary, type ProviderDetail, voucherApi } from '../api';
import { providerOrganisations, YuanInput } from '../common';
import { useDraft } from '../useDraft';

interface ServiceValues {
  key: string;
  name: string;
  kind: 'testing' | 'technology_service';
  feeYuan: number;
  unit: string;
  standard?: string;
}
interface Values {
  programmeId: string;
  organisationId: string;
  serviceKinds: (keyof typeof serviceKindLabels)[];
  services: ServiceValues[];
  intro: string;
  contactName: string;
  contactPhone: string;
  pledge: boolean;
}

const DRAFT_KEY = 'kc.draft.voucherProvider';

/**
 * 服务机构入库申请: which programme, which services (instrument services use the instruments' fee
 * schedule; testing and technology services are published here with their fees), an introduction,
 * a contact and the self-evaluation pledge. The bureau then runs the credit check and decides.
 */
export default function ProviderApply() {
  const me = useMe();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const orgs = providerOrganisations(me);
  const [form] = Form.useForm<Values>();
  const draft = useDraft<Values>(DRAFT_KEY);
  const kinds = Form.useWatch('serviceKinds', form) ?? [];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const programmes = useAsync(
    (signal) =>
      http.get<Paged<ProgrammeSummary>>(voucherApi.programmes, { status: 'active', pageSize: 200 }, { signal }),
    [],
  );
  // One active programme (the usual case): pick it.
  const only = programmes.data?.items.length === 1 ? programmes.data.items[0]?.id : undefined;
  useEffect(() => {
    if (only && !form.getFieldValue('programmeId')) form.setFieldsValue({ programmeId: only });
  }, [only, form]);
  const needsServices = kinds.includes('testing') || kinds.includes('technology_service');

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const created = await http.post<ProviderDetail>(voucherApi.providers, {
        programmeId: v.programmeId,
        organisationId: v.organisationId,
        serviceKinds: v.serviceKinds,
        services: needsServices
          ? (v.services ?? []).map((s) => ({
              key: s.key.trim(),
              name: s.name.trim(),
              kind: s.kind,
              feeFen: Math.round(s.feeYuan * 100),
              unit: s.unit.trim(),
              standard: s.standard?.trim() || undefined,
            }))
          : [],
        intro: v.intro.trim(),
        contactName: v.contactName.trim(),
        contactPhone: v.contactPhone.trim(),
        pledge: v.pledge,
      });
      draft.discard();
      message.success(t('vch.prov.applied'));
      navigate(`/vouchers/provider/${created.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e, { VOUCHER_PROVIDER_DUPLICATE: ['programmeId'] })) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('vch.prov.applyTitle')}
        crumbs={[{ title: t('nav.vchProvider'), path: '/vouchers/provider' }, { title: t('vch.prov.applyTitle') }]}
        subTitle={t('vch.prov.applyLead')}
      />
      <Card style={{ maxWidth: 960 }}>
        {draft.restored ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('vch.draftRestored')}
            action={
              <Button
                size="small"
                onClick={() => {
                  draft.discard();
                  form.resetFields();
                }}
              >
                {t('register.draftDiscard')}
              </Button>
            }
          />
        ) : null}
        <ActionError error={error} onClose={() => setError(null)} />
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            organisationId: orgs[0]?.id,
            serviceKinds: ['instrument_use', 'instrument_testing'],
            ...draft.initial,
            pledge: false,
          }}
          onFinish={submit}
          onValuesChange={(_, all) => draft.save({ ...all, pledge: false })}
          scrollToFirstError
          data-testid="provider-apply-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="programmeId"
                label={t('vch.programme')}
                rules={[{ required: true, message: t('vch.prov.programmeRequired') }]}
                extra={programmes.data?.items.length === 0 ? t('vch.prov.noActiveProgrammes') : undefined}
              >
                <Select
                  loading={programmes.loading}
                  options={(programmes.data?.items ?? []).map((p) => ({
                    value: p.id,
                    label: `${p.name}（${p.regionName}）`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="organisationId" label={t('vch.prov.organisation')} rules={[{ required: true }]}>
                <Select options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="serviceKinds"
            label={t('vch.prov.serviceKinds')}
            rules={[{ required: true, message: t('vch.prov.serviceKindsRequired') }]}
          >
            <Checkbox.Group
              options={Object.entries(serviceKindLabels).map(([k, l]) => ({ value: k, label: label(l) }))}
            />
          </Form.Item>
          {needsServices ? (
            <>
              <Divider titlePlacement="start">{t('vch.prov.services')}</Divider>
              <Typography.Paragraph type="secondary">{t('vch.prov.servicesHint')}</Typography.Paragraph>
              <Form.List name="services">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Row key={f.key} gutter={8} align="top" data-testid="provider-service-row">
                        <Col xs={12} md={4}>
                          <Form.Item
                            name={[f.name, 'key']}
                            label={t('vch.prov.svc.key')}
                            rules={[{ required: true }, zodRule(publishedService.shape.key)]}
                          >
                            <Input placeholder="xrd-scan" />
                          </Form.Item>
                        </Col>
                        <Col xs={12} md={6}>
                          <Form.Item
                            name={[f.name, 'name']}
                            label={t('vch.prov.svc.name')}
                            rules={[{ required: true }, zodRule(publishedService.shape.name)]}
                          >
                            <Input />
                          </Form.Item>
                        </Col>
                        <Col xs={12} md={4}>
                          <Form.Item
                            name={[f.name, 'kind']}
                            label={t('vch.prov.svc.kind')}
                            rules={[{ required: true }]}
                          >
                            <Select
                              options={(['testing', 'technology_service'] as const).map((k) => ({
                                value: k,
                                label: label(serviceKindLabels[k]),
                              }))}
                            />
                          </Form.Item>
                        </Col>
                        <Col xs={12} md={3}>
                          <Form.Item
                            name={[f.name, 'feeYuan']}
                            label={t('vch.prov.svc.fee')}
                            rules={[{ required: true }, { type: 'number', min: 0.01 }]}
                          >
                            <YuanInput min={0.01} />
                          </Form.Item>
                        </Col>
                        <Col xs={8} md={2}>
                          <Form.Item
                            name={[f.name, 'unit']}
                            label={t('vch.prov.svc.unit')}
                            rules={[{ required: true }, zodRule(publishedService.shape.unit)]}
                          >
                            <Input placeholder={t('vch.prov.svc.unitPlaceholder')} />
                          </Form.Item>
                        </Col>
                        <Col xs={12} md={4}>
                          <Form.Item name={[f.name, 'standard']} label={t('vch.prov.svc.standard')}>
                            <Input maxLength={200} />
                          </Form.Item>
                        </Col>
                        <Col xs={4} md={1}>
                          <Form.Item label=" " colon={false}>
                            <Button
                              icon={<DeleteOutlined />}
                              aria-label={t('action.remove')}
                              onClick={() => remove(f.name)}
                            />
                          </Form.Item>
                        </Col>
                      </Row>
                    ))}
                    <Button
                      icon={<PlusOutlined />}
                      onClick={() => add({ kind: 'testing' })}
                      style={{ marginBottom: 16 }}
                    >
                      {t('vch.prov.svc.add')}
                    </Button>
                  </>
                )}
              </Form.List>
            </>
          ) : null}
          <Divider titlePlacement="start">{t('vch.prov.about')}</Divider>
          <Form.Item
            name="intro"
            label={t('vch.prov.intro')}
            rules={[
              { required: true, message: t('vch.prov.introRequired') },
              zodRule(providerApplicationBody.shape.intro),
            ]}
          >
            <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('vch.prov.introPlaceholder')} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="contactName"
                label={t('vch.prov.contactName')}
                rules={[{ required: true }, zodRule(providerApplicationBody.shape.contactName)]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="contactPhone"
                label={t('vch.prov.contactPhone')}
                rules={[{ required: true }, zodRule(chinaPhone)]}
              >
                <Input maxLength={20} inputMode="tel" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="pledge"
            valuePropName="checked"
            rules={[
              {
                validator: async (_r, v) => {
                  if (!v) throw new Error(t('vch.prov.pledgeRequired'));
                },
              },
            ]}
          >
            <Checkbox data-testid="provider-pledge">{t('vch.prov.pledge')}</Checkbox>
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="provider-apply-submit">
              {t('vch.prov.submit')}
            </Button>
            <Button onClick={() => navigate('/vouchers/provider')}>{t('action.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
