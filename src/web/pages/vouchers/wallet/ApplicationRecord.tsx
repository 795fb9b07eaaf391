import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Row, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { http } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError, Loading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { type QuotaApplicationDetail, voucherApi } from '../api';
import { CommandModal } from '../CommandModal';
import { Money, useMoney, useStatusText, VoucherStatus, VoucherTimeline, YuanInput } from '../common';

type Command = 'approve' | 'reject' | 'withdraw';

/** Where an application stands: submitted → reviewed by the bureau → issued (or refused / withdrawn). */
function ApplicationSteps({ a }: { a: QuotaApplicationDetail }) {
  const { t } = useI18n();
  const text = useStatusText('application');
  const decided = a.status !== 'submitted';
  const refused = a.status === 'rejected' || a.status === 'withdrawn';
  const reason = [...a.events].reverse().find((e) => e.toStatus === a.status)?.reason;
  return (
    <Steps
      data-testid="application-steps"
      current={decided ? 2 : 1}
      items={[
        { title: t('vch.app.step.submitted'), content: formatDateTime(a.submittedAt), status: 'finish' },
        {
          title: t('vch.app.step.review'),
          content: decided ? formatDateTime(a.decidedAt) : t('vch.app.step.reviewNext'),
          status: decided ? (refused ? 'error' : 'finish') : 'process',
        },
        refused
          ? {
              title: text(a.status),
              content: reason ? t('org.step.reason', { reason }) : undefined,
              status: 'error',
            }
          : {
              title: t('vch.app.step.issued'),
              content: a.status === 'approved' ? formatDateTime(a.decidedAt) : undefined,
              status: a.status === 'approved' ? 'finish' : 'wait',
            },
      ]}
    />
  );
}

/**
 * A quota application (申领): the summary, the eligibility check as it stands now, the decision
 * allowed now (approve with an amount up to the one applied for, reject with a reason, withdraw),
 * and its history. The enterprise opens it from the wallet, the officer from the approval queue.
 */
