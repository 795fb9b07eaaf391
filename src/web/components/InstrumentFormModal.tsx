import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { instrumentInput, instrumentPurposes, instrumentStatuses, shareModes } from '../../shared/api/instruments';
import {
  type BookingRulesInput,
  bookingRulesSchema,
  isoWeekdays,
  type OpeningWindow,
  openingWindowSchema,
  serviceModeLabels,
  serviceModes,
} from '../../shared/booking-rules';
import { http } from '../api/client';
import type { InstrumentDetail, InstrumentInput, Me } from '../api/types';
import { type MessageKey, pickBilingual, useI18n } from '../i18n';
import { applyServerErrors } from '../lib/applyServerErrors';
import { instrumentStatusLabels, parseRules, purposeLabels, shareModeLabels } from '../lib/instruments';
import { zodRule } from '../lib/zodRule';
import { ClassCodeInput } from './ClassCascader';
import { RegionCascader } from './RegionCascader';
import { ActionError } from './States';

type Org = Me['memberships'][number]['organisation'];

interface RulesValues {
  requiresApproval: boolean;
  qualificationRequired: boolean;
  serviceModes: string[];
  minMinutes: number;
  maxMinutes: number;
  slotMinutes: number;
  advanceNoticeHours: number;
  horizonDays: number;
  bufferMinutes: number;
  openingHours: Record<string, OpeningWindow[]>;
}

interface Values {
  organisationId?: string;
  assetNo?: string;
  nameZh: string;
  nameEn?: string;
  classCode: string;
  originalValueYuan: number;
  purchaseDate?: Dayjs | null;
  manufacturer?: string;
  country?: string;
  model?: string;
  status: string;
  shareMode: string;
  purpose: string;
  specs?: string;
  functions?: string;
  serviceContent?: string;
  feePerHourYuan?: number | null;
  feePerSampleYuan?: number | null;
  feeNotes?: string;
  openRules?: string;
  location?: string;
  regionCode?: string;
  contactName?: string;
  contactPhone?: string;
  bookingRules: RulesValues;
}

const DRAFT_KEY = 'kc.draft.instrument';
const shape = instrumentInput.shape;
const rulesShape = bookingRulesSchema.shape;

const toFen = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? undefined : Math.round(yuan * 100);
const toYuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? undefined : fen / 100);
const blank = (s: string | undefined | null) => (s?.trim() ? s.trim() : undefined);

/** A money field in 元 checked with the server's fen schema. */
function yuanRule(schema: Parameters<typeof zodRule>[0], optional = false): Rule {
  const inner = zodRule(schema, { optional });
  return {
    validator: async (rule, value: number | null | undefined) => {
      if (typeof inner === 'function') return;
      await inner.validator?.(rule, value === null || value === undefined ? value : Math.round(value * 100), () => {});
    },
  };
}

function rulesFrom(raw: unknown): RulesValues {
  const r = parseRules(raw);
  return {
    requiresApproval: r.requiresApproval,
    qualificationRequired: r.qualificationRequired,
    serviceModes: [...r.serviceModes],
    minMinutes: r.minMinutes,
    maxMinutes: r.maxMinutes,
    slotMinutes: r.slotMinutes,
    advanceNoticeHours: r.advanceNoticeHours,
    horizonDays: r.horizonDays,
    bufferMinutes: r.bufferMinutes,
    openingHours: Object.fromEntries(isoWeekdays.map((d) => [d, r.openingHours[d].map((w) => ({ ...w }))])),
  };
}

