import { UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Space,
  Table,
  Upload,
} from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { contractSubTypeLabels, contractTypes } from '../../../../shared/api/challenge-applications';
import { type SubsidyBase, subsidyBaseLabels } from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { ActionError, LoadError, Loading } from '../../../components/States';
import { StatusTimeline } from '../../../components/StatusTimeline';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { ChalStatus, timelineColours, uploadFile, useChalStatusText, yuan } from './common';

interface Detail {
  id: string;
  listTitle: string;
  buyerName: string;
  sellerName: string;
  type: keyof typeof contractTypes;
  subType: string | null;
  title: string;
  contractAmountFen: number;
  techAmountFen: number;
  signedOn: string;
  registrationNo: string | null;
  registry: string | null;
  registeredOn: string | null;
  certificate: { id: string; fileName: string } | null;
  status: string;
  policy: { version: number; ratioBp: number; capFen: number; base: string };
  entitlementFen: number;
  paidFen: number;
  pendingFen: number;
  tranches: {
    id: string;
    kind: 'tranche' | 'clawback';
    amountFen: number;
    status: string;
    note: string | null;
    createdAt: string;
    paidAt: string | null;
  }[];
  milestones: {
    id: string;
    seq: number;
    title: string;
    dueDate: string;
    weight: number;
    status: string;
    report: string | null;
    assessment: string | null;
    allowedCommands: string[];
  }[];
  events: {
    id: number;
    fromStatus: string | null;
    toStatus: string;
    actorName: string | null;
    reason: string | null;
    at: string;
  }[];
  allowedCommands: string[];
}

