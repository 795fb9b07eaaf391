import { Alert, App, Button, Card, Col, Form, type FormInstance, Input, Row, Space } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { createProgrammeBody, programmeSettings } from '../../../../shared/api/vouchers';
import { http } from '../../../api/client';
import { useMe } from '../../../auth/AuthContext';
import { PageHeader } from '../../../components/PageHeader';
import { RegionCascader } from '../../../components/RegionCascader';
import { ActionError } from '../../../components/States';
import { pickBilingual, useI18n } from '../../../i18n';
import { applyServerErrors } from '../../../lib/applyServerErrors';
import { zodRule } from '../../../lib/zodRule';
import type { ProgrammeDetail, ProgrammeSettings } from '../api';
import { voucherApi } from '../api';
import { useDraft } from '../useDraft';
import { SettingsFields } from './SettingsFields';
import { defaultSettings, fieldOf, formToSettings, type SettingsValues } from './settingsForm';

interface Values extends SettingsValues {
  code: string;
  name: string;
  regionCode: string;
  description?: string;
}

/**
 * The settings the form holds, checked by the same schema the server uses; a refusal goes to the
 * field it is about. Null when something is wrong (the fields then show why).
 */
export function checkedSettings(
  form: FormInstance,
  values: SettingsValues,
  lang: 'zh' | 'en',
): ProgrammeSettings | null {
  const parsed = programmeSettings.safeParse(formToSettings(values));
  if (parsed.success) return parsed.data;
  form.setFields(
    parsed.error.issues.map((i) => ({
      name: fieldOf[String(i.path[0])] ?? String(i.path[0]),
      errors: [pickBilingual(i.message, lang)],
    })),
  );
  return null;
}

const DRAFT_KEY = 'kc.draft.voucherProgramme';
type Draft = Omit<Values, 'validity'> & { validity?: [string, string] };

/** A new voucher programme for a region: its code and name, then the first settings version. */
export default function ProgrammeNew() {
  const me = useMe();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const draft = useDraft<Draft>(DRAFT_KEY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const myRegion = me.roles.find((r) => r.regionCode)?.regionCode ?? undefined;
  const initial = useMemo((): Partial<Values> => {
    const d = draft.initial;
    const base = { regionCode: myRegion, ...defaultSettings(myRegion) };
    if (!d) return base;
    return {
      ...base,
      ...d,
      validity: d.validity ? [dayjs(d.validity[0]), dayjs(d.validity[1])] : base.validity,
    } as Partial<Values>;
  }, [draft.initial, myRegion]);

  const submit = async (v: Values) => {
    const settings = checkedSettings(form, v, lang);
    if (!settings) return;
    setBusy(true);
    setError(null);
    try {
      const created = await http.post<ProgrammeDetail>(voucherApi.programmes, {
        code: v.code.trim(),
        name: v.name.trim(),
        regionCode: v.regionCode,
        description: v.description?.trim() || undefined,
        settings,
      });
      draft.discard();
      message.success(t('vch.prog.created'));
      navigate(`/vouchers/programmes/${created.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e, { VOUCHER_PROGRAMME_CODE_TAKEN: ['code'] }, [])) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('vch.prog.new')}
        crumbs={[{ title: t('nav.vchProgrammes'), path: '/vouchers/programmes' }, { title: t('vch.prog.new') }]}
        subTitle={t('vch.prog.newLead')}
      />
      <Card style={{ maxWidth: 1040 }}>
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
                  form.setFieldsValue({ regionCode: myRegion, ...defaultSettings(myRegion) });
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
          initialValues={initial}
          onFinish={submit}
          scrollToFirstError
          onValuesChange={(_, all) =>
            draft.save({
              ...all,
              validity: all.validity
                ? [all.validity[0]?.format('YYYY-MM-DD'), all.validity[1]?.format('YYYY-MM-DD')]
                : undefined,
            } as Draft)
          }
          data-testid="programme-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="code"
                label={t('vch.prog.code')}
                extra={t('vch.prog.codeHint')}
                rules={[
                  { required: true, message: t('vch.prog.codeRequired') },
                  zodRule(createProgrammeBody.shape.code),
                ]}
              >
                <Input maxLength={40} placeholder="SX-2026" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="name"
                label={t('vch.prog.name')}
                rules={[
                  { required: true, message: t('vch.prog.nameRequired') },
                  zodRule(createProgrammeBody.shape.name),
                ]}
              >
                <Input maxLength={100} placeholder={t('vch.prog.namePlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="regionCode"
                label={t('vch.prog.region')}
                htmlFor="prog-region"
                rules={[{ required: true, message: t('vch.prog.regionRequired') }]}
              >
                <RegionCascader id="prog-region" changeOnSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="description" label={t('vch.prog.description')}>
                <Input.TextArea rows={2} maxLength={5000} />
              </Form.Item>
            </Col>
          </Row>
          <SettingsFields />
          <Space>
            {/* Not a submit button: with none, Enter in a date box (which confirms the typed date) cannot
                create the programme by implicit submission; only this click does. */}
            <Button type="primary" onClick={() => form.submit()} loading={busy} data-testid="programme-submit">
              {t('vch.prog.createSubmit')}
            </Button>
            <Button onClick={() => navigate('/vouchers/programmes')}>{t('action.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