function initialValues(instrument: InstrumentDetail | undefined, orgs: Org[]): Partial<Values> {
  if (!instrument) {
    try {
      const draft = globalThis.localStorage?.getItem(DRAFT_KEY);
      if (draft) {
        const d = JSON.parse(draft) as Partial<Values> & { purchaseDate?: string };
        return {
          ...d,
          purchaseDate: d.purchaseDate ? dayjs(d.purchaseDate) : undefined,
          bookingRules: d.bookingRules ?? rulesFrom({}),
        };
      }
    } catch {
      // A broken draft is simply not restored.
    }
    return {
      organisationId: orgs[0]?.id,
      status: 'normal',
      shareMode: 'external',
      purpose: 'general',
      bookingRules: rulesFrom({}),
    };
  }
  const i = instrument;
  return {
    nameZh: i.nameZh,
    nameEn: i.nameEn ?? undefined,
    classCode: i.classCode,
    originalValueYuan: i.originalValueFen / 100,
    purchaseDate: i.purchaseDate ? dayjs(i.purchaseDate) : undefined,
    manufacturer: i.manufacturer ?? undefined,
    country: i.country ?? undefined,
    model: i.model ?? undefined,
    status: i.status,
    shareMode: i.shareMode,
    purpose: i.purpose,
    specs: i.specs ?? undefined,
    functions: i.functions ?? undefined,
    serviceContent: i.serviceContent ?? undefined,
    feePerHourYuan: toYuan(i.feePerHourFen),
    feePerSampleYuan: toYuan(i.feePerSampleFen),
    feeNotes: i.feeNotes ?? undefined,
    openRules: i.openRules ?? undefined,
    location: i.location ?? undefined,
    regionCode: i.regionCode,
    contactName: i.contactName ?? undefined,
    bookingRules: rulesFrom(i.bookingRules),
  };
}

/**
 * List (登记) or edit an instrument: the national data elements, fees, location and contact, and the
 * main booking rules. Every field runs the server's own schema; money is typed in 元 and sent in fen.
 */
