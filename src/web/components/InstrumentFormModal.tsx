import { Alert, Button, Divider, Form, Modal } from 'antd';
import type { InstrumentDetail } from '../api/types';
import { useI18n } from '../i18n';
import { BasicFields } from './instrument-form/BasicFields';
import { RulesFields } from './instrument-form/RulesFields';
import { ServiceFields } from './instrument-form/ServiceFields';
import { useInstrumentForm } from './instrument-form/useInstrumentForm';
import type { Org, Values } from './instrument-form/values';
import { ActionError } from './States';

/**
 * List (登记) or edit an instrument: the national data elements, fees, location and contact, and the
 * main booking rules. Every field runs the server's own schema; money is typed in 元 and sent in fen.
 */
export function InstrumentFormModal(props: {
  instrument?: InstrumentDetail;
  organisations: Org[];
  onClose: () => void;
  onSaved: (saved: InstrumentDetail) => void;
}) {
  const { instrument, organisations, onClose } = props;
  const { t } = useI18n();
  const f = useInstrumentForm(props);

  return (
    <Modal
      open
      width={920}
      title={instrument ? t('inst.editTitle', { name: instrument.nameZh }) : t('inst.createTitle')}
      okText={f.editing ? t('action.save') : t('inst.createSubmit')}
      cancelText={t('action.cancel')}
      confirmLoading={f.busy}
      onOk={() => f.form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'instrument-save' }}
      destroyOnHidden
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto', paddingRight: 8 } }}
    >
      {f.restored ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('inst.draftRestored')}
          action={
            <Button size="small" onClick={f.discardDraft}>
              {t('register.draftDiscard')}
            </Button>
          }
        />
      ) : null}
      <ActionError error={f.error} onClose={f.clearError} />
      <Form<Values>
        form={f.form}
        layout="vertical"
        initialValues={f.initial}
        onFinish={f.submit}
        scrollToFirstError
        onValuesChange={f.onValuesChange}
      >
        <Divider titlePlacement="start">{t('inst.section.basic')}</Divider>
        <BasicFields editing={f.editing} organisations={organisations} />

        <Divider titlePlacement="start">{t('inst.section.service')}</Divider>
        <ServiceFields editing={f.editing} />

        <Divider titlePlacement="start">{t('inst.section.rules')}</Divider>
        <RulesFields />
      </Form>
    </Modal>
  );
}