export default function ApplicationRecord() {
  const { id = '' } = useParams();
  const { pathname } = useLocation();
  const { t } = useI18n();
  const { message } = App.useApp();
  const money = useMoney();
  const officer = pathname.startsWith('/vouchers/quotas/');
  const detail = useAsync(
    (signal) => http.get<QuotaApplicationDetail>(voucherApi.quotaApplication(id), undefined, { signal }),
    [id],
  );
  const a = detail.data;
  const [pending, setPending] = useState<Command | null>(null);
  const crumbs = officer
    ? [{ title: t('nav.vchQuotas'), path: '/vouchers/quotas' }]
    : [{ title: t('nav.vchWallet'), path: '/vouchers/wallet' }];
  const commands = (a?.allowedCommands ?? []).filter((c): c is Command =>
    ['approve', 'reject', 'withdraw'].includes(c),
  );
  const run = async (command: Command, body: object) => {
    const next = await http.post<QuotaApplicationDetail>(voucherApi.quotaApplicationCommand(id, command), body);
    detail.setData(next);
    message.success(t(`vch.app.done.${command}`));
  };
  const quotaLink = a?.quotaId
    ? officer
      ? `/vouchers/quotas/${a.quotaId}`
      : `/vouchers/wallet/quotas/${a.quotaId}`
    : null;

  return (
    <>
      <PageHeader
        title={
          a ? (
            <Space wrap>
              {t('vch.app.title', { name: a.programmeName })}
              <VoucherStatus vocabulary="application" status={a.status} testId="application-status" />
            </Space>
          ) : (
            t('vch.app.record')
          )
        }
        subTitle={a ? a.organisationName : undefined}
        crumbs={[...crumbs, { title: a ? a.organisationName : t('vch.app.record') }]}
        extra={commands.map((c) => (
          <Button
            key={c}
            type={c === 'approve' ? 'primary' : 'default'}
            danger={c === 'reject'}
            icon={c === 'approve' ? <CheckOutlined /> : c === 'reject' ? <CloseOutlined /> : <RollbackOutlined />}
            onClick={() => setPending(c)}
            data-testid={`application-${c}`}
          >
            {t(`vch.app.cmd.${c}`)}
          </Button>
        ))}
      />
      {detail.loading && !a ? (
        <Loading what={t('vch.app.loading')} />
      ) : detail.error && !a ? (
        <LoadError error={detail.error} onRetry={detail.reload} />
      ) : a ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('vch.lifecycle')}>
            <ApplicationSteps a={a} />
            {commands.length === 0 && a.status === 'submitted' ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                {t('vch.app.waiting')}
              </Typography.Paragraph>
            ) : null}
          </Card>
          {a.status === 'approved' && quotaLink ? (
            <Alert
              type="success"
              showIcon
              title={
                <span>
                  {t('vch.app.issuedTitle')} <Money fen={a.approvedFen} />
                </span>
              }
              action={<Link to={quotaLink}>{t('vch.app.openQuota')}</Link>}
            />
          ) : null}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <Card title={t('vch.summary')}>
                  <Descriptions
                    bordered
                    size="small"
                    column={{ xs: 1, sm: 1, md: 2 }}
                    items={[
                      { key: 'programme', label: t('vch.programme'), children: a.programmeName },
                      { key: 'org', label: t('vch.enterprise'), children: a.organisationName },
                      { key: 'amount', label: t('vch.apply.amount'), children: <Money fen={a.amountFen} /> },
                      { key: 'approved', label: t('vch.apply.approved'), children: <Money fen={a.approvedFen} /> },
                      { key: 'submitted', label: t('vch.app.submittedAt'), children: formatDateTime(a.submittedAt) },
                      { key: 'decided', label: t('vch.app.decidedAt'), children: formatDateTime(a.decidedAt) },
                      { key: 'purpose', label: t('vch.apply.purpose'), span: 'filled', children: a.purpose },
                    ]}
                  />
                </Card>
                <Card title={t('vch.app.eligibility')} data-testid="application-eligibility">
                  {a.eligibility.eligible ? (
                    <Typography.Text type="success">
                      {t('vch.app.eligibleNow', { remaining: money(a.eligibility.remainingAnnualFen) })}
                    </Typography.Text>
                  ) : (
                    <Alert
                      type="warning"
                      showIcon
                      title={t('vch.apply.notEligible')}
                      description={
                        <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                          {a.eligibility.reasons.map((r) => (
                            <li key={r.code}>{r.message}</li>
                          ))}
                        </ul>
                      }
                    />
                  )}
                </Card>
              </Space>
            </Col>
            <Col xs={24} xl={8}>
              <Card title={t('org.history')}>
                <VoucherTimeline events={a.events} vocabulary="application" testId="application-event" />
              </Card>
            </Col>
          </Row>
        </Space>
      ) : null}

      <CommandModal<{ reason?: string; amountYuan?: number }>
        open={pending === 'approve'}
        title={t('vch.app.confirm.approve', { name: a?.organisationName ?? '' })}
        okText={t('vch.app.cmd.approve')}
        hint={t('vch.app.approveHint')}
        reasonRequired={false}
        initialValues={a ? { amountYuan: a.amountFen / 100 } : undefined}
        onClose={() => setPending(null)}
        onSubmit={(v) =>
          run('approve', {
            amountFen: v.amountYuan === undefined ? undefined : Math.round(v.amountYuan * 100),
            reason: v.reason,
          })
        }
        testId="application-approve-form"
      >
        {() => (
          <Form.Item
            name="amountYuan"
            label={t('vch.app.approveAmount')}
            rules={[
              { required: true, message: t('vch.apply.amountRequired') },
              {
                validator: async (_r, v: number | undefined) => {
                  if (v === undefined || v === null || !a) return;
                  if (v < 1) throw new Error(t('vch.apply.amountMin'));
                  if (Math.round(v * 100) > a.amountFen)
                    throw new Error(t('vch.app.approveTooHigh', { max: money(a.amountFen) }));
                },
              },
            ]}
          >
            <YuanInput />
          </Form.Item>
        )}
      </CommandModal>
      <CommandModal
        open={pending === 'reject' || pending === 'withdraw'}
        title={
          pending === 'withdraw'
            ? t('vch.app.confirm.withdraw')
            : t('vch.app.confirm.reject', { name: a?.organisationName ?? '' })
        }
        okText={pending === 'withdraw' ? t('vch.app.cmd.withdraw') : t('vch.app.cmd.reject')}
        danger
        reasonRequired={pending === 'reject'}
        onClose={() => setPending(null)}
        onSubmit={(v) => run(pending === 'withdraw' ? 'withdraw' : 'reject', { reason: v.reason })}
        testId="application-reason-form"
      />
    </>
  );
}
