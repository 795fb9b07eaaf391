import { CheckOutlined, CloseOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Space, Steps } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { recoverBody, serviceKindLabels } from '../../../../shared/api/vouchers';
import { http } from '../../../api/client';
import { useMe } from '../../../auth/AuthContext';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError, Loading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDateTime, formatTimeRange } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { zodRule } from '../../../lib/zodRule';
import { type ClaimDetail, voucherApi } from '../api';
import { CommandModal } from '../CommandModal';
import {
  FlagTag,
  isFinance,
  Money,
  nowrapLabels,
  useHours,
  useMoney,
  useStatusText,
  VoucherStatus,
  VoucherTimeline,
} from '../common';
import { CheckList } from './CheckList';
import { EvidencePanel } from './EvidencePanel';
import { VoidClaimModal } from './VoidClaimModal';

/** 提交 → 科技局审核 → 纳入月度结算 → 拨付, with a rejection or claw-back on the step it stopped. */
function ClaimSteps({ c }: { c: ClaimDetail }) {
  const { t } = useI18n();
  const text = useStatusText('claim');
  const reached = new Map(c.events.map((e) => [e.toStatus, e.at]));
  const reason = c.decisionReason ?? [...c.events].reverse().find((e) => e.toStatus === c.status)?.reason;
  const reasonText = reason ? t('org.step.reason', { reason }) : undefined;
  const review =
    c.status === 'pending_review'
      ? { title: t('vch.claim.step.review'), content: t('vch.claim.step.reviewNext'), status: 'process' as const }
      : c.status === 'rejected'
        ? { title: text('rejected'), content: reasonText, status: 'error' as const }
        : { title: t('vch.claim.step.review'), content: formatDateTime(c.decidedAt), status: 'finish' as const };
  const settle =
    c.status === 'voided'
      ? { title: text('voided'), content: reasonText, status: 'error' as const }
      : c.status === 'approved'
        ? { title: t('vch.claim.step.batch'), content: t('vch.claim.step.batchNext'), status: 'process' as const }
        : c.status === 'settled'
          ? { title: text('settled'), content: formatDateTime(reached.get('settled')), status: 'finish' as const }
          : { title: t('vch.claim.step.batch'), status: 'wait' as const };
  return (
    <Steps
      data-testid="claim-steps"
      current={c.status === 'pending_review' || c.status === 'rejected' ? 1 : 2}
      items={[
        { title: t('vch.claim.step.filed'), content: formatDateTime(c.filedAt), status: 'finish' },
        review,
        settle,
      ]}
    />
  );
}

/**
 * A redemption claim (兑付申请): the automatic checks with each failed one's reason, the evidence
 * panel, the summary, the decision allowed now (approve, reject with a reason, void and claw back),
 * and the history. The provider opens it from its claims, the officer from the review queue.
 */
