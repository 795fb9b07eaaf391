import { SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { listInput } from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { useMe } from '../../../auth/AuthContext';
import { PageHeader } from '../../../components/PageHeader';
import { ActionError, EmptyState, LoadError, Loading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { applyServerErrors } from '../../../lib/applyServerErrors';
import { useAsync } from '../../../lib/useAsync';
import { zodRule } from '../../../lib/zodRule';
import { IndicatorsField } from '../common/indicators';
import { usePolicyText } from '../common/ListSummary';
import type { Batch, Indicator, ListDetail, NeedDetail, NeedItem } from '../common/types';

interface Values {
  needIds: string[];
  title: string;
  goal: string;
  indicators: Indicator[];
  eligibility: string;
  periodMonths: number;
  investmentWan: number;
  maxSolvers: number;
  reviewsRequired: number;
  window: [Dayjs, Dayjs];
  contactName: string;
  contactPhone: string;
  contactEmail?: string;
}

const WAN = 1_000_000;

/**
 * Drafting a list (榜单凝练) from one or more accepted needs of a batch, or editing it while it is
 * drafted: goal, assessment indicators, eligibility, period, the enterprise's investment, the
 * application window and contacts. The subsidy policy is the batch's current version.
 */
export default function ListEditor() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const policyText = usePolicyText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const initialised = useRef(false);
  const needsParam = params.get('needs') ?? '';
  const seedIds = useMemo(() => needsParam.split(',').filter(Boolean), [needsParam]);

  const list = useAsync(
    (signal) =>
      id ? http.get<ListDetail>(`/api/challenges/lists/${id}`, undefined, { signal }) : Promise.resolve(undefined),
    [id],
  );
  // The first source need names the batch and fills the form's first draft.
  const seed = useAsync(
    (signal) =>
      !id && seedIds[0]
        ? http.get<NeedDetail>(`/api/challenges/needs/${seedIds[0]}`, undefined, { signal })
        : Promise.resolve(undefined),
    [id, seedIds[0]],
  );
  const batchId = list.data?.batchId ?? seed.data?.batchId;
  const batch = useAsync(
    (signal) =>
      batchId
        ? http.get<Batch>(`/api/challenges/batches/${batchId}`, undefined, { signal })
        : Promise.resolve(undefined),
    [batchId],
  );
  const available = useAsync(
    (signal) =>
      batchId
        ? http.get<Paged<NeedItem>>(
            '/api/challenges/needs/queue',
            { batchId, available: 'true', pageSize: 200 },
            { signal },
          )
        : Promise.resolve(undefined),
    [batchId],
  );

  useEffect(() => {
    if (initialised.current) return;
    if (list.data) {
      initialised.current = true;
      const l = list.data;
      form.setFieldsValue({
        needIds: l.needs.map((n) => n.id),
        title: l.title,
        goal: l.goal,
        indicators: l.indicators,
        eligibility: l.eligibility,
        periodMonths: l.periodMonths,
        investmentWan: l.enterpriseInvestmentFen / WAN,
        maxSolvers: l.maxSolvers,
        reviewsRequired: l.reviewsRequired,
        window: [dayjs(l.applyOpensAt), dayjs(l.applyClosesAt)],
        contactName: l.contactName,
        contactPhone: l.contactPhone,
        contactEmail: l.contactEmail ?? undefined,
      });
    } else if (seed.data && available.data) {
      initialised.current = true;
      const n = seed.data;
      const picked = available.data.items.filter((x) => seedIds.includes(x.id));
      form.setFieldsValue({
        needIds: seedIds,
        title: t('clist.defaultTitle', { title: n.title }),
        goal: n.problem,
        indicators: n.indicators,
        eligibility: t('clist.defaultEligibility'),
        periodMonths: 24,
        investmentWan: picked.reduce((s, x) => s + x.ownFundingFen, 0) / WAN || n.ownFundingFen / WAN,
        maxSolvers: 1,
        reviewsRequired: 1,
        window: [dayjs().startOf('minute'), dayjs().add(45, 'day').endOf('day').startOf('minute')],
        contactName: me.user.name,
        contactEmail: me.user.email,
      });
    }
  }, [list.data, seed.data, available.data, form, me, t, seedIds]);

  async function save() {
    setError(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    const body = {
      needIds: v.needIds,
      title: v.title.trim(),
      goal: v.goal.trim(),
      indicators: v.indicators.map((i) => ({ ...i, unit: i.unit ?? '' })),
      eligibility: v.eligibility.trim(),
      periodMonths: v.periodMonths,
      enterpriseInvestmentFen: Math.round(v.investmentWan * WAN),
      maxSolvers: v.maxSolvers,
      reviewsRequired: v.reviewsRequired,
      applyOpensAt: v.window[0].toISOString(),
      applyClosesAt: v.window[1].toISOString(),
      contactName: v.contactName.trim(),
      contactPhone: v.contactPhone.trim(),
      contactEmail: v.contactEmail?.trim() || undefined,
    };
    try {
      const saved = list.data
        ? await http.put<ListDetail>(`/api/challenges/lists/${list.data.id}`, { ...body, version: list.data.version })
        : await http.post<ListDetail>('/api/challenges/lists', body);
      navigate(`/challenge-admin/lists/${saved.id}`);
    } catch (e) {
      applyServerErrors(form, e, { CHALLENGE_WINDOW_INVALID: ['window'], CHALLENGE_NEED_UNAVAILABLE: ['needIds'] });
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const title = id ? t('clist.editTitle') : t('clist.newTitle');
  const failed = list.error ?? seed.error;
  if (failed) return <LoadError error={failed} onRetry={list.error ? list.reload : seed.reload} />;
  if (!id && !seedIds.length)
    return (
      <>
        <PageHeader
          title={title}
          crumbs={[{ title: t('nav.challengeLists'), path: '/challenge-admin/lists' }, { title }]}
        />
        <Card>
          <EmptyState description={t('clist.pickNeedsFirst')} />
        </Card>
      </>
    );
  if ((id && !list.data) || (!id && !seed.data)) return <Loading />;
  if (list.data && !list.data.commands.includes('edit')) return <EmptyState description={t('clist.notEditable')} />;
  const needOptions = [
    ...(list.data?.needs ?? []).map((n) => ({ value: n.id, label: n.title })),
    ...(available.data?.items ?? [])
      .filter((n) => !list.data?.needs.some((x) => x.id === n.id))
      .map((n) => ({ value: n.id, label: `${n.title}（${n.organisationName}）` })),
  ];
  const policy = list.data?.policy ?? batch.data?.policies[0];

  return (
    <>
      <PageHeader
        title={title}
        subTitle={batch.data ? `${batch.data.code} · ${batch.data.title}` : undefined}
        crumbs={[
          { title: t('nav.challengeLists'), path: '/challenge-admin/lists' },
          ...(list.data ? [{ title: list.data.title, path: `/challenge-admin/lists/${list.data.id}` }] : []),
          { title },
        ]}
        extra={
          <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={save} data-testid="list-save">
            {t('clist.saveDraft')}
          </Button>
        }
      />
      <ActionError error={error} onClose={() => setError(null)} />
      {policy ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('clist.policyNote', { policy: policyText(policy) })}
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" scrollToFirstError>
        <Card title={t('clist.form.sources')} style={{ marginBottom: 16 }}>
          <Form.Item
            name="needIds"
            label={t('clist.needs')}
            rules={[{ required: true, message: t('clist.needsRequired') }]}
            extra={t('clist.needsHint')}
          >
            <Select mode="multiple" options={needOptions} optionFilterProp="label" loading={available.loading} />
          </Form.Item>
        </Card>
        <Card title={t('clist.form.terms')} style={{ marginBottom: 16 }}>
          <Form.Item
            name="title"
            label={t('clist.title')}
            rules={[{ required: true, message: t('clist.titleRequired') }, zodRule(listInput.shape.title)]}
          >
            <Input maxLength={100} showCount />
          </Form.Item>
          <Form.Item
            name="goal"
            label={t('hall.goal')}
            rules={[{ required: true, message: t('clist.goalRequired') }, zodRule(listInput.shape.goal)]}
          >
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item label={t('hall.indicators')} required extra={t('clist.indicatorsHint')}>
            <IndicatorsField />
          </Form.Item>
          <Form.Item
            name="eligibility"
            label={t('hall.eligibility')}
            rules={[{ required: true, message: t('clist.eligibilityRequired') }, zodRule(listInput.shape.eligibility)]}
          >
            <Input.TextArea rows={3} maxLength={3000} showCount />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item
                name="periodMonths"
                label={t('clist.period')}
                rules={[{ required: true, message: t('clist.periodRequired') }]}
              >
                <InputNumber
                  min={1}
                  max={120}
                  precision={0}
                  style={{ width: '100%' }}
                  addonAfter={t('clist.monthsUnit')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="investmentWan"
                label={t('hall.investment')}
                rules={[{ required: true, message: t('clist.investmentRequired') }]}
              >
                <InputNumber min={0} precision={2} style={{ width: '100%' }} addonAfter={t('need.wan')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="maxSolvers" label={t('clist.maxSolvers')} extra={t('clist.maxSolversHint')}>
                <InputNumber min={1} max={5} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="reviewsRequired"
                label={t('clist.reviewsRequired')}
                extra={t('clist.reviewsRequiredHint')}
              >
                <InputNumber min={1} max={9} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="window"
            label={t('clist.window')}
            rules={[{ required: true, message: t('clist.windowRequired') }]}
          >
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%', maxWidth: 460 }}
            />
          </Form.Item>
        </Card>
        <Card title={t('clist.form.contact')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="contactName"
                label={t('need.contactName')}
                rules={[
                  { required: true, message: t('need.contactNameRequired') },
                  zodRule(listInput.shape.contactName),
                ]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="contactPhone"
                label={t('need.contactPhone')}
                rules={[
                  { required: true, message: t('need.contactPhoneRequired') },
                  zodRule(listInput.shape.contactPhone),
                ]}
              >
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="contactEmail"
                label={t('need.contactEmail')}
                rules={[zodRule(listInput.shape.contactEmail, { optional: true })]}
              >
                <Input maxLength={120} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      </Form>
      <Space style={{ marginBottom: 24 }}>
        <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={save}>
          {t('clist.saveDraft')}
        </Button>
      </Space>
    </>
  );
}