export function InstrumentFormModal({
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
  const { t, label, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const editing = !!instrument;
  const initial = useMemo(() => initialValues(instrument, organisations), [instrument, organisations]);
  const [restored, setRestored] = useState(() => !editing && !!globalThis.localStorage?.getItem(DRAFT_KEY));

  const submit = async (v: Values) => {
    setError(null);
    const rules: BookingRulesInput = {
      ...parseRules(instrument?.bookingRules),
      ...v.bookingRules,
    } as BookingRulesInput;
    const parsed = bookingRulesSchema.safeParse(rules);
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((i) => ({
          name: ['bookingRules', ...(i.path as (string | number)[])] as never,
          errors: [pickBilingual(i.message, lang)],
        })),
      );
      return;
    }
    // Editing: an emptied optional field is sent as null, which clears it; omitted would keep it.
    const cleared = editing ? null : undefined;
    const common = {
      nameZh: v.nameZh.trim(),
      nameEn: blank(v.nameEn) ?? cleared,
      classCode: v.classCode,
      originalValueFen: toFen(v.originalValueYuan) ?? 0,
      purchaseDate: v.purchaseDate ? v.purchaseDate.format('YYYY-MM-DD') : cleared,
      manufacturer: blank(v.manufacturer) ?? cleared,
      country: blank(v.country)?.toUpperCase() ?? cleared,
      model: blank(v.model) ?? cleared,
      status: v.status as InstrumentInput['status'],
      shareMode: v.shareMode as InstrumentInput['shareMode'],
      purpose: v.purpose as InstrumentInput['purpose'],
      specs: blank(v.specs) ?? cleared,
      functions: blank(v.functions) ?? cleared,
      serviceContent: blank(v.serviceContent) ?? cleared,
      feePerHourFen: toFen(v.feePerHourYuan) ?? cleared,
      feePerSampleFen: toFen(v.feePerSampleYuan) ?? cleared,
      feeNotes: blank(v.feeNotes) ?? cleared,
      openRules: blank(v.openRules) ?? cleared,
      location: blank(v.location) ?? cleared,
      regionCode: v.regionCode || undefined,
      contactName: blank(v.contactName) ?? cleared,
      contactPhone: blank(v.contactPhone) ?? cleared,
      bookingRules: parsed.data as unknown as Record<string, unknown>,
    };
    setBusy(true);
    try {
      const saved = editing
        ? await http.patch<InstrumentDetail>(`/api/instruments/${instrument.id}`, common)
        : await http.post<InstrumentDetail>('/api/instruments', {
            ...common,
            organisationId: v.organisationId,
            assetNo: v.assetNo?.trim(),
          });
      if (!editing) globalThis.localStorage?.removeItem(DRAFT_KEY);
      message.success(editing ? t('inst.saved', { name: saved.nameZh }) : t('inst.created', { name: saved.nameZh }));
      onSaved(saved);
      onClose();
    } catch (e) {
      applyServerErrors(form, e, {
        INSTRUMENT_CLASS_UNKNOWN: ['classCode'],
        INSTRUMENT_BELOW_THRESHOLD: ['originalValueYuan'],
        INSTRUMENT_DUPLICATE_ASSET: ['assetNo'],
        REGION_UNKNOWN: ['regionCode'],
      });
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const text = (name: keyof Values, key: MessageKey, schema: Parameters<typeof zodRule>[0], rows = 0) => (
    <Form.Item name={name} label={t(key)} rules={[zodRule(schema, { optional: true })]}>
      {rows ? <Input.TextArea rows={rows} showCount maxLength={2000} /> : <Input />}
    </Form.Item>
  );

  return (
    <Modal
      open
      width={920}
      title={editing ? t('inst.editTitle', { name: instrument.nameZh }) : t('inst.createTitle')}
      okText={editing ? t('action.save') : t('inst.createSubmit')}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'instrument-save' }}
      destroyOnHidden
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto', paddingRight: 8 } }}
    >
      {restored ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('inst.draftRestored')}
          action={
            <Button
              size="small"
              onClick={() => {
                globalThis.localStorage?.removeItem(DRAFT_KEY);
                const cleared = Object.fromEntries(Object.keys(form.getFieldsValue(true)).map((k) => [k, undefined]));
                form.setFieldsValue({ ...cleared, ...initialValues(undefined, organisations) });
                setRestored(false);
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
        onValuesChange={(_, all) => {
          if (editing) return;
          try {
            globalThis.localStorage?.setItem(
              DRAFT_KEY,
              JSON.stringify({ ...all, purchaseDate: all.purchaseDate?.format('YYYY-MM-DD') }),
            );
          } catch {
            // Storage full or disabled: no draft.
          }
        }}
      >
        <Divider titlePlacement="start">{t('inst.section.basic')}</Divider>
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
            {text('nameEn', 'inst.nameEnOptional', shape.nameEn.unwrap())}
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
            {text('manufacturer', 'inst.manufacturer', shape.manufacturer.unwrap())}
          </Col>
          <Col xs={12} md={8}>
            {text('model', 'inst.model', shape.model.unwrap())}
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
              <Select
                options={instrumentStatuses.map((s) => ({ value: s, label: label(instrumentStatusLabels[s]) }))}
              />
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
          <Col xs={24}>{text('specs', 'inst.specs', shape.specs.unwrap(), 2)}</Col>
          <Col xs={24}>{text('functions', 'inst.functions', shape.functions.unwrap(), 2)}</Col>
        </Row>

        <Divider titlePlacement="start">{t('inst.section.service')}</Divider>
        <Row gutter={16}>
          <Col xs={24}>{text('serviceContent', 'inst.serviceContent', shape.serviceContent.unwrap(), 2)}</Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="feePerHourYuan"
              label={t('inst.feePerHour')}
              rules={[yuanRule(shape.feePerHourFen.unwrap(), true)]}
            >
              <InputNumber<number> style={{ width: '100%' }} min={0} precision={2} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="feePerSampleYuan"
              label={t('inst.feePerSample')}
              rules={[yuanRule(shape.feePerSampleFen.unwrap(), true)]}
            >
              <InputNumber<number> style={{ width: '100%' }} min={0} precision={2} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {text('feeNotes', 'inst.feeNotes', shape.feeNotes.unwrap())}
          </Col>
          <Col xs={24}>{text('openRules', 'inst.openRules', shape.openRules.unwrap(), 2)}</Col>
          <Col xs={24} md={12}>
            {text('location', 'inst.location', shape.location.unwrap())}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={t('inst.region')} extra={t('inst.regionHint')}>
              <RegionCascader />
            </Form.Item>
          </Col>
          <Col xs={12}>{text('contactName', 'inst.contactName', shape.contactName.unwrap())}</Col>
          <Col xs={12}>
            <Form.Item
              name="contactPhone"
              label={t('inst.contactPhone')}
              extra={editing ? t('inst.contactPhoneKeep') : t('user.phoneHint')}
              rules={[zodRule(shape.contactPhone.unwrap(), { optional: true })]}
            >
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('inst.section.rules')}</Divider>
        <RulesFields />
      </Form>
    </Modal>
  );
}

/** The main booking settings and the opening hours per weekday. */
function RulesFields() {
  const { t, label } = useI18n();
  const num = (name: keyof RulesValues, key: MessageKey, unit: MessageKey) => (
    <Col xs={12} md={8}>
      <Form.Item
        name={['bookingRules', name]}
        label={t(key)}
        rules={[{ required: true, message: t('inst.rules.required') }, zodRule(rulesShape[name])]}
      >
        <InputNumber style={{ width: '100%' }} min={0} precision={0} addonAfter={t(unit)} />
      </Form.Item>
    </Col>
  );
  return (
    <>
      <Row gutter={16}>
        <Col xs={12} md={8}>
          <Form.Item
            name={['bookingRules', 'requiresApproval']}
            label={t('inst.rules.requiresApproval')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            name={['bookingRules', 'qualificationRequired']}
            label={t('inst.rules.qualificationRequired')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['bookingRules', 'serviceModes']}
            label={t('inst.rules.serviceModes')}
            rules={[{ required: true, type: 'array', min: 1, message: t('inst.rules.serviceModesRequired') }]}
          >
            <Checkbox.Group options={serviceModes.map((m) => ({ value: m, label: label(serviceModeLabels[m]) }))} />
          </Form.Item>
        </Col>
        {num('minMinutes', 'inst.rules.minMinutes', 'unit.minutes')}
        {num('maxMinutes', 'inst.rules.maxMinutes', 'unit.minutes')}
        {num('slotMinutes', 'inst.rules.slotMinutes', 'unit.minutes')}
        {num('advanceNoticeHours', 'inst.rules.advanceNoticeHours', 'unit.hours')}
        {num('horizonDays', 'inst.rules.horizonDays', 'unit.days')}
        {num('bufferMinutes', 'inst.rules.bufferMinutes', 'unit.minutes')}
      </Row>
      <Typography.Text strong>{t('inst.rules.openingHours')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('inst.rules.openingHoursHint')}</Typography.Paragraph>
      {isoWeekdays.map((d) => (
        <Flex key={d} gap={12} align="flex-start" wrap style={{ marginBottom: 4 }}>
          <div style={{ width: 56, paddingTop: 5 }}>{t(`calendar.weekday.${d}` as 'calendar.weekday.1')}</div>
          <Form.List name={['bookingRules', 'openingHours', d]}>
            {(fields, { add, remove }) => (
              <Flex gap={8} wrap align="flex-start" style={{ flex: 1 }}>
                {fields.length === 0 ? (
                  <Typography.Text type="secondary" style={{ paddingTop: 5 }}>
                    {t('inst.rules.closed')}
                  </Typography.Text>
                ) : null}
                {fields.map((f) => (
                  <Flex key={f.key} gap={4} align="flex-start">
                    <Form.Item
                      name={[f.name, 'from']}
                      rules={[zodRule(openingWindowSchema.shape.from)]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input
                        style={{ width: 76 }}
                        placeholder="08:30"
                        aria-label={t('inst.rules.windowFrom', {
                          day: t(`calendar.weekday.${d}` as 'calendar.weekday.1'),
                        })}
                      />
                    </Form.Item>
                    <span style={{ paddingTop: 5 }}>–</span>
                    <Form.Item
                      name={[f.name, 'to']}
                      rules={[zodRule(openingWindowSchema.shape.to)]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input
                        style={{ width: 76 }}
                        placeholder="17:30"
                        aria-label={t('inst.rules.windowTo', {
                          day: t(`calendar.weekday.${d}` as 'calendar.weekday.1'),
                        })}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('inst.rules.removeWindow')}
                      onClick={() => remove(f.name)}
                    />
                  </Flex>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ from: '08:30', to: '17:30' })}
                  aria-label={t('inst.rules.addWindowFor', { day: t(`calendar.weekday.${d}` as 'calendar.weekday.1') })}
                >
                  {t('inst.rules.addWindow')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Flex>
      ))}
    </>
  );
}
