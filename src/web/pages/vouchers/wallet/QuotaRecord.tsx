import { StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, Descriptions, Form, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { useMe } from '../../../auth/AuthContext';
import { BookingExportButton } from '../../../components/BookingFilters';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyState, LoadError, Loading } from '../../../components/States';
import { pickBilingual, useI18n } from '../../../i18n';
import { formatDateTime, noWrap } from '../../../lib/format';
import { pageParams, pageQuery } from '../../../lib/listTable';
import { useAsync } from '../../../lib/useAsync';
import { useUrlQuery } from '../../../lib/useUrlQuery';
import { type Movement, type QuotaView, voucherApi } from '../api';
import { BalanceBar } from '../BalanceBar';
import { CommandModal } from '../CommandModal';
import {
  formatBp,
  isVoucherOfficer,
  lastValidDay,
  Money,
  nowrapLabels,
  useMovementText,
  VoucherStatus,
} from '../common';
import { RegionName } from '../programmes/RegionListField';

const KEYS = ['page', 'pageSize'] as const;
const KIND_COLOURS: Record<Movement['kind'], string> = {
  issue: 'green',
  reserve: 'blue',
  release: 'default',
  redeem: 'cyan',
  settle: 'geekblue',
  void: 'red',
  expire: 'default',
  clawback: 'volcano',
  recover: 'purple',
};

/**
 * One voucher: its balances (each a sum of ledger postings) and every movement of it, oldest money
 * first, with running balances, exportable; officers may void it for fraud, with a credit record.
 */
