import { App, Form, Modal } from 'antd';
import { useState } from 'react';
import { updateOrganisationBody } from '../../shared/api/organisations';
import { http } from '../api/client';
import type { OrganisationDetail, OrganisationView } from '../api/types';
import { useI18n } from '../i18n';
import { applyServerErrors } from '../lib/applyServerErrors';
import { OrganisationNameFields, OrganisationPlaceFields } from './OrganisationFields';
import { ActionError } from './States';

interface Values {
  name: string;
  nameEn?: string;
  address?: string;
  regionCode: string;
}

/**
 * Edit what may change after registration (not the credit code). With `resubmit`, a returned
 * registration is sent back for verification right after saving.
 */
export function EditOrganisationModal({
  org,
  resubmit = false,
  onClose,
  onSaved,
}: {
  org: OrganisationView;
  resubmit?: boolean;
  onClose: () => void;
  onSaved: (next?: OrganisationDetail) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await http.patch(`/api/organisations/${org.id}`, {
        name: v.name.trim(),
        nameEn: v.nameEn?.trim() || null,
        address: v.address?.trim() || null,
        regionCode: v.regionCode,
      });
      let next: OrganisationDetail | undefined;
      if (resubmit) next = await http.post<OrganisationDetail>(`/api/organisations/${org.id}/resubmit`, {});
      message.success(resubmit ? t('myOrg.resubmitted') : t('myOrg.saved'));
      onSaved(next);
      onClose();
    } catch (e) {
      setError(e);
      applyServerErrors(form, e, { REGION_UNKNOWN: ['regionCode'], REGION_OUT_OF_SCOPE: ['regionCode'] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={resubmit ? t('myOrg.resubmitTitle') : t('myOrg.editTitle')}
      okText={resubmit ? t('myOrg.resubmit') : t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <ActionError error={error} onClose={() => setError(null)} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          name: org.name,
          nameEn: org.nameEn ?? undefined,
          address: org.address ?? undefined,
          regionCode: org.regionCode,
        }}
      >
        <OrganisationNameFields nameSchema={updateOrganisationBody.shape.name} />
        <OrganisationPlaceFields />
      </Form>
    </Modal>
  );
}
