import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { http } from '../../../api/client';
import { ActionError } from '../../../components/States';
import { useI18n } from '../../../i18n';

interface Values {
  members?: string;
  technicalPlan: string;
  milestonePlan: { title: string; dueDate: dayjs.Dayjs; deliverable: string; weight: number }[];
  budget: { item: string; amountYuan: number }[];
  team: { name: string; title: string; role: string }[];
  priorResults: string;
  pledge: boolean;
}

export interface ApplicationDraft {
  id?: string;
  version?: number;
  listId: string;
  technicalPlan?: string;
  milestonePlan?: { title: string; dueDate: string; deliverable: string; weight: number }[];
  budget?: { item: string; amountFen: number }[];
  team?: { name: string; title: string; role: string }[];
  priorResults?: string;
  parties?: { organisationId: string; role: string }[];
}

/** The 揭榜 application form, for a new application or an edit before the deadline. */
export function ApplicationForm({ draft, onDone }: { draft: ApplicationDraft; onDone: (id: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const initial: Partial<Values> = {
    members: draft.parties
      ?.filter((p) => p.role === 'member')
      .map((p) => p.organisationId)
      .join('\n'),
    technicalPlan: draft.technicalPlan,
    milestonePlan: (draft.milestonePlan ?? [{ title: '', dueDate: '', deliverable: '', weight: 100 }]).map((m) => ({
      ...m,
      dueDate: m.dueDate ? dayjs(m.dueDate) : dayjs().add(6, 'month'),
    })),
    budget: (draft.budget ?? [{ item: '', amountFen: 0 }]).map((b) => ({
      item: b.item,
      amountYuan: b.amountFen / 100,
    })),
    team: draft.team ?? [{ name: '', title: '', role: '' }],
    priorResults: draft.priorResults,
    pledge: false,
  };

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    const body = {
      members: (v.members ?? '').split(/\s+/).filter(Boolean),
      technicalPlan: v.technicalPlan,
      milestonePlan: v.milestonePlan.map((m) => ({ ...m, dueDate: m.dueDate.format('YYYY-MM-DD') })),
      budget: v.budget.map((b) => ({ item: b.item, amountFen: Math.round((b.amountYuan ?? 0) * 100) })),
      team: v.team,
      priorResults: v.priorResults,
      pledge: !!v.pledge,
    };
    try {
      const saved = draft.id
        ? await http.put<{ id: string }>(`/api/challenge-applications/${draft.id}`, { ...body, version: draft.version })
        : await http.post<{ id: string }>('/api/challenge-applications', { ...body, listId: draft.listId });
      message.success(draft.id ? t('chal.saved') : t('chal.submitted'));
      onDone(saved.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const rows = (name: string, fields: { key: string; label: string; node: React.ReactNode; width?: number }[]) => (
    <Form.List name={name}>
      {(items, { add, remove }) => (
        <>
          {items.map((f) => (
            <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
              {fields.map((x) => (
                <Form.Item
                  key={x.key}
                  name={[f.name, x.key]}
                  rules={[{ required: true, message: x.label }]}
                  style={{ width: x.width ?? 180 }}
                >
                  {x.node}
                </Form.Item>
              ))}
              {items.length > 1 ? <MinusCircleOutlined aria-label="remove" onClick={() => remove(f.name)} /> : null}
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
            {t('chal.form.add')}
          </Button>
        </>
      )}
    </Form.List>
  );

  return (
    <Form<Values> layout="vertical" initialValues={initial} onFinish={submit}>
      {error ? <ActionError error={error} onClose={() => setError(null)} /> : null}
      <Form.Item name="technicalPlan" label={t('chal.form.plan')} rules={[{ required: true, max: 20000 }]}>
        <Input.TextArea rows={6} showCount maxLength={20000} />
      </Form.Item>
      <Form.Item label={t('chal.form.milestones')} required>
        {rows('milestonePlan', [
          { key: 'title', label: t('chal.form.msTitle'), node: <Input placeholder={t('chal.form.msTitle')} /> },
          {
            key: 'dueDate',
            label: t('chal.form.msDue'),
            node: <DatePicker placeholder={t('chal.form.msDue')} />,
            width: 150,
          },
          {
            key: 'deliverable',
            label: t('chal.form.msDeliverable'),
            node: <Input placeholder={t('chal.form.msDeliverable')} />,
            width: 240,
          },
          {
            key: 'weight',
            label: t('chal.form.msWeight'),
            node: <InputNumber min={0} max={100} placeholder={t('chal.form.msWeight')} />,
            width: 110,
          },
        ])}
      </Form.Item>
      <Form.Item label={t('chal.form.budget')} required>
        {rows('budget', [
          { key: 'item', label: t('chal.form.item'), node: <Input placeholder={t('chal.form.item')} /> },
          {
            key: 'amountYuan',
            label: t('chal.form.amount'),
            node: <InputNumber min={0} precision={2} style={{ width: '100%' }} placeholder={t('chal.form.amount')} />,
          },
        ])}
      </Form.Item>
      <Form.Item label={t('chal.form.team')} required>
        {rows('team', [
          { key: 'name', label: t('chal.form.name'), node: <Input placeholder={t('chal.form.name')} />, width: 120 },
          { key: 'title', label: t('chal.form.title'), node: <Input placeholder={t('chal.form.title')} />, width: 140 },
          { key: 'role', label: t('chal.form.role'), node: <Input placeholder={t('chal.form.role')} /> },
        ])}
      </Form.Item>
      <Form.Item name="priorResults" label={t('chal.form.prior')} rules={[{ required: true, max: 10000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="members" label={t('chal.form.members')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item
        name="pledge"
        valuePropName="checked"
        rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('chal.form.pledge')))) }]}
      >
        <Checkbox>{t('chal.form.pledge')}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {draft.id ? t('chal.form.save') : t('chal.form.submit')}
      </Button>
    </Form>
  );
}