export default function QuotaRecord() {
  const { id = '' } = useParams();
  const { pathname } = useLocation();
  const me = useMe();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const kindText = useMovementText();
  const officerView = pathname.startsWith('/vouchers/quotas/');
  const { values, update } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const [voiding, setVoiding] = useState(false);
  const quota = useAsync((signal) => http.get<QuotaView>(voucherApi.quota(id), undefined, { signal }), [id]);
  const movements = useAsync(
    (signal) => http.get<Paged<Movement>>(voucherApi.movements(id), { page, pageSize }, { signal }),
    [id, page, pageSize],
  );
  const q = quota.data;
  const crumbs = officerView
    ? [{ title: t('nav.vchQuotas'), path: '/vouchers/quotas?tab=quotas' }]
    : [{ title: t('nav.vchWallet'), path: '/vouchers/wallet' }];
  const subjectLink = (m: Movement) =>
    m.bookingId ? (
      <Link to={`/bookings/${m.bookingId}`}>{t('vch.mv.booking')}</Link>
    ) : m.claimId && officerView ? (
      <Link to={`/vouchers/review/${m.claimId}`}>{t('vch.mv.claim')}</Link>
    ) : m.serviceOrderId ? (
      t('vch.mv.serviceOrder')
    ) : null;

  return (
    <>
      <PageHeader
        title={
          q ? (
            <Space wrap>
              {q.programmeName}
              <VoucherStatus vocabulary="quota" status={q.status} testId="quota-status" />
            </Space>
          ) : (
            t('vch.quota.record')
          )
        }
        subTitle={q?.organisationName}
        crumbs={[...crumbs, { title: q ? q.organisationName : t('vch.quota.record') }]}
        extra={
          <>
            <BookingExportButton path={voucherApi.movementsExport(id)} filters={{}} />
            {q && q.status === 'active' && isVoucherOfficer(me) ? (
              <Button danger icon={<StopOutlined />} onClick={() => setVoiding(true)} data-testid="quota-void">
                {t('vch.quota.void')}
              </Button>
            ) : null}
          </>
        }
      />
      {quota.loading && !q ? (
        <Loading what={t('vch.quota.loading')} />
      ) : quota.error && !q ? (
        <LoadError error={quota.error} onRetry={quota.reload} />
      ) : q ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <Card title={t('vch.quota.balances')} style={{ height: '100%' }} data-testid="quota-balances">
                <Descriptions
                  size="small"
                  column={2}
                  items={(
                    [
                      ['issuedFen', 'vch.bal.issued'],
                      ['availableFen', 'vch.bal.available'],
                      ['reservedFen', 'vch.bal.reserved'],
                      ['redeemedFen', 'vch.bal.redeemed'],
                      ['expiredFen', 'vch.bal.expired'],
                      ['voidedFen', 'vch.bal.voided'],
                    ] as const
                  ).map(([k, l]) => ({
                    key: k,
                    label: t(l),
                    children: <Money fen={q.balances[k]} strong={k === 'availableFen'} />,
                  }))}
                />
                <div style={{ marginTop: 12 }}>
                  <BalanceBar balances={q.balances} />
                </div>
                <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                  {t('vch.quota.sumsNote')}
                </Typography.Paragraph>
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card title={t('vch.summary')} style={{ height: '100%' }}>
                <Descriptions
                  styles={nowrapLabels}
                  bordered
                  size="small"
                  column={{ xs: 1, sm: 1, md: 2 }}
                  items={[
                    { key: 'org', label: t('vch.enterprise'), children: q.organisationName },
                    {
                      key: 'programme',
                      label: t('vch.programme'),
                      children: t('vch.quota.programmeVersion', { name: q.programmeName, v: q.programmeVersion }),
                    },
                    { key: 'issued', label: t('vch.quota.issuedAt'), children: formatDateTime(q.issuedAt) },
                    {
                      key: 'valid',
                      label: t('vch.quota.validity'),
                      children: `${q.validFrom} – ${lastValidDay(q.expiresAt)}`,
                    },
                    { key: 'coverage', label: t('vch.prog.coverage'), children: formatBp(q.coverageBp) },
                    { key: 'cap', label: t('vch.prog.perClaimCap'), children: <Money fen={q.perClaimCapFen} /> },
                    {
                      key: 'regions',
                      label: t('vch.quota.acceptedIn'),
                      span: 'filled',
                      children: (
                        <Space wrap size={4}>
                          {q.acceptedInRegions.map((r) => (
                            <Tag key={r}>
                              <RegionName code={r} />
                            </Tag>
                          ))}
                        </Space>
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Card title={t('vch.quota.movements')} data-testid="quota-movements">
            {movements.error ? (
              <LoadError error={movements.error} onRetry={movements.reload} />
            ) : (
              <Table<Movement>
                rowKey="id"
                size="small"
                loading={movements.loading}
                dataSource={movements.data?.items ?? []}
                scroll={{ x: 900 }}
                locale={{ emptyText: <EmptyState description={t('vch.quota.noMovements')} /> }}
                pagination={{
                  current: page,
                  pageSize,
                  total: movements.data?.total ?? 0,
                  showSizeChanger: true,
                  showTotal: (n) => t('common.total', { n }),
                }}
                onChange={(p) => update(pageQuery(p, 20))}
                onRow={() => ({ 'data-testid': 'movement-row' }) as React.HTMLAttributes<HTMLElement>}
                columns={[
                  { title: t('vch.mv.at'), dataIndex: 'at', render: (v) => formatDateTime(v), onCell: noWrap },
                  {
                    title: t('vch.mv.kind'),
                    dataIndex: 'kind',
                    render: (k: Movement['kind']) => (
                      <Tag color={KIND_COLOURS[k]} data-testid="movement-kind">
                        {kindText(k)}
                      </Tag>
                    ),
                  },
                  {
                    title: t('vch.mv.available'),
                    dataIndex: 'availableDeltaFen',
                    align: 'right',
                    render: (v: number) => (v ? <Money fen={v} signed /> : '—'),
                  },
                  {
                    title: t('vch.mv.reserved'),
                    dataIndex: 'reservedDeltaFen',
                    align: 'right',
                    render: (v: number) => (v ? <Money fen={v} signed /> : '—'),
                  },
                  {
                    title: t('vch.mv.availableAfter'),
                    dataIndex: 'availableAfterFen',
                    align: 'right',
                    render: (v: number) => <Money fen={v} />,
                  },
                  {
                    title: t('vch.mv.reservedAfter'),
                    dataIndex: 'reservedAfterFen',
                    align: 'right',
                    render: (v: number) => <Money fen={v} />,
                  },
                  {
                    title: t('vch.mv.memo'),
                    dataIndex: 'memo',
                    render: (v: string | null) => (v ? pickBilingual(v, lang) : '—'),
                  },
                  { title: t('vch.mv.subject'), key: 'subject', render: (_, m) => subjectLink(m) ?? '—' },
                ]}
              />
            )}
          </Card>
        </Space>
      ) : null}
      <CommandModal<{ reason?: string; creditRecord: boolean }>
        open={voiding}
        title={t('vch.quota.voidConfirm', { name: q?.organisationName ?? '' })}
        okText={t('vch.quota.void')}
        hint={t('vch.quota.voidHint')}
        danger
        reasonRequired
        initialValues={{ creditRecord: true }}
        onClose={() => setVoiding(false)}
        onSubmit={async (v) => {
          const next = await http.post<QuotaView>(voucherApi.voidQuota(id), {
            reason: v.reason,
            creditRecord: v.creditRecord,
          });
          quota.setData(next);
          movements.reload();
          message.success(t('vch.quota.voided'));
        }}
        testId="quota-void-form"
      >
        {() => (
          <Form.Item name="creditRecord" valuePropName="checked">
            <Checkbox>{t('vch.creditRecord.enterprise')}</Checkbox>
          </Form.Item>
        )}
      </CommandModal>
    </>
  );
}
