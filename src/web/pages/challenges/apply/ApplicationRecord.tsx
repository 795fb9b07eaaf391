import { UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Progress,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { contractSubTypeLabels, contractTypes } from '../../../../shared/api/challenge-applications';
import { http } from '../../../api/client';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeader } from '../../../components/PageHeader';
import { ActionError, LoadError, Loading } from '../../../components/States';
import { StatusTimeline } from '../../../components/StatusTimeline';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { ApplicationForm } from './ApplicationForm';
import { ChalStatus, timelineColours, uploadFile, useChalStatusText, yuan } from './common';
import type { ApplicationSummary } from './MyApplications';

interface Detail extends ApplicationSummary {
  version: number;
  technicalPlan: string;
  milestonePlan: { title: string; dueDate: string; deliverable: string; weight: number }[];
  budget: { item: string; amountFen: number }[];
  team: { name: string; title: string; role: string }[];
  priorResults: string;
  parties: { organisationId: string; name: string; regionCode: string; role: 'lead' | 'member' }[];
  attachments: { id: string; fileName: string; kind: string; sizeBytes: number; uploadedAt: string }[];
  events: {
    id: number;
    fromStatus: string | null;
    toStatus: string;
    actorName: string | null;
    reason: string | null;
    at: string;
  }[];
  allowedCommands: string[];
  editable: boolean;
  contractId: string | null;
}

