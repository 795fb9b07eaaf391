import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Form, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { subsidyBaseLabels } from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import { useMe } from '../../../auth/AuthContext';
import { isBureau } from '../../../auth/roles';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeader } from '../../../components/PageHeader';
import { ActionError, LoadError, Loading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDateTime, formatWanNumber } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { FunnelView } from '../common/FunnelView';
import type { Batch, Funnel } from '../common/types';
import { BatchEditModal } from './BatchEditModal';
import { PolicyFields, type PolicyValues, toPolicyInput } from './PolicyFields';

type Policy = Batch['policies'][number];

/**
 * A batch: its window and directions, the subsidy policy versions (a new version applies to lists
 * drafted from then on; earlier lists keep theirs), and the batch's funnel by direction and region.
 */
export default function BatchRecord() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const batch = useAsync((signal) => http.get<Batch>(`/api/challenges/batches/${id}`, undefined, { signal }), [id]);
  const funnel = useAsync(
    (signal) => http.get<Funnel>(`/api/challenges/funnel/batches/${id}`, undefined, { signal }),
    [id],
  );
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<PolicyValues>();
  const b = batch.data;

  async function addPolicy(v: PolicyValues) {
    setBusy(true);
    setError(null);
    try {
      const next = await http.post<Batch>(`/api/challenges/batches/${id}/policies`, toPolicyInput(v));
      batch.setData(next);
      setAdding(false);
      message.success(t('cbatch.policyAdded', { n: next.policies[0]?.version ?? '' }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (batch.error) return <LoadError error={batch.error} onRetry={batch.reload} />;
  if (!b) return <Loading />;
  const current = b.policies[0];
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            {b.title}
            {b.open ? <Tag color="green">{t('cbatch.open')}</Tag> : <Tag>{t('cbatch.closed')}</Tag>}
          </Space>
        }
        subTitle={b.code}
        crumbs={[{ title: t('nav.challengeBatches'), path: '/challenge-admin/batches' }, { title: b.title }]}
        extra={
          <>
            {isBureau(me) ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="batch-edit">
                {t('cbatch.edit')}
              </Button>
            ) : null}
            <LinkButton to={`/challenge-admin/needs?batchId=${b.id}`}>
              {t('cbatch.openNeeds', { n: b.counts.needs })}
            </LinkButton>
            <LinkButton to={`/challenge-admin/lists?batchId=${b.id}`}>
              {t('cbatch.openLists', { n: b.counts.lists })}
            </LinkButton>
          </>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('cbatch.summary')}>
          <Descriptions
            bordered
            size="small"
            styles={{ label: { whiteSpace: 'nowrap' } }}
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'region', label: t('cbatch.region'), children: b.regionName },
              {
                key: 'window',
                label: t('cbatch.window'),
                children: `${formatDateTime(b.needsOpenAt)} – ${formatDateTime(b.needsCloseAt)}`,
              },
              {
                key: 'directions',
                label: t('cbatch.directions'),
                span: 'filled',
                children: (
                  <Space wrap size={[4, 4]}>
                    {b.directions.map((d) => (
                      <Tag key={d.id}>{label({ zh: d.name, en: d.nameEn ?? d.name })}</Tag>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
        <Card
          title={t('cbatch.policies')}
          extra={
            isBureau(me) ? (
              <Button
                icon={<PlusOutlined />}
                onClick={() => {
                  form.setFieldsValue(
                    current
                      ? {
                          ratioPct: current.ratioBp / 100,
                          capWan: current.capFen / 1_000_000,
                          base: current.base,
                          note: undefined,
                        }
                      : { ratioPct: 50, capWan: 300, base: 'tech_trade_amount' },
                  );
                  setError(null);
                  setAdding(true);
                }}
                data-testid="policy-new"
              >
                {t('cbatch.policyNew')}
              </Button>
            ) : null
          }
        >
          <Typography.Paragraph type="secondary">{t('cbatch.policiesLead')}</Typography.Paragraph>
          <Table<Policy>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={b.policies}
            columns={[
              {
                title: t('cbatch.version'),
                dataIndex: 'version',
                render: (v: number, p) => (
                  <Space>
                    {t('cbatch.versionN', { n: v })}
                    {p.id === current?.id ? <Tag color="blue">{t('cbatch.current')}</Tag> : null}
                  </Space>
                ),
              },
              { title: t('cbatch.ratio'), dataIndex: 'ratioBp', render: (v: number) => `${v / 100}%` },
              {
                title: t('cbatch.base'),
                dataIndex: 'base',
                render: (v: Policy['base']) => label(subsidyBaseLabels[v]),
              },
              {
                title: t('cbatch.cap'),
                dataIndex: 'capFen',
                render: (v: number) => t('money.wan', { n: formatWanNumber(v) }),
              },
              { title: t('cbatch.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
              { title: t('cbatch.since'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            ]}
          />
        </Card>
        <Card title={t('cbatch.funnel')} data-testid="batch-funnel">
          {funnel.error ? (
            <LoadError error={funnel.error} onRetry={funnel.reload} />
          ) : funnel.data ? (
            <FunnelView funnel={funnel.data} exportQuery={`&batchId=${b.id}`} />
          ) : (
            <Loading />
          )}
        </Card>
      </Space>
      <BatchEditModal
        batch={b}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={(next) => {
          batch.setData(next);
          setEditing(false);
          message.success(t('cbatch.saved'));
        }}
      />
      <Modal
        open={adding}
        width={720}
        title={t('cbatch.policyNew')}
        okText={t('cbatch.policySave')}
        okButtonProps={{ 'data-testid': 'policy-ok' }}
        cancelText={t('action.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        forceRender
      >
        <Typography.Paragraph type="secondary">{t('cbatch.policyNewHint')}</Typography.Paragraph>
        <ActionError error={error} onClose={() => setError(null)} />
        <Form<PolicyValues> form={form} layout="vertical" onFinish={addPolicy}>
          <PolicyFields />
        </Form>
      </Modal>
    </>
  );
}