/** A contract: registration, subsidy policy and tranches (finance pays), milestones and 验收. */
export default function ContractRecord() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const statusText = useChalStatusText();
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [dialog, setDialog] = useState<null | {
    kind: 'register' | 'change' | 'cancel' | 'accept' | 'milestone';
    command?: string;
    milestoneId?: string;
  }>(null);
  const [form] = Form.useForm();
  const d = useAsync((signal) => http.get<Detail>(`/api/challenge-contracts/${id}`, undefined, { signal }), [id]);
  if (d.error) return <LoadError error={d.error} onRetry={d.reload} />;
  if (!d.data) return <Loading />;
  const c = d.data;
  const act = async (fn: () => Promise<Detail>) => {
    setError(null);
    try {
      d.setData(await fn());
      message.success(t('chal.saved'));
    } catch (e) {
      setError(e);
    }
  };

  async function submitDialog(v: Record<string, unknown>) {
    const dlg = dialog;
    setDialog(null);
    form.resetFields();
    if (!dlg) return;
    if (dlg.kind === 'register')
      await act(() =>
        http.post(`/api/challenge-contracts/${c.id}/register`, {
          registrationNo: v.registrationNo,
          registry: v.registry,
          registeredOn: (v.registeredOn as dayjs.Dayjs).format('YYYY-MM-DD'),
        }),
      );
    if (dlg.kind === 'change')
      await act(() =>
        http.post(`/api/challenge-contracts/${c.id}/change`, {
          contractAmountFen: Math.round(Number(v.contractYuan) * 100),
          techAmountFen: Math.round(Number(v.techYuan) * 100),
          reason: v.reason,
        }),
      );
    if (dlg.kind === 'cancel')
      await act(() => http.post(`/api/challenge-contracts/${c.id}/cancel`, { reason: v.reason }));
    if (dlg.kind === 'accept')
      await act(() =>
        http.post(`/api/challenge-contracts/${c.id}/acceptance`, { outcome: dlg.command, reason: v.reason }),
      );
    if (dlg.kind === 'milestone')
      await act(() =>
        http.post(`/api/challenge-milestones/${dlg.milestoneId}/${(dlg.command ?? '').replace('_', '-')}`, {
          text: v.reason,
          reason: v.reason,
        }),
      );
  }

  const officer = c.allowedCommands.some((x) => ['register', 'change', 'cancel'].includes(x));
  return (
    <>
      <PageHeader
        title={c.title}
        crumbs={[{ title: t('nav.chalContracts'), path: '/challenges/apply/contracts' }, { title: c.title }]}
        extra={
          <Space wrap>
            {c.status !== 'cancelled' && (officer || c.allowedCommands.includes('request_subsidy')) ? (
              <Upload
                showUploadList={false}
                accept=".pdf,.doc,.docx,.xls,.xlsx"
                customRequest={async ({ file }) => {
                  setProgress(0);
                  try {
                    await uploadFile(`/api/challenge-contracts/${c.id}/certificate`, file as File, setProgress);
                    d.reload();
                  } catch (e) {
                    setError(e);
                  } finally {
                    setProgress(null);
                  }
                }}
              >
                <Button icon={<UploadOutlined />}>{t('chal.contract.uploadCert')}</Button>
              </Upload>
            ) : null}
            {c.allowedCommands.includes('register') ? (
              <Button type="primary" onClick={() => setDialog({ kind: 'register' })}>
                {t('chal.contract.register')}
              </Button>
            ) : null}
            {c.allowedCommands.includes('change') ? (
              <Button onClick={() => setDialog({ kind: 'change' })}>{t('chal.contract.change')}</Button>
            ) : null}
            {c.allowedCommands.includes('cancel') ? (
              <Button danger onClick={() => setDialog({ kind: 'cancel' })}>
                {t('chal.contract.cancel')}
              </Button>
            ) : null}
            {c.allowedCommands.includes('request_subsidy') ? (
              <Button onClick={() => act(() => http.post(`/api/challenge-contracts/${c.id}/subsidy-requests`))}>
                {t('chal.contract.requestSubsidy')}
              </Button>
            ) : null}
            {officer && c.status !== 'cancelled' ? (
              <>
                <Button onClick={() => setDialog({ kind: 'accept', command: 'passed' })}>
                  {t('chal.contract.accepted')}
                </Button>
                <Button danger onClick={() => setDialog({ kind: 'accept', command: 'failed' })}>
                  {t('chal.contract.failed')}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      {error ? <ActionError error={error} onClose={() => setError(null)} /> : null}
      {progress !== null ? <Progress percent={progress} size="small" /> : null}
      <Flex vertical gap={16}>
        <Card>
          <Descriptions column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('chal.status')}>
              <ChalStatus status={c.status} kind="contract" />
            </Descriptions.Item>
            <Descriptions.Item label={t('chal.contract.type')}>
              {label(contractTypes[c.type])}
              {c.subType && contractSubTypeLabels[c.subType]
                ? ` / ${label(contractSubTypeLabels[c.subType] as { zh: string; en: string })}`
                : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('chal.list')}>{c.listTitle}</Descriptions.Item>
            <Descriptions.Item label={t('chal.contract.buyer')}>{c.buyerName}</Descriptions.Item>
            <Descriptions.Item label={t('chal.contract.seller')}>{c.sellerName}</Descriptions.Item>
            <Descriptions.Item label={t('chal.contract.signedOn')}>{c.signedOn}</Descriptions.Item>
            <Descriptions.Item label={t('chal.contract.amount')}>{yuan(c.contractAmountFen)}</Descriptions.Item>
            <Descriptions.Item label={t('chal.contract.tech')}>{yuan(c.techAmountFen)}</Descriptions.Item>
            <Descriptions.Item label={t('chal.contract.registration')}>
              {c.registrationNo ? `${c.registrationNo}（${c.registry}，${c.registeredOn}）` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('chal.contract.certificate')}>
              {c.certificate ? (
                <a href={`/api/challenge-attachments/${c.certificate.id}`}>{c.certificate.fileName}</a>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('chal.contract.policy')} span={2}>
              {t('chal.contract.policyText', {
                version: c.policy.version,
                ratio: c.policy.ratioBp / 100,
                base: subsidyBaseLabels[c.policy.base as SubsidyBase]
                  ? label(subsidyBaseLabels[c.policy.base as SubsidyBase])
                  : c.policy.base,
                cap: (c.policy.capFen / 100).toLocaleString(),
              })}
            </Descriptions.Item>
            <Descriptions.Item label={t('chal.contract.entitlement')}>{yuan(c.entitlementFen)}</Descriptions.Item>
            <Descriptions.Item label={t('chal.contract.paid')}>{yuan(c.paidFen)}</Descriptions.Item>
            <Descriptions.Item label={t('chal.contract.pending')}>{yuan(c.pendingFen)}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('chal.milestones')}>
          <Table
            rowKey="id"
            pagination={false}
            dataSource={c.milestones}
            scroll={{ x: 800 }}
            columns={[
              { title: '#', dataIndex: 'seq', width: 48 },
              { title: t('chal.form.msTitle'), dataIndex: 'title' },
              { title: t('chal.form.msDue'), dataIndex: 'dueDate' },
              { title: t('chal.form.msWeight'), dataIndex: 'weight' },
              {
                title: t('chal.status'),
                dataIndex: 'status',
                render: (s) => <ChalStatus status={s} kind="milestone" />,
              },
              { title: t('chal.ms.text'), key: 'text', render: (_, m) => m.assessment ?? m.report ?? '—' },
              {
                title: '',
                key: 'actions',
                render: (_, m) => (
                  <Space wrap>
                    {m.allowedCommands.map((cmd) => (
                      <Button
                        key={cmd}
                        size="small"
                        onClick={() => setDialog({ kind: 'milestone', command: cmd, milestoneId: m.id })}
                      >
                        {t(`chal.ms.${cmd}` as 'chal.ms.report')}
                      </Button>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
        <Card title={t('chal.tranches')}>
          <Table
            rowKey="id"
            pagination={false}
            dataSource={c.tranches}
            columns={[
              {
                title: t('chal.tranche.kind'),
                dataIndex: 'kind',
                render: (k) => (k === 'clawback' ? t('chal.tranche.clawback') : t('chal.tranche.tranche')),
              },
              { title: t('chal.tranche.amount'), dataIndex: 'amountFen', align: 'right', render: yuan },
              { title: t('chal.status'), dataIndex: 'status', render: (s) => <ChalStatus status={s} kind="tranche" /> },
              { title: t('chal.contract.reason'), dataIndex: 'note' },
              { title: t('chal.submittedAt'), dataIndex: 'createdAt', render: (v) => formatDateTime(v) },
              {
                title: '',
                key: 'pay',
                render: (_, x) =>
                  x.status === 'pending' ? (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => act(() => http.post(`/api/challenge-tranches/${x.id}/pay`))}
                    >
                      {x.kind === 'clawback' ? t('chal.tranche.recover') : t('chal.tranche.pay')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
        <Card title={t('chal.history')}>
          <StatusTimeline events={c.events} statusText={statusText} colours={timelineColours} testId="contract-event" />
        </Card>
      </Flex>
      <Modal
        open={dialog !== null}
        title={
          !dialog
            ? ''
            : dialog.kind === 'milestone'
              ? t('chal.dialog.milestone', { action: t(`chal.ms.${dialog.command}` as 'chal.ms.report') })
              : dialog.kind === 'accept'
                ? t(dialog.command === 'failed' ? 'chal.dialog.accept.failed' : 'chal.dialog.accept.passed')
                : t(`chal.dialog.${dialog.kind}` as 'chal.dialog.register')
        }
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submitDialog}>
          {dialog?.kind === 'register' ? (
            <>
              <Form.Item name="registrationNo" label={t('chal.contract.registration')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="registry" label={t('chal.contract.registry')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="registeredOn" label={t('chal.contract.registeredOn')} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind === 'change' ? (
            <>
              <Form.Item name="contractYuan" label={`${t('chal.contract.amount')}（元）`} rules={[{ required: true }]}>
                <InputNumber min={0} precision={2} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="techYuan" label={`${t('chal.contract.tech')}（元）`} rules={[{ required: true }]}>
                <InputNumber min={0} precision={2} style={{ width: '100%' }} />
              </Form.Item>
            </>
          ) : null}
          {dialog && dialog.kind !== 'register' ? (
            <Form.Item
              name="reason"
              label={dialog.kind === 'milestone' ? t('chal.ms.text') : t('chal.contract.reason')}
              rules={[
                {
                  required:
                    dialog.kind !== 'milestone' || ['report', 'send_back', 'fail'].includes(dialog.command ?? ''),
                },
              ]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