/** One application: summary, plan, parties, attachments (upload with progress), history. */
export default function ApplicationRecord() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const { message, modal } = App.useApp();
  const statusText = useChalStatusText();
  const [editing, setEditing] = useState(false);
  const [contracting, setContracting] = useState(false);
  const [contractForm] = Form.useForm();
  const navigate = useNavigate();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const d = useAsync((signal) => http.get<Detail>(`/api/challenge-applications/${id}`, undefined, { signal }), [id]);
  if (d.error) return <LoadError error={d.error} onRetry={d.reload} />;
  if (!d.data) return <Loading />;
  const a = d.data;
  const who = a.organisationName ?? a.alias;

  return (
    <>
      <PageHeader
        title={`${a.listTitle} · ${who}`}
        crumbs={[{ title: t('nav.chalMine'), path: '/challenges/apply/mine' }, { title: who }]}
        extra={
          <Space>
            {a.contractId ? (
              <LinkButton to={`/challenges/apply/contracts/${a.contractId}`}>{t('nav.chalContracts')}</LinkButton>
            ) : null}
            {a.status === 'selected' && !a.contractId ? (
              <Button type="primary" onClick={() => setContracting(true)}>
                {t('chal.contract.create')}
              </Button>
            ) : null}
            {a.editable ? <Button onClick={() => setEditing(true)}>{t('chal.edit')}</Button> : null}
            {a.allowedCommands.includes('withdraw') ? (
              <Button
                danger
                onClick={() =>
                  modal.confirm({
                    title: t('chal.withdrawConfirm'),
                    onOk: async () => {
                      try {
                        d.setData(await http.post<Detail>(`/api/challenge-applications/${a.id}/withdraw`, {}));
                      } catch (e) {
                        setError(e);
                      }
                    },
                  })
                }
              >
                {t('chal.withdraw')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {error ? <ActionError error={error} onClose={() => setError(null)} /> : null}
      <Flex vertical gap={16}>
        <Card>
          <Descriptions column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('chal.status')}>
              <ChalStatus status={a.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('chal.budget')}>{yuan(a.budgetTotalFen)}</Descriptions.Item>
            <Descriptions.Item label={t('chal.deadline')}>{formatDateTime(a.applyClosesAt)}</Descriptions.Item>
            <Descriptions.Item label={t('chal.reviews')}>
              {t('chal.reviewProgress', { done: a.reviewsDone, total: a.reviewsAssigned })}
            </Descriptions.Item>
            <Descriptions.Item label={t('chal.score')}>{a.score ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('chal.parties')}>
              {a.parties
                .map((p) => `${p.name}（${p.role === 'lead' ? t('chal.lead') : t('chal.member')}）`)
                .join('、') || '—'}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('chal.form.plan')}>
          {/* Plain text: whatever was typed (even markup) is shown, never interpreted. */}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.technicalPlan}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="title"
            pagination={false}
            dataSource={a.milestonePlan}
            columns={[
              { title: t('chal.form.msTitle'), dataIndex: 'title' },
              { title: t('chal.form.msDue'), dataIndex: 'dueDate' },
              { title: t('chal.form.msDeliverable'), dataIndex: 'deliverable' },
              { title: t('chal.form.msWeight'), dataIndex: 'weight', align: 'right' },
            ]}
          />
        </Card>
        <Card
          title={t('chal.attachments')}
          extra={
            a.editable ? (
              <Upload
                showUploadList={false}
                accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
                customRequest={async ({ file }) => {
                  setProgress(0);
                  try {
                    await uploadFile(`/api/challenge-applications/${a.id}/attachments`, file as File, setProgress);
                    message.success(t('chal.uploaded', { name: (file as File).name }));
                    d.reload();
                  } catch (e) {
                    setError(e);
                  } finally {
                    setProgress(null);
                  }
                }}
              >
                <Button icon={<UploadOutlined />}>{t('chal.attach')}</Button>
              </Upload>
            ) : null
          }
        >
          <Typography.Text type="secondary">{t('chal.attachHint')}</Typography.Text>
          {progress !== null ? <Progress percent={progress} size="small" /> : null}
          <List
            dataSource={a.attachments}
            renderItem={(f) => (
              <List.Item>
                <a href={`/api/challenge-attachments/${f.id}`}>{f.fileName}</a>
                <Typography.Text type="secondary">
                  {(f.sizeBytes / 1024).toFixed(0)} KB · {formatDateTime(f.uploadedAt)}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Card>
        <Card title={t('chal.history')}>
          <StatusTimeline events={a.events} statusText={statusText} colours={timelineColours} testId="chal-event" />
        </Card>
      </Flex>
      <Modal
        open={contracting}
        title={t('chal.contract.create')}
        onCancel={() => setContracting(false)}
        onOk={() => contractForm.submit()}
        destroyOnHidden
      >
        <Form
          form={contractForm}
          layout="vertical"
          initialValues={{ type: 'development', subType: 'commissioned', title: `${a.listTitle} 技术开发合同` }}
          onFinish={async (v: {
            type: keyof typeof contractTypes;
            subType?: string;
            title: string;
            contractYuan: number;
            techYuan: number;
            signedOn: dayjs.Dayjs;
          }) => {
            try {
              const c = await http.post<{ id: string }>('/api/challenge-contracts', {
                applicationId: a.id,
                type: v.type,
                subType: v.subType || null,
                title: v.title,
                contractAmountFen: Math.round(v.contractYuan * 100),
                techAmountFen: Math.round(v.techYuan * 100),
                signedOn: v.signedOn.format('YYYY-MM-DD'),
              });
              navigate(`/challenges/apply/contracts/${c.id}`);
            } catch (e) {
              setError(e);
              setContracting(false);
            }
          }}
        >
          <Form.Item name="type" label={t('chal.contract.type')} rules={[{ required: true }]}>
            <Select options={Object.entries(contractTypes).map(([k, v]) => ({ value: k, label: label(v) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {() => {
              const subs = contractTypes[contractForm.getFieldValue('type') as keyof typeof contractTypes]?.sub ?? [];
              return subs.length ? (
                <Form.Item name="subType" label={t('chal.subType')} rules={[{ required: true }]}>
                  <Select
                    options={subs.map((s: string) => ({
                      value: s,
                      label: label(contractSubTypeLabels[s] ?? { zh: s, en: s }),
                    }))}
                  />
                </Form.Item>
              ) : null;
            }}
          </Form.Item>
          <Form.Item name="title" label={t('chal.contract.title')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="contractYuan" label={`${t('chal.contract.amount')}（元）`} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="techYuan" label={`${t('chal.contract.tech')}（元）`} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="signedOn" label={t('chal.contract.signedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
      <Drawer open={editing} width={860} title={t('chal.edit')} onClose={() => setEditing(false)} destroyOnHidden>
        <ApplicationForm
          draft={a}
          onDone={() => {
            setEditing(false);
            d.reload();
          }}
        />
      </Drawer>
    </>
  );
}
