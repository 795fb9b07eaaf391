import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { http } from '../../../api/client';
import { useMe } from '../../../auth/AuthContext';
import { PageHeader } from '../../../components/PageHeader';
import { ActionError, EmptyState, LoadError, Loading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { applyServerErrors } from '../../../lib/applyServerErrors';
import { useAsync } from '../../../lib/useAsync';
import type { Batch, Duplicate, NeedDetail } from '../common/types';
import { fromNeed, NeedForm, type NeedFormValues, toNeedInput } from './NeedForm';

const DRAFT_KEY = 'kc.challengeNeedDraft';

/** What the record page shows right after a submission: the likely duplicates the server found. */
export interface SubmittedState {
  submitted: true;
  duplicates: Duplicate[];
}

/**
 * Reporting a need, or editing a draft or a need returned for revision. "Save draft" keeps it as a
 * draft the bureau does not see; "Submit" sends it for screening and shows the likely duplicates.
 * Until the first save, what is typed is kept in this browser so leaving the page loses nothing.
 */
export default function NeedEditor() {
  const { id } = useParams();
  const editing = !!id;
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<NeedFormValues>();
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [restored, setRestored] = useState(false);
  const initialised = useRef(false);

  const batches = useAsync((signal) => http.get<Batch[]>('/api/challenges/batches', undefined, { signal }), []);
  const need = useAsync(
    (signal) =>
      id ? http.get<NeedDetail>(`/api/challenges/needs/${id}`, undefined, { signal }) : Promise.resolve(undefined),
    [id],
  );

  useEffect(() => {
    if (initialised.current || !batches.data || (editing && !need.data)) return;
    initialised.current = true;
    if (need.data) {
      form.setFieldsValue(fromNeed(need.data));
      return;
    }
    const raw = globalThis.localStorage?.getItem(DRAFT_KEY);
    if (raw) {
      try {
        const saved = JSON.parse(raw) as Record<string, unknown>;
        form.setFieldsValue(
          fromNeed({ ...saved, expectedCompletion: String(saved.expectedCompletion ?? '') } as never),
        );
        setRestored(true);
        return;
      } catch {
        globalThis.localStorage?.removeItem(DRAFT_KEY);
      }
    }
    form.setFieldsValue(defaults(batches.data));
  }, [batches.data, need.data, editing, form]);

  // The phone on file is masked, so the contact phone starts empty.
  function defaults(list: Batch[]): Partial<NeedFormValues> {
    return {
      batchId: list.find((b) => b.open)?.id,
      category: 'basic_parts',
      confidentiality: 'public',
      ipIntent: 'negotiable',
      indicators: [{ name: '', target: '', unit: '', testMethod: '' }],
      contactName: me.user.name,
      contactEmail: me.user.email,
    };
  }

  const keepLocally = () => {
    if (editing) return;
    const v = form.getFieldsValue(true) as NeedFormValues;
    globalThis.localStorage?.setItem(
      DRAFT_KEY,
      JSON.stringify({
        ...v,
        expectedCompletion: v.expectedCompletion?.format?.('YYYY-MM-DD') ?? '',
        ownFundingFen: Math.round((v.ownFundingWan ?? 0) * 1_000_000),
      }),
    );
  };

  async function save(submit: boolean) {
    setError(null);
    let v: NeedFormValues;
    try {
      // A draft may be incomplete on screen, but the server keeps only complete needs: both validate.
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(submit ? 'submit' : 'draft');
    try {
      const body = toNeedInput(v);
      let saved: NeedDetail;
      let duplicates: Duplicate[] = [];
      if (!need.data) {
        const r = await http.post<{ need: NeedDetail; duplicates: Duplicate[] }>('/api/challenges/needs', {
          ...body,
          submit,
        });
        saved = r.need;
        duplicates = r.duplicates;
        globalThis.localStorage?.removeItem(DRAFT_KEY);
      } else {
        saved = await http.put<NeedDetail>(`/api/challenges/needs/${need.data.id}`, {
          ...body,
          version: need.data.version,
        });
        if (submit) {
          saved = await http.post<NeedDetail>(`/api/challenges/needs/${saved.id}/submit`, { version: saved.version });
          duplicates = await http.get<Duplicate[]>(`/api/challenges/needs/${saved.id}/duplicates`);
        }
      }
      const state: SubmittedState | undefined = submit ? { submitted: true, duplicates } : undefined;
      navigate(`/my-needs/${saved.id}`, { state });
    } catch (e) {
      applyServerErrors(form, e, { CHALLENGE_DIRECTION_UNKNOWN: ['directionId'] });
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  const title = editing ? t('need.editTitle') : t('need.newTitle');
  if (batches.error) return <LoadError error={batches.error} onRetry={batches.reload} />;
  if (need.error) return <LoadError error={need.error} onRetry={need.reload} />;
  if (!batches.data || (editing && !need.data)) return <Loading />;
  if (need.data && !need.data.commands.includes('edit')) return <EmptyState description={t('need.notEditable')} />;
  const anyOpen = batches.data.some((b) => b.open);

  return (
    <>
      <PageHeader
        title={title}
        crumbs={[
          { title: t('nav.myNeeds'), path: '/my-needs' },
          ...(need.data ? [{ title: need.data.title, path: `/my-needs/${need.data.id}` }] : []),
          { title },
        ]}
        subTitle={t('need.editorLead')}
        extra={
          <Space>
            <Button
              icon={<SaveOutlined />}
              loading={busy === 'draft'}
              onClick={() => save(false)}
              data-testid="need-save-draft"
            >
              {t('need.saveDraft')}
            </Button>
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={busy === 'submit'}
              disabled={!anyOpen && !need.data}
              onClick={() => save(true)}
              data-testid="need-submit"
            >
              {t('need.submit')}
            </Button>
          </Space>
        }
      />
      {!anyOpen && !need.data ? (
        <Alert type="info" showIcon title={t('need.noOpenBatch')} style={{ marginBottom: 16 }} />
      ) : null}
      {need.data?.status === 'returned' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('need.returnedTitle')}
          description={[...need.data.events].reverse().find((e) => e.toStatus === 'returned')?.reason ?? ''}
        />
      ) : null}
      {restored ? (
        <Alert
          type="info"
          showIcon
          closable
          style={{ marginBottom: 16 }}
          title={t('need.restored')}
          action={
            <Button
              size="small"
              onClick={() => {
                globalThis.localStorage?.removeItem(DRAFT_KEY);
                setRestored(false);
                form.resetFields();
                form.setFieldsValue(defaults(batches.data ?? []));
              }}
            >
              {t('need.discardRestored')}
            </Button>
          }
        />
      ) : null}
      <ActionError error={error} onClose={() => setError(null)} />
      <NeedForm
        form={form}
        batches={batches.data}
        lockBatch={!!need.data}
        excludeId={need.data?.id}
        onValuesChange={keepLocally}
      />
      <Space style={{ marginBottom: 24 }}>
        <Button icon={<SaveOutlined />} loading={busy === 'draft'} onClick={() => save(false)}>
          {t('need.saveDraft')}
        </Button>
        <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => save(true)}>
          {t('need.submit')}
        </Button>
      </Space>
    </>
  );
}
