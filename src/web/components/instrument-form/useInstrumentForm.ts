import { App, Form } from 'antd';
import { useMemo, useState } from 'react';
import { bookingRulesSchema } from '../../../shared/booking-rules';
import { http } from '../../api/client';
import type { InstrumentDetail } from '../../api/types';
import { pickBilingual, useI18n } from '../../i18n';
import { applyServerErrors } from '../../lib/applyServerErrors';
import { dropDraft, hasDraft, initialValues, type Org, rulesToSend, saveDraft, toPayload, type Values } from './values';

/** Server codes that belong to one field: the refusal is shown under it. */
const FIELD_OF_CODE = {
  INSTRUMENT_CLASS_UNKNOWN: ['classCode'],
  INSTRUMENT_BELOW_THRESHOLD: ['originalValueYuan'],
  INSTRUMENT_DUPLICATE_ASSET: ['assetNo'],
  REGION_UNKNOWN: ['regionCode'],
};

/**
 * The instrument form's state and its submit: the booking rules are checked with the server's
 * schema first, then the listing is created or the edit saved; a refusal goes to its field and to
 * the banner. A new listing keeps a draft as it is typed.
 */
export function useInstrumentForm({
  instrument,
  organisations,
  onClose,
  onSaved,
}: {
  instrument?: InstrumentDetail;
  organisations: Org[];
  onClose: () => void;
  onSaved: (saved: InstrumentDetail) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const editing = !!instrument;
  const initial = useMemo(() => initialValues(instrument, organisations), [instrument, organisations]);
  const [restored, setRestored] = useState(() => !editing && hasDraft());

  const submit = async (v: Values) => {
    setError(null);
    const parsed = bookingRulesSchema.safeParse(rulesToSend(v, instrument));
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((i) => ({
          name: ['bookingRules', ...(i.path as (string | number)[])] as never,
          errors: [pickBilingual(i.message, lang)],
        })),
      );
      return;
    }
    const common = toPayload(v, editing, parsed.data as unknown as Record<string, unknown>);
    setBusy(true);
    try {
      const saved = editing
        ? await http.patch<InstrumentDetail>(`/api/instruments/${instrument.id}`, common)
        : await http.post<InstrumentDetail>('/api/instruments', {
            ...common,
            organisationId: v.organisationId,
            assetNo: v.assetNo?.trim(),
          });
      if (!editing) dropDraft();
      message.success(editing ? t('inst.saved', { name: saved.nameZh }) : t('inst.created', { name: saved.nameZh }));
      onSaved(saved);
      onClose();
    } catch (e) {
      applyServerErrors(form, e, FIELD_OF_CODE);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  /** Forgets the restored draft and starts the form over from the defaults. */
  const discardDraft = () => {
    dropDraft();
    const cleared = Object.fromEntries(Object.keys(form.getFieldsValue(true)).map((k) => [k, undefined]));
    form.setFieldsValue({ ...cleared, ...initialValues(undefined, organisations) });
    setRestored(false);
  };

  const onValuesChange = (_: unknown, all: Values) => {
    if (!editing) saveDraft(all);
  };

  return {
    form,
    busy,
    error,
    clearError: () => setError(null),
    editing,
    initial,
    restored,
    submit,
    discardDraft,
    onValuesChange,
  };
}
