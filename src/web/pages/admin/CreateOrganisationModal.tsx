import { Alert, App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { registerOrganisationInput } from '../../../shared/api/organisations';
import { type OrganisationType, organisationTypeLabels, organisationTypes } from '../../../shared/roles';
import { http } from '../../api/client';
import type { AdminCreateOrganisationBody, OrganisationView } from '../../api/types';
import { OrganisationNameFields, OrganisationPlaceFields } from '../../components/OrganisationFields';
import { ActionError } from '../../components/States';
import { useI18n } from '../../i18n';
import { applyServerErrors } from '../../lib/applyServerErrors';
import { checkCreditCode, creditCodeProblem, normaliseCreditCode } from '../../lib/creditCode';

interface Values {
  name: string;
  nameEn?: string;
  creditCode: string;
  type: OrganisationType;
  regionCode: string;
  address?: string;
  overrideChecksum?: boolean;
  overrideReason?: string;
}

/**
 * Bureau admins register organisations directly, including pilot-era codes that never passed the
 * checksum: that needs the override ticked and a reason, both kept in the audit log.
 */
export function CreateOrganisationModal({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const code = Form.useWatch('creditCode', form) ?? '';
  const override = Form.useWatch('overrideChecksum', form) ?? false;
  const check = code ? checkCreditCode(code) : null;
  const checksumOnly = check && !check.ok && check.reason === 'CHECKSUM';

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body: AdminCreateOrganisationBody = {
      name: v.name.trim(),
      nameEn: v.nameEn?.trim() || undefined,
      creditCode: normaliseCreditCode(v.creditCode),
      type: v.type,
      regionCode: v.regionCode,
      address: v.address?.trim() || undefined,
      overrideChecksum: !!(checksumOnly && v.overrideChecksum),
      overrideReason: checksumOnly && v.overrideChecksum ? v.overrideReason?.trim() : undefined,
    };
    try {
      const created = await http.post<OrganisationView>('/api/organisations', body);
      message.success(t('orgs.created', { name: created.name }));
      onCreated();
      onClose();
      navigate(`/admin/organisations/${created.id}`);
    } catch (e) {
      setError(e);
      applyServerErrors(form, e, {
        ORG_DUPLICATE: ['creditCode'],
        CREDIT_CODE_INVALID_FORMAT: ['creditCode'],
        CREDIT_CODE_CHECKSUM: ['creditCode'],
        REGION_UNKNOWN: ['regionCode'],
        REGION_OUT_OF_SCOPE: ['regionCode'],
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('orgs.create')}
      okText={t('orgs.createSubmit')}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <ActionError error={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <OrganisationNameFields nameSchema={registerOrganisationInput.shape.name} />
        <Form.Item
          name="creditCode"
          label={t('org.creditCode')}
          dependencies={['overrideChecksum']}
          rules={[
            { required: true, message: t('creditCode.required') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (!value) return;
                const r = checkCreditCode(value);
                if (!r.ok && r.reason === 'CHECKSUM' && getFieldValue('overrideChecksum')) return;
                const problem = creditCodeProblem(value, t);
                if (problem) throw new Error(problem);
              },
            }),
          ]}
        >
          <Input
            spellCheck={false}
            autoComplete="off"
            style={{ fontFamily: 'monospace' }}
            onBlur={() => {
              const v = form.getFieldValue('creditCode') as string | undefined;
              if (v) form.setFieldValue('creditCode', normaliseCreditCode(v));
            }}
          />
        </Form.Item>
        {checksumOnly ? (
          <>
            <Alert type="warning" showIcon title={t('orgs.overrideHint')} style={{ marginBottom: 12 }} />
            <Form.Item name="overrideChecksum" valuePropName="checked">
              <Checkbox>{t('orgs.override')}</Checkbox>
            </Form.Item>
            {override ? (
              <Form.Item
                name="overrideReason"
                label={t('orgs.overrideReason')}
                rules={[
                  { required: true, message: t('orgs.overrideReasonRequired') },
                  { min: 4, message: t('orgs.overrideReasonRequired') },
                  { max: 500 },
                ]}
              >
                <Input.TextArea rows={2} maxLength={500} showCount />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        <Form.Item name="type" label={t('org.type')} rules={[{ required: true, message: t('org.typeRequired') }]}>
          <Select options={organisationTypes.map((ty) => ({ value: ty, label: label(organisationTypeLabels[ty]) }))} />
        </Form.Item>
        <OrganisationPlaceFields />
      </Form>
    </Modal>
  );
}
