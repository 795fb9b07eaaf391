import { Alert, Card, Col, DatePicker, Form, type FormInstance, Input, InputNumber, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import {
  type Confidentiality,
  confidentialityLabels,
  confidentialityLevels,
  type IpIntent,
  ipIntentLabels,
  ipIntents,
  type NeedCategory,
  needCategories,
  needCategoryLabels,
  needInput,
} from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import { useI18n } from '../../../i18n';
import { zodRule } from '../../../lib/zodRule';
import { IndicatorsField } from '../common/indicators';
import type { Batch, Duplicate, Indicator, NeedInput } from '../common/types';
import { DuplicateList } from './DuplicateList';

export interface NeedFormValues {
  batchId: string;
  directionId: string;
  category: NeedCategory;
  title: string;
  problem: string;
  publicSummary?: string;
  indicators: Indicator[];
  technicalBase: string;
  expectedCompletion: Dayjs;
  ownFundingWan: number;
  confidentiality: Confidentiality;
  ipIntent: IpIntent;
  contactName: string;
  contactPhone: string;
  contactEmail?: string;
}

/** 万元 in the form, integer fen on the wire. */
const WAN = 1_000_000;

export function toNeedInput(v: NeedFormValues): NeedInput {
  return {
    batchId: v.batchId,
    directionId: v.directionId,
    category: v.category,
    title: v.title.trim(),
    problem: v.problem.trim(),
    publicSummary: v.confidentiality === 'desensitised' ? v.publicSummary?.trim() || undefined : undefined,
    indicators: v.indicators.map((i) => ({ ...i, unit: i.unit ?? '' })),
    technicalBase: v.technicalBase.trim(),
    expectedCompletion: v.expectedCompletion.format('YYYY-MM-DD'),
    ownFundingFen: Math.round((v.ownFundingWan ?? 0) * WAN),
    confidentiality: v.confidentiality,
    ipIntent: v.ipIntent,
    contactName: v.contactName.trim(),
    contactPhone: v.contactPhone.trim(),
    contactEmail: v.contactEmail?.trim() || undefined,
  };
}

export function fromNeed(
  n: Omit<NeedInput, 'publicSummary' | 'contactEmail'> & {
    publicSummary?: string | null;
    contactEmail?: string | null;
    expectedCompletion: string;
  },
): Partial<NeedFormValues> {
  return {
    ...n,
    publicSummary: n.publicSummary ?? undefined,
    contactEmail: n.contactEmail ?? undefined,
    expectedCompletion: dayjs(n.expectedCompletion),
    ownFundingWan: n.ownFundingFen / WAN,
  } as Partial<NeedFormValues>;
}

/**
 * The need report (需求填报): every field the bureau asks for, each checked as it is typed against
 * the server's schema; likely duplicates already in the batch appear while the title is typed.
 */
export function NeedForm({
  form,
  batches,
  lockBatch,
  excludeId,
  onValuesChange,
}: {
  form: FormInstance<NeedFormValues>;
  batches: Batch[];
  lockBatch: boolean;
  excludeId?: string;
  onValuesChange?: () => void;
}) {
  const { t, label } = useI18n();
  const shape = needInput.shape;
  const batchId = Form.useWatch('batchId', form);
  const title = Form.useWatch('title', form);
  const problem = Form.useWatch('problem', form);
  const confidentiality = Form.useWatch('confidentiality', form);
  const batch = batches.find((b) => b.id === batchId);
  const [similar, setSimilar] = useState<Duplicate[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Ask for likely duplicates once typing pauses; the latest answer wins.
  useEffect(() => {
    clearTimeout(timer.current);
    if (!batchId || !title || title.trim().length < 4) {
      setSimilar([]);
      return;
    }
    const ctrl = new AbortController();
    timer.current = setTimeout(() => {
      http
        .get<Duplicate[]>(
          '/api/challenges/needs/similar',
          { batchId, title: title.trim(), problem: (problem ?? '').slice(0, 2000), excludeId },
          { signal: ctrl.signal },
        )
        .then(setSimilar, () => setSimilar([]));
    }, 600);
    return () => {
      clearTimeout(timer.current);
      ctrl.abort();
    };
  }, [batchId, title, problem, excludeId]);

  return (
    <Form<NeedFormValues>
      form={form}
      layout="vertical"
      onValuesChange={(changed) => {
        if ('batchId' in changed) form.setFieldValue('directionId', undefined);
        onValuesChange?.();
      }}
      scrollToFirstError
    >
      <Card title={t('need.form.where')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="batchId"
              label={t('need.batch')}
              rules={[{ required: true, message: t('need.batchRequired') }]}
            >
              <Select
                disabled={lockBatch}
                options={batches.map((b) => ({
                  value: b.id,
                  label: `${b.code} · ${b.title}`,
                  disabled: !b.open && !lockBatch,
                }))}
                placeholder={t('need.batchPick')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="directionId"
              label={t('need.direction')}
              rules={[{ required: true, message: t('need.directionRequired') }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                disabled={!batch}
                placeholder={batch ? t('need.directionPick') : t('need.batchFirst')}
                options={(batch?.directions ?? []).map((d) => ({
                  value: d.id,
                  label: label({ zh: d.name, en: d.nameEn ?? d.name }),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="category"
              label={t('need.category')}
              rules={[{ required: true, message: t('need.categoryRequired') }]}
            >
              <Radio.Group
                optionType="button"
                options={needCategories.map((c) => ({ value: c, label: label(needCategoryLabels[c]) }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('need.form.problem')} style={{ marginBottom: 16 }}>
        <Form.Item
          name="title"
          label={t('need.title')}
          rules={[{ required: true, message: t('need.titleRequired') }, zodRule(shape.title)]}
        >
          <Input maxLength={100} showCount placeholder={t('need.titleHint')} />
        </Form.Item>
        {similar.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('need.similarWhileTyping', { n: similar.length })}
            description={<DuplicateList items={similar} compact />}
            data-testid="similar-while-typing"
          />
        ) : null}
        <Form.Item
          name="problem"
          label={t('need.problem')}
          rules={[{ required: true, message: t('need.problemRequired') }, zodRule(shape.problem)]}
        >
          <Input.TextArea rows={5} maxLength={5000} showCount placeholder={t('need.problemHint')} />
        </Form.Item>
        <Form.Item label={t('need.indicators')} required extra={t('need.indicatorsHint')}>
          <IndicatorsField />
        </Form.Item>
        <Form.Item
          name="technicalBase"
          label={t('need.technicalBase')}
          rules={[{ required: true, message: t('need.technicalBaseRequired') }, zodRule(shape.technicalBase)]}
        >
          <Input.TextArea rows={3} maxLength={3000} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="expectedCompletion"
              label={t('need.expectedCompletion')}
              rules={[{ required: true, message: t('need.expectedCompletionRequired') }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="ownFundingWan"
              label={t('need.ownFunding')}
              extra={t('need.ownFundingHint')}
              rules={[{ required: true, message: t('need.ownFundingRequired') }]}
            >
              <InputNumber
                min={0}
                max={10_000_000}
                precision={2}
                style={{ width: '100%' }}
                addonAfter={t('need.wan')}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('need.form.terms')} style={{ marginBottom: 16 }}>
        <Form.Item
          name="confidentiality"
          label={t('need.confidentiality')}
          rules={[{ required: true }]}
          extra={t(`need.conf.${confidentiality ?? 'public'}` as 'need.conf.public')}
        >
          <Radio.Group
            options={confidentialityLevels.map((c) => ({ value: c, label: label(confidentialityLabels[c]) }))}
          />
        </Form.Item>
        {confidentiality === 'desensitised' ? (
          <Form.Item
            name="publicSummary"
            label={t('need.publicSummary')}
            rules={[{ required: true, message: t('need.publicSummaryRequired') }, zodRule(shape.publicSummary)]}
          >
            <Input.TextArea rows={2} maxLength={2000} showCount placeholder={t('need.publicSummaryHint')} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="ipIntent"
          label={t('need.ipIntent')}
          rules={[{ required: true, message: t('need.ipIntentRequired') }]}
        >
          <Select options={ipIntents.map((i) => ({ value: i, label: label(ipIntentLabels[i]) }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="contactName"
              label={t('need.contactName')}
              rules={[{ required: true, message: t('need.contactNameRequired') }, zodRule(shape.contactName)]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="contactPhone"
              label={t('need.contactPhone')}
              rules={[{ required: true, message: t('need.contactPhoneRequired') }, zodRule(shape.contactPhone)]}
            >
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="contactEmail"
              label={t('need.contactEmail')}
              rules={[zodRule(shape.contactEmail, { optional: true })]}
            >
              <Input maxLength={120} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
    </Form>
  );
}
