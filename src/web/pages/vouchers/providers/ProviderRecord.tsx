import { CheckOutlined, CloseOutlined, PauseOutlined, PlayCircleOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, List, Row, Space, Steps, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { serviceKindLabels } from '../../../../shared/api/vouchers';
import { http } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyState, LoadError, Loading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { type ProviderDetail, type PublishedService, voucherApi } from '../api';
import { CommandModal } from '../CommandModal';
import { Money, ServiceKindTags, useStatusText, VoucherStatus, VoucherTimeline } from '../common';
import { RegionName } from '../programmes/RegionListField';

type Command = 'approve' | 'reject' | 'suspend' | 'reinstate' | 'withdraw';
const SPECS: Record<Command, { icon: ReactNode; reason: boolean; danger?: boolean; primary?: boolean }> = {
  approve: { icon: <CheckOutlined />, reason: false, primary: true },
  reject: { icon: <CloseOutlined />, reason: true, danger: true },
  suspend: { icon: <PauseOutlined />, reason: true, danger: true },
  reinstate: { icon: <PlayCircleOutlined />, reason: true },
  withdraw: { icon: <RollbackOutlined />, reason: false, danger: true },
};
const ORDER: Command[] = ['approve', 'reinstate', 'reject', 'suspend', 'withdraw'];

/** 申请 → 信用核查与审核 → 入库, with a refusal, suspension or withdrawal on the step it stopped. */
function AdmissionSteps({ p }: { p: ProviderDetail }) {
  const { t } = useI18n();
  const text = useStatusText('provider');
  const reason = [...p.events].reverse().find((e) => e.toStatus === p.status)?.reason;
  const reasonText = reason ? t('org.step.reason', { reason }) : undefined;
  const stopped = p.status === 'rejected' || p.status === 'withdrawn';
  return (
    <Steps
      data-testid="provider-steps"
      current={p.status === 'applied' ? 1 : 2}
      items={[
        { title: t('vch.prov.step.applied'), content: formatDateTime(p.appliedAt), status: 'finish' },
        {
          title: t('vch.prov.step.review'),
          content: p.status === 'applied' ? t('vch.prov.step.reviewNext') : formatDateTime(p.decidedAt),
          status: p.status === 'applied' ? 'process' : stopped ? 'error' : 'finish',
        },
        stopped
          ? { title: text(p.status), content: reasonText, status: 'error' }
          : p.status === 'suspended'
            ? { title: text('suspended'), content: reasonText, status: 'error' }
            : {
                title: text('admitted'),
                content: p.status === 'admitted' ? t('vch.prov.step.admittedNext') : undefined,
                status: p.status === 'admitted' ? 'finish' : 'wait',
              },
      ]}
    />
  );
}

/** The credit check the bureau sees before admitting: blacklist now, and every record on file. */
function CreditCheck({ check }: { check: ProviderDetail['creditCheck'] }) {
  const { t } = useI18n();
  return (
    <Card title={t('vch.prov.credit')} data-testid="provider-credit">
      {check.ok ? (
        <Alert type="success" showIcon title={t('vch.prov.creditOk', { at: formatDateTime(check.checkedAt) })} />
      ) : (
        <Alert
          type="error"
          showIcon
          title={t('vch.prov.creditBlacklisted')}
          description={
            check.blacklistExpiresAt
              ? t('vch.prov.creditUntil', { date: formatDate(check.blacklistExpiresAt) })
              : undefined
          }
        />
      )}
      {check.records.length ? (
        <List
          size="small"
          style={{ marginTop: 12 }}
          dataSource={check.records}
          renderItem={(r) => (
            <List.Item key={`${r.kind}-${r.startsAt}`}>
              <Space wrap>
                <Tag color={r.active ? 'red' : 'default'}>{r.kind}</Tag>
                <span>{r.reason}</span>
                <Typography.Text type="secondary">
                  {formatDate(r.startsAt)}
                  {r.source ? ` · ${r.source}` : ''}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('vch.prov.creditNoRecords')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/**
 * A provider's admission (服务机构入库): the services it publishes with fees, the credit check,
 * the decision allowed now and the history. Opened by the provider and by the reviewing officer.
 */
export default function ProviderRecord() {
  const { id = '' } = useParams();
  const { pathname } = useLocation();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const officerView = pathname.startsWith('/vouchers/providers/');
  const detail = useAsync((signal) => http.get<ProviderDetail>(voucherApi.provider(id), undefined, { signal }), [id]);
  const p = detail.data;
  const [pending, setPending] = useState<Command | null>(null);
  const commands = (p?.allowedCommands ?? []).filter((c): c is Command => c in SPECS);
  commands.sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const crumbs = officerView
    ? [{ title: t('nav.vchProviders'), path: '/vouchers/providers' }]
    : [{ title: t('nav.vchProvider'), path: '/vouchers/provider' }];

  return (
    <>
      <PageHeader
        title={
          p ? (
            <Space wrap>
              {p.organisationName}
              <VoucherStatus vocabulary="provider" status={p.status} testId="provider-status" />
            </Space>
          ) : (
            t('vch.prov.record')
          )
        }
        subTitle={p?.programmeName}
        crumbs={[...crumbs, { title: p ? p.organisationName : t('vch.prov.record') }]}
        extra={commands.map((c) => (
          <Button
            key={c}
            type={SPECS[c].primary ? 'primary' : 'default'}
            danger={SPECS[c].danger}
            icon={SPECS[c].icon}
            onClick={() => setPending(c)}
            data-testid={`provider-${c}`}
          >
            {t(`vch.prov.cmd.${c}`)}
          </Button>
        ))}
      />
      {detail.loading && !p ? (
        <Loading what={t('vch.prov.loading')} />
      ) : detail.error && !p ? (
        <LoadError error={detail.error} onRetry={detail.reload} />
      ) : p ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('vch.lifecycle')}>
            <AdmissionSteps p={p} />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <Card title={t('vch.summary')}>
                  <Descriptions
                    bordered
                    size="small"
                    column={{ xs: 1, sm: 1, md: 2 }}
                    items={[
                      { key: 'org', label: t('vch.prov.organisation'), children: p.organisationName },
                      { key: 'programme', label: t('vch.programme'), children: p.programmeName },
                      { key: 'region', label: t('vch.region'), children: <RegionName code={p.regionCode} /> },
                      { key: 'instruments', label: t('vch.prov.instruments'), children: p.instrumentCount },
                      {
                        key: 'kinds',
                        label: t('vch.prov.serviceKinds'),
                        span: 'filled',
                        children: <ServiceKindTags kinds={p.serviceKinds} />,
                      },
                      { key: 'contact', label: t('vch.prov.contactName'), children: p.contactName },
                      { key: 'phone', label: t('vch.prov.contactPhone'), children: p.contactPhone },
                      { key: 'applied', label: t('vch.prov.appliedAt'), children: formatDateTime(p.appliedAt) },
                      { key: 'decided', label: t('vch.prov.decidedAt'), children: formatDateTime(p.decidedAt) },
                      { key: 'intro', label: t('vch.prov.intro'), span: 'filled', children: p.intro },
                    ]}
                  />
                </Card>
                <Card title={t('vch.prov.services')}>
                  <Table<PublishedService>
                    rowKey="key"
                    size="small"
                    pagination={false}
                    dataSource={p.services}
                    scroll={{ x: 640 }}
                    locale={{
                      emptyText: (
                        <EmptyState
                          description={
                            p.serviceKinds.some((k) => k.startsWith('instrument_'))
                              ? t('vch.prov.servicesInstrumentsOnly')
                              : t('vch.prov.servicesNone')
                          }
                        />
                      ),
                    }}
                    columns={[
                      { title: t('vch.prov.svc.name'), dataIndex: 'name' },
                      {
                        title: t('vch.prov.svc.kind'),
                        dataIndex: 'kind',
                        render: (k: 'testing' | 'technology_service') => label(serviceKindLabels[k]),
                      },
                      {
                        title: t('vch.prov.svc.fee'),
                        dataIndex: 'feeFen',
                        align: 'right',
                        render: (v: number, s) => (
                          <span>
                            <Money fen={v} /> / {s.unit}
                          </span>
                        ),
                      },
                      { title: t('vch.prov.svc.standard'), dataIndex: 'standard', render: (v?: string) => v || '—' },
                    ]}
                  />
                </Card>
              </Space>
            </Col>
            <Col xs={24} xl={8}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <CreditCheck check={p.creditCheck} />
                <Card title={t('org.history')}>
                  <VoucherTimeline events={p.events} vocabulary="provider" testId="provider-event" />
                </Card>
              </Space>
            </Col>
          </Row>
        </Space>
      ) : null}
      <CommandModal
        open={!!pending}
        title={pending && p ? t(`vch.prov.confirm.${pending}`, { name: p.organisationName }) : ''}
        okText={pending ? t(`vch.prov.cmd.${pending}`) : ''}
        hint={pending === 'approve' && p && !p.creditCheck.ok ? t('vch.prov.approveBlacklisted') : undefined}
        danger={pending ? SPECS[pending].danger : false}
        reasonRequired={pending ? SPECS[pending].reason : false}
        onClose={() => setPending(null)}
        onSubmit={async (v) => {
          if (!pending) return;
          const next = await http.post<ProviderDetail>(voucherApi.providerCommand(id, pending), { reason: v.reason });
          detail.setData(next);
          message.success(t('vch.prov.done', { action: t(`vch.prov.cmd.${pending}`) }));
        }}
        testId="provider-command-form"
      />
    </>
  );
}
