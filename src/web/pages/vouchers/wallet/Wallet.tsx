import { PlusOutlined, ShoppingCartOutlined, WalletOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, List, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { useMe } from '../../../auth/AuthContext';
import { isOrgAdmin } from '../../../auth/roles';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyState, LoadError, Loading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { useUrlQuery } from '../../../lib/useUrlQuery';
import { type QuotaApplicationSummary, type QuotaView, voucherApi, type Wallet as WalletData } from '../api';
import { BalanceBar } from '../BalanceBar';
import { ControllerCard } from '../ControllerCard';
import { formatBp, lastValidDay, Money, VoucherStatus, walletOrganisations } from '../common';
import { OrderServiceModal } from '../orders/OrderServiceModal';
import { ServiceOrders } from '../orders/ServiceOrders';
import { ApplyQuotaModal } from './ApplyQuotaModal';
import { daysLeft, EXPIRING_DAYS } from './expiry';

const KEYS = ['org'] as const;

/** One voucher: what is left, where the rest went, until when, and the way to its movements. */
function QuotaCard({ quota }: { quota: QuotaView }) {
  const { t } = useI18n();
  const left = daysLeft(quota.expiresAt);
  const expiring = quota.status === 'active' && left <= EXPIRING_DAYS && quota.balances.availableFen > 0;
  return (
    <Card
      size="small"
      data-testid="wallet-quota"
      data-quota={quota.id}
      title={
        <Space wrap size={4}>
          <span>{quota.programmeName}</span>
          <VoucherStatus vocabulary="quota" status={quota.status} />
        </Space>
      }
      extra={<Link to={`/vouchers/wallet/quotas/${quota.id}`}>{t('vch.wallet.movements')}</Link>}
      style={{ height: '100%' }}
      styles={{ title: { whiteSpace: 'normal' } }}
    >
      <Flex wrap gap={24} style={{ marginBottom: 12 }}>
        <Statistic
          title={t('vch.bal.available')}
          value={quota.balances.availableFen / 100}
          precision={quota.balances.availableFen % 100 ? 2 : 0}
          suffix={t('money.unitYuan')}
        />
        <Statistic
          title={t('vch.bal.reserved')}
          value={quota.balances.reservedFen / 100}
          precision={quota.balances.reservedFen % 100 ? 2 : 0}
          suffix={t('money.unitYuan')}
        />
      </Flex>
      <BalanceBar balances={quota.balances} />
      <Flex vertical gap={4} style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">
          {t('vch.wallet.issued', { date: formatDate(quota.issuedAt) })}
          <Money fen={quota.balances.issuedFen} />
        </Typography.Text>
        <Typography.Text type={expiring ? 'warning' : 'secondary'} data-testid="wallet-validity">
          {t('vch.wallet.validity', { from: quota.validFrom, until: lastValidDay(quota.expiresAt) })}
          {expiring ? ` · ${t('vch.wallet.expiresIn', { n: left })}` : ''}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('vch.wallet.coverage', { pct: formatBp(quota.coverageBp) })}
          <Money fen={quota.perClaimCapFen} />
        </Typography.Text>
        {quota.acceptedInRegions.length > 1 ? (
          <Typography.Text type="secondary">
            {t('vch.wallet.accepted', { n: quota.acceptedInRegions.length })}
          </Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
}

/**
 * The enterprise's wallet (创新券钱包): balances by voucher, what is about to expire, applications
 * and their status, programmes open to apply for. Built to be read on a phone first.
 */
export default function Wallet() {
  const me = useMe();
  const { t } = useI18n();
  const orgs = walletOrganisations(me);
  const { values, update } = useUrlQuery(KEYS);
  const organisationId = values.org ?? orgs[0]?.id;
  const [applyFor, setApplyFor] = useState<string | null>(null);
  const [ordering, setOrdering] = useState(false);
  const [ordersKey, setOrdersKey] = useState(0);

  const wallet = useAsync(
    (signal) =>
      organisationId
        ? http.get<WalletData>(voucherApi.wallet, { organisationId }, { signal })
        : Promise.resolve(undefined),
    [organisationId],
  );
  const history = useAsync(
    (signal) =>
      organisationId
        ? http.get<Paged<QuotaApplicationSummary>>(
            voucherApi.quotaApplications,
            { mine: 'true', organisationId, pageSize: 10 },
            { signal },
          )
        : Promise.resolve(undefined),
    [organisationId],
  );
  const w = wallet.data;
  const expiring = (w?.quotas ?? []).filter(
    (q) => q.status === 'active' && q.balances.availableFen > 0 && daysLeft(q.expiresAt) <= EXPIRING_DAYS,
  );
  const expiringFen = expiring.reduce((s, q) => s + q.balances.availableFen, 0);
  const canApply = (w?.openProgrammes.length ?? 0) > 0;

  if (orgs.length === 0) {
    return (
      <>
        <PageHeader title={t('nav.vchWallet')} crumbs={[{ title: t('nav.vchWallet') }]} />
        <Card>
          <EmptyState description={t('vch.wallet.noOrg')} />
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t('nav.vchWallet')}
        crumbs={[{ title: t('nav.vchWallet') }]}
        subTitle={w ? w.organisationName : t('vch.wallet.lead')}
        extra={
          <>
            {orgs.length > 1 ? (
              <Select
                aria-label={t('vch.organisation')}
                value={organisationId}
                onChange={(v) => update({ org: v })}
                options={orgs.map((o) => ({ value: o.id, label: o.name }))}
                style={{ minWidth: 200 }}
              />
            ) : null}
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!canApply}
              title={canApply ? undefined : t('vch.wallet.noOpenProgrammes')}
              onClick={() => setApplyFor(w?.openProgrammes[0]?.id ?? null)}
              data-testid="wallet-apply"
            >
              {t('vch.apply.open')}
            </Button>
          </>
        }
      />
      {wallet.loading && !w ? (
        <Loading what={t('vch.wallet.loading')} />
      ) : wallet.error ? (
        <LoadError error={wallet.error} onRetry={wallet.reload} />
      ) : w ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {expiring.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              data-testid="wallet-expiring"
              title={t('vch.wallet.expiringTitle', { n: expiring.length })}
              description={t('vch.wallet.expiringBody', { days: EXPIRING_DAYS })}
            />
          ) : null}
          <Row gutter={[12, 12]} data-testid="wallet-totals">
            {(
              [
                ['availableFen', 'vch.bal.available'],
                ['reservedFen', 'vch.bal.reserved'],
                ['redeemedFen', 'vch.bal.redeemed'],
                ['issuedFen', 'vch.bal.issued'],
              ] as const
            ).map(([key, label]) => (
              <Col key={key} xs={12} md={6} xl={{ flex: '20%' }}>
                <Card size="small" style={{ height: '100%' }} data-testid={`wallet-total-${key}`}>
                  <Statistic
                    title={t(label)}
                    value={w.totals[key] / 100}
                    precision={w.totals[key] % 100 ? 2 : 0}
                    suffix={t('money.unitYuan')}
                  />
                </Card>
              </Col>
            ))}
            <Col xs={24} md={24} xl={{ flex: '20%' }}>
              <Card size="small" style={{ height: '100%' }} data-testid="wallet-total-expiring">
                <Statistic
                  title={t('vch.bal.expiring', { days: EXPIRING_DAYS })}
                  value={expiringFen / 100}
                  precision={expiringFen % 100 ? 2 : 0}
                  suffix={t('money.unitYuan')}
                  styles={{ content: { color: expiringFen > 0 ? '#d46b08' : undefined } }}
                />
              </Card>
            </Col>
          </Row>

          <Card title={t('vch.wallet.quotas')} styles={{ body: { padding: 12 } }}>
            {w.quotas.length === 0 ? (
              <EmptyState
                description={canApply ? t('vch.wallet.noQuotas') : t('vch.wallet.noQuotasNoProgramme')}
                action={
                  canApply ? (
                    <Button type="primary" onClick={() => setApplyFor(w.openProgrammes[0]?.id ?? null)}>
                      {t('vch.apply.open')}
                    </Button>
                  ) : null
                }
              />
            ) : (
              <Row gutter={[12, 12]}>
                {w.quotas.map((q) => (
                  <Col key={q.id} xs={24} md={12} xl={8}>
                    <QuotaCard quota={q} />
                  </Col>
                ))}
              </Row>
            )}
          </Card>

          <Card
            title={t('vch.order.cardTitle')}
            extra={
              <Button
                size="small"
                icon={<ShoppingCartOutlined />}
                onClick={() => setOrdering(true)}
                data-testid="order-open"
              >
                {t('vch.order.open')}
              </Button>
            }
          >
            <ServiceOrders side="enterprise" reloadKey={ordersKey} onChanged={wallet.reload} />
          </Card>

          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card title={t('vch.wallet.applications')} data-testid="wallet-applications">
                {history.error ? <LoadError error={history.error} onRetry={history.reload} /> : null}
                <List<QuotaApplicationSummary>
                  loading={history.loading}
                  dataSource={history.data?.items ?? []}
                  locale={{ emptyText: <EmptyState description={t('vch.wallet.noApplications')} /> }}
                  renderItem={(a) => (
                    <List.Item
                      key={a.id}
                      extra={<VoucherStatus vocabulary="application" status={a.status} />}
                      data-testid="wallet-application"
                    >
                      <List.Item.Meta
                        title={<Link to={`/vouchers/wallet/applications/${a.id}`}>{a.programmeName}</Link>}
                        description={
                          <Space wrap size={[12, 0]}>
                            <span>
                              {t('vch.apply.amount')} <Money fen={a.amountFen} />
                            </span>
                            {a.approvedFen !== null ? (
                              <span>
                                {t('vch.apply.approved')} <Money fen={a.approvedFen} />
                              </span>
                            ) : null}
                            <span>{formatDate(a.submittedAt)}</span>
                          </Space>
                        }
                      />
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <Card title={t('vch.wallet.openProgrammes')}>
                  <List
                    dataSource={w.openProgrammes}
                    locale={{ emptyText: <EmptyState description={t('vch.wallet.noOpenProgrammes')} /> }}
                    renderItem={(p) => (
                      <List.Item
                        key={p.id}
                        actions={[
                          <Button key="apply" size="small" onClick={() => setApplyFor(p.id)}>
                            {t('vch.apply.short')}
                          </Button>,
                        ]}
                      >
                        <List.Item.Meta
                          avatar={<WalletOutlined style={{ fontSize: 20, color: '#1677ff' }} />}
                          title={p.name}
                          description={
                            <Space wrap size={[8, 0]}>
                              <Tag>{p.regionName}</Tag>
                              <span>{t('vch.prog.coverageShort', { pct: formatBp(p.coverageBp) })}</span>
                              <span>
                                {t('vch.prog.annualCapShort')} <Money fen={p.annualCapFen} />
                              </span>
                              <span>{t('vch.prog.until', { date: p.validUntil })}</span>
                            </Space>
                          }
                        />
                      </List.Item>
                    )}
                  />
                </Card>
                <ControllerCard organisationId={w.organisationId} canEdit={isOrgAdmin(me, w.organisationId)} />
              </Space>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('vch.wallet.howToUse')}{' '}
            <LinkButton to="/instruments" type="link" size="small">
              {t('vch.wallet.findInstrument')}
            </LinkButton>
          </Typography.Paragraph>
        </Space>
      ) : null}
      {ordering && w ? (
        <OrderServiceModal
          organisationId={w.organisationId}
          onClose={() => setOrdering(false)}
          onOrdered={() => setOrdersKey((k) => k + 1)}
        />
      ) : null}
      {applyFor && w ? (
        <ApplyQuotaModal
          organisationId={w.organisationId}
          programmes={w.openProgrammes}
          programmeId={applyFor}
          onClose={() => setApplyFor(null)}
          onApplied={() => {
            wallet.reload();
            history.reload();
          }}
        />
      ) : null}
    </>
  );
}