export default function ClaimRecord() {
  const { id = '' } = useParams();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const hours = useHours();
  const money = useMoney();
  const review = pathname.startsWith('/vouchers/review/');
  const detail = useAsync((signal) => http.get<ClaimDetail>(voucherApi.claim(id), undefined, { signal }), [id]);
  const c = detail.data;
  const [pending, setPending] = useState<'approve' | 'reject' | 'void' | 'recover' | null>(null);
  const me = useMe();
  // The server leaves recovery out of allowedCommands (it is finance's, not the reviewer's): owed and
  // not yet back, finance records it.
  const canRecover = !!c?.clawback && !c.clawback.recoveredAt && isFinance(me);
  const allowed = new Set(c?.allowedCommands ?? []);
  const crumbs = review
    ? [{ title: t('nav.vchReview'), path: '/vouchers/review' }]
    : [{ title: t('nav.vchClaims'), path: '/vouchers/claims?tab=claims' }];
  const decide = async (command: 'approve' | 'reject', reason?: string) => {
    const next = await http.post<ClaimDetail>(voucherApi.claimCommand(id, command), { reason });
    detail.setData(next);
    message.success(t(`vch.claim.done.${command}`));
  };
  const attention = c ? c.checks.filter((k) => k.outcome !== 'pass') : [];

  return (
    <>
      <PageHeader
        title={
          c ? (
            <Space wrap>
              {t('vch.claim.title', { name: c.subjectName })}
              <VoucherStatus vocabulary="claim" status={c.status} testId="claim-status" />
              <FlagTag flagged={c.flagged} />
            </Space>
          ) : (
            t('vch.claim.record')
          )
        }
        subTitle={c ? `${c.providerName} → ${c.enterpriseName}` : undefined}
        crumbs={[...crumbs, { title: c ? c.subjectName : t('vch.claim.record') }]}
        extra={
          <>
            {allowed.has('approve') ? (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                onClick={() => setPending('approve')}
                data-testid="claim-approve"
              >
                {t('vch.claim.cmd.approve')}
              </Button>
            ) : null}
            {allowed.has('reject') ? (
              <Button danger icon={<CloseOutlined />} onClick={() => setPending('reject')} data-testid="claim-reject">
                {t('vch.claim.cmd.reject')}
              </Button>
            ) : null}
            {canRecover ? (
              <Button icon={<RollbackOutlined />} onClick={() => setPending('recover')} data-testid="claim-recover">
                {t('vch.claim.cmd.recover')}
              </Button>
            ) : null}
            {allowed.has('void') ? (
              <Button danger icon={<StopOutlined />} onClick={() => setPending('void')} data-testid="claim-void">
                {t('vch.claim.cmd.void')}
              </Button>
            ) : null}
          </>
        }
      />
      {detail.loading && !c ? (
        <Loading what={t('vch.claim.loading')} />
      ) : detail.error && !c ? (
        <LoadError error={detail.error} onRetry={detail.reload} />
      ) : c ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {params.get('filed') ? (
            <Alert type="success" showIcon closable title={t('vch.claim.filed')} data-testid="claim-filed" />
          ) : null}
          <Card title={t('vch.lifecycle')}>
            <ClaimSteps c={c} />
          </Card>
          {c.clawback ? (
            <Alert
              type={c.clawback.recoveredAt ? 'success' : 'warning'}
              showIcon
              data-testid="claim-clawback"
              title={
                c.clawback.recoveredAt
                  ? t('vch.claim.recovered', {
                      amount: money(c.clawback.owedFen),
                      at: formatDateTime(c.clawback.recoveredAt),
                    })
                  : t('vch.claim.owed', { amount: money(c.clawback.owedFen) })
              }
            />
          ) : null}
          {c.status === 'pending_review' && attention.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              data-testid="claim-attention"
              title={t('vch.claim.attention', { n: attention.length })}
              description={attention.map((k) => k.message ?? k.label).join('；')}
            />
          ) : null}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <EvidencePanel claim={c} />
                <Card title={t('vch.summary')}>
                  <Descriptions
                    styles={nowrapLabels}
                    bordered
                    size="small"
                    column={{ xs: 1, sm: 1, md: 2 }}
                    items={[
                      { key: 'provider', label: t('vch.provider'), children: c.providerName },
                      { key: 'enterprise', label: t('vch.enterprise'), children: c.enterpriseName },
                      { key: 'programme', label: t('vch.programme'), children: c.programmeName },
                      { key: 'kind', label: t('vch.claim.kind'), children: label(serviceKindLabels[c.serviceKind]) },
                      {
                        key: 'when',
                        label: t('vch.claim.when'),
                        children: formatTimeRange(c.serviceStart, c.serviceEnd),
                      },
                      { key: 'hours', label: t('vch.claim.claimedHours'), children: hours(c.claimedMinutes) },
                      { key: 'fee', label: t('vch.claim.fee'), children: <Money fen={c.feeFen} /> },
                      {
                        key: 'published',
                        label: t('vch.claim.publishedFee'),
                        children: <Money fen={c.publishedFeeFen} />,
                      },
                      {
                        key: 'voucher',
                        label: t('vch.claim.voucher'),
                        children: (
                          <span data-testid="claim-voucher">
                            <Money fen={c.voucherFen} strong />
                          </span>
                        ),
                      },
                      { key: 'filed', label: t('vch.claim.filedAt'), children: formatDateTime(c.filedAt) },
                      {
                        key: 'settlement',
                        label: t('vch.claim.settlement'),
                        children: c.settlementId ? (
                          <Link to={`/vouchers/settlements/${c.settlementId}`}>{t('vch.claim.openSettlement')}</Link>
                        ) : (
                          '—'
                        ),
                      },
                      { key: 'note', label: t('vch.claim.note'), span: 'filled', children: c.note ?? '—' },
                    ]}
                  />
                </Card>
              </Space>
            </Col>
            <Col xs={24} xl={8}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <Card title={t('vch.claim.checks')}>
                  <CheckList checks={c.checks} />
                </Card>
                <Card title={t('org.history')}>
                  <VoucherTimeline events={c.events} vocabulary="claim" testId="claim-event" />
                </Card>
              </Space>
            </Col>
          </Row>
        </Space>
      ) : null}
      <CommandModal
        open={pending === 'approve' || pending === 'reject'}
        title={
          pending === 'reject'
            ? t('vch.claim.confirm.reject', { name: c?.providerName ?? '' })
            : t('vch.claim.confirm.approve', { amount: c ? money(c.voucherFen) : '' })
        }
        okText={pending === 'reject' ? t('vch.claim.cmd.reject') : t('vch.claim.cmd.approve')}
        hint={
          pending === 'approve' && c?.flagged
            ? t('vch.claim.approveFlagged')
            : pending === 'approve'
              ? t('vch.claim.approveHint')
              : t('vch.claim.rejectHint')
        }
        danger={pending === 'reject'}
        reasonRequired={pending === 'reject' || (pending === 'approve' && !!c?.flagged)}
        reasonRequiredMessage={t('vch.claim.reasonRequired')}
        onClose={() => setPending(null)}
        onSubmit={(v) => decide(pending === 'reject' ? 'reject' : 'approve', v.reason)}
        testId="claim-decision-form"
      />
      <CommandModal<{ reason?: string; paymentRef: string }>
        open={pending === 'recover'}
        title={t('vch.claim.recoverTitle', { amount: c?.clawback ? money(c.clawback.owedFen) : '' })}
        okText={t('vch.claim.cmd.recover')}
        hint={t('vch.claim.recoverHint')}
        reasonRequired={null}
        onClose={() => setPending(null)}
        onSubmit={async (v) => {
          detail.setData(
            await http.post<ClaimDetail>(voucherApi.claimRecover(id), { paymentRef: v.paymentRef.trim() }),
          );
          message.success(t('vch.claim.done.recover'));
        }}
        testId="claim-recover-form"
      >
        {() => (
          <Form.Item
            name="paymentRef"
            label={t('vch.set.paymentRef')}
            rules={[
              { required: true, message: t('vch.set.paymentRefRequired') },
              zodRule(recoverBody.shape.paymentRef),
            ]}
          >
            <Input maxLength={100} />
          </Form.Item>
        )}
      </CommandModal>
      {c ? (
        <VoidClaimModal
          open={pending === 'void'}
          claim={c}
          onClose={() => setPending(null)}
          onVoided={(next) => {
            detail.setData(next);
            message.success(t('vch.claim.done.void'));
          }}
        />
      ) : null}
    </>
  );
}
