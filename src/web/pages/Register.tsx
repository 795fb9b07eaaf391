import { Alert, App, Button, Card, Checkbox, Col, Divider, Form, Input, Row, Select, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { chinaPhone } from '../../shared/api/common';
import { email as emailSchema, newUserInput } from '../../shared/api/identity';
import { registerOrganisationInput } from '../../shared/api/organisations';
import { type OrganisationType, organisationTypeLabels, organisationTypes } from '../../shared/roles';
import { http } from '../api/client';
import type { CreditCodeCheck, Me, RegisterBody } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { PasswordStrength, passwordRule } from '../components/PasswordStrength';
import { RegionCascader } from '../components/RegionCascader';
import { ActionError } from '../components/States';
import { useI18n } from '../i18n';
import { applyServerErrors } from '../lib/applyServerErrors';
import { checkCreditCode, creditCodeProblem, normaliseCreditCode } from '../lib/creditCode';
import { zodRule } from '../lib/zodRule';

interface Values {
  organisation: {
    name: string;
    nameEn?: string;
    creditCode: string;
    type?: OrganisationType;
    regionCode?: string;
    address?: string;
  };
  user: { name: string; email: string; phone?: string; password: string };
  confirm: string;
  acceptTerms: boolean;
}

const DRAFT_KEY = 'kc.draft.register';

/** Everything but passwords and the terms tick, so an interrupted registration can be resumed. */
function saveDraft(v: Partial<Values>): void {
  try {
    const draft = { organisation: v.organisation, user: { ...v.user, password: undefined } };
    localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Storage unavailable: no draft, nothing else changes.
  }
}

function loadDraft(): Partial<Values> | null {
  try {
    const raw = localStorage.getItem(DRAFT_KEY);
    return raw ? (JSON.parse(raw) as Partial<Values>) : null;
  } catch {
    return null;
  }
}

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

export default function Register() {
  const { t, label } = useI18n();
  const { setMe } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [registered, setRegistered] = useState<Record<string, boolean>>({});
  const [hasDraft, setHasDraft] = useState(false);
  const registeredRef = useRef(registered);
  registeredRef.current = registered;

  const password = Form.useWatch(['user', 'password'], form);
  const email = Form.useWatch(['user', 'email'], form);
  const phone = Form.useWatch(['user', 'phone'], form);
  const creditCode = Form.useWatch(['organisation', 'creditCode'], form) ?? '';

  useEffect(() => {
    const draft = loadDraft();
    if (draft) {
      form.setFieldsValue(draft);
      setHasDraft(true);
    }
  }, [form]);

  /** On leaving the field: tidy the code and ask the server whether it is already registered. */
  const checkRegistered = async () => {
    const raw = form.getFieldValue(['organisation', 'creditCode']) as string | undefined;
    if (!raw) return;
    const code = normaliseCreditCode(raw);
    if (code !== raw) form.setFieldValue(['organisation', 'creditCode'], code);
    if (!checkCreditCode(code).ok) {
      void form.validateFields([['organisation', 'creditCode']]);
      return;
    }
    try {
      const r = await http.get<CreditCodeCheck>(`/api/credit-codes/${encodeURIComponent(code)}/check`);
      setRegistered((prev) => ({ ...prev, [r.normalised]: r.registered }));
      registeredRef.current = { ...registeredRef.current, [r.normalised]: r.registered };
      void form.validateFields([['organisation', 'creditCode']]);
    } catch {
      // The server will check again on submit; the local checksum already passed.
    }
  };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body: RegisterBody = {
      organisation: {
        name: v.organisation.name.trim(),
        nameEn: blank(v.organisation.nameEn),
        creditCode: normaliseCreditCode(v.organisation.creditCode),
        type: v.organisation.type as OrganisationType,
        regionCode: v.organisation.regionCode as string,
        address: blank(v.organisation.address),
      },
      user: {
        name: v.user.name.trim(),
        email: v.user.email.trim(),
        phone: blank(v.user.phone),
        password: v.user.password,
      },
      acceptTerms: true,
    };
    try {
      const me = await http.post<Me>('/api/auth/register', body);
      localStorage.removeItem(DRAFT_KEY);
      setMe(me);
      message.success(t('register.done'));
      navigate('/workspace', { replace: true, state: { justRegistered: true } });
    } catch (e) {
      setError(e);
      applyServerErrors(form, e, {
        EMAIL_TAKEN: ['user', 'email'],
        WEAK_PASSWORD: ['user', 'password'],
        ORG_DUPLICATE: ['organisation', 'creditCode'],
        CREDIT_CODE_INVALID_FORMAT: ['organisation', 'creditCode'],
        CREDIT_CODE_CHECKSUM: ['organisation', 'creditCode'],
        REGION_UNKNOWN: ['organisation', 'regionCode'],
      });
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setBusy(false);
    }
  };

  const normalised = normaliseCreditCode(creditCode);
  const codeOk = normalised.length > 0 && checkCreditCode(normalised).ok;

  return (
    <div style={{ maxWidth: 880, margin: '0 auto' }}>
      <Card>
        <Typography.Title level={2} style={{ fontSize: 24, marginTop: 0 }}>
          {t('register.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('register.lead')}</Typography.Paragraph>
        {hasDraft ? (
          <Alert
            type="info"
            showIcon
            title={t('register.draftRestored')}
            action={
              <Button
                size="small"
                onClick={() => {
                  localStorage.removeItem(DRAFT_KEY);
                  form.resetFields();
                  setHasDraft(false);
                }}
              >
                {t('register.draftDiscard')}
              </Button>
            }
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <ActionError error={error} onClose={() => setError(null)} />
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          onValuesChange={(_, all) => saveDraft(all)}
          scrollToFirstError
          data-testid="register-form"
        >
          <Divider titlePlacement="start">{t('register.orgSection')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name={['organisation', 'name']}
                label={t('org.name')}
                rules={[
                  { required: true, message: t('org.nameRequired') },
                  zodRule(registerOrganisationInput.shape.name),
                ]}
              >
                <Input autoComplete="organization" maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['organisation', 'nameEn']}
                label={t('org.nameEnOptional')}
                rules={[zodRule(registerOrganisationInput.shape.nameEn, { optional: true })]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['organisation', 'creditCode']}
                label={t('org.creditCode')}
                validateFirst
                hasFeedback={codeOk}
                extra={
                  codeOk && registered[normalised] === false
                    ? t('creditCode.okFree')
                    : t('creditCode.hint', { n: normalised.length })
                }
                rules={[
                  { required: true, message: t('creditCode.required') },
                  {
                    validator: async (_, value: string | undefined) => {
                      if (!value) return;
                      const problem = creditCodeProblem(value, t);
                      if (problem) throw new Error(problem);
                      if (registeredRef.current[normaliseCreditCode(value)])
                        throw new Error(t('creditCode.registered'));
                    },
                  },
                ]}
              >
                <Input
                  onBlur={() => void checkRegistered()}
                  autoComplete="off"
                  spellCheck={false}
                  style={{ fontFamily: 'monospace', letterSpacing: 1 }}
                  placeholder="91330602MA2XXXXXXX"
                  data-testid="credit-code"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['organisation', 'type']}
                label={t('org.type')}
                rules={[{ required: true, message: t('org.typeRequired') }]}
              >
                <Select
                  placeholder={t('org.typePlaceholder')}
                  options={organisationTypes.map((ty) => ({ value: ty, label: label(organisationTypeLabels[ty]) }))}
                  data-testid="org-type"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['organisation', 'regionCode']}
                label={t('org.region')}
                rules={[{ required: true, message: t('org.regionRequired') }]}
                extra={t('org.regionHint')}
              >
                <RegionCascader />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['organisation', 'address']}
                label={t('org.addressOptional')}
                rules={[zodRule(registerOrganisationInput.shape.address, { optional: true })]}
              >
                <Input autoComplete="street-address" maxLength={200} />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start">{t('register.userSection')}</Divider>
          <Typography.Paragraph type="secondary">{t('register.userLead')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name={['user', 'name']}
                label={t('user.name')}
                rules={[{ required: true, message: t('user.nameRequired') }, zodRule(newUserInput.shape.name)]}
              >
                <Input autoComplete="name" maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['user', 'email']}
                label={t('user.email')}
                rules={[{ required: true, message: t('auth.emailRequired') }, zodRule(emailSchema)]}
              >
                <Input autoComplete="email" inputMode="email" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['user', 'phone']}
                label={t('user.phoneOptional')}
                rules={[zodRule(chinaPhone, { optional: true })]}
                extra={t('user.phoneHint')}
              >
                <Input autoComplete="tel" inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} />
            <Col xs={24} md={12}>
              <Form.Item
                name={['user', 'password']}
                label={t('password.label')}
                dependencies={[
                  ['user', 'email'],
                  ['user', 'phone'],
                ]}
                rules={[
                  { required: true, message: t('password.newRequired') },
                  passwordRule(t, () => ({
                    email: form.getFieldValue(['user', 'email']),
                    phone: form.getFieldValue(['user', 'phone']),
                  })),
                ]}
                extra={<PasswordStrength password={password} email={email} phone={phone} />}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="confirm"
                label={t('password.confirm')}
                dependencies={[['user', 'password']]}
                rules={[
                  { required: true, message: t('password.confirmRequired') },
                  ({ getFieldValue }) => ({
                    validator: async (_, value) => {
                      if (value && value !== getFieldValue(['user', 'password']))
                        throw new Error(t('password.mismatch'));
                    },
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="acceptTerms"
            valuePropName="checked"
            rules={[
              {
                validator: async (_, v) => {
                  if (!v) throw new Error(t('register.termsRequired'));
                },
              },
            ]}
          >
            <Checkbox data-testid="accept-terms">{t('register.terms')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" loading={busy} block>
            {t('register.submit')}
          </Button>
          <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
            {t('register.haveAccount')} <Link to="/login">{t('action.signIn')}</Link>
          </Typography.Paragraph>
        </Form>
      </Card>
    </div>
  );
}
