import { PayCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Row, Space, Steps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { payBatchBody } from '../../../../shared/api/vouchers';
import { http } from '../../../api/client';
import { useMe } from '../../../auth/AuthContext';
import { BookingExportButton } from '../../../components/BookingFilters';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError, Loading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { zodRule } from '../../../lib/zodRule';
import { type SettlementDetail, voucherApi } from '../api';
import { CommandModal } from '../CommandModal';
import { ClaimTable } from '../claims/ProviderClaims';
import { isFinance, Money, useMoney, VoucherStatus, VoucherTimeline } from '../common';

interface PayValues {
  reason?: string;
  paymentRef: string;
  paidOn: Dayjs;
}

/**
 * One settlement batch: a provider's approved claims of one month and their total; finance marks it
 * paid with the finance system's voucher number, paying exactly the total shown (the server refuses a
 * batch that changed meanwhile). The batch exports as the finance system's import file.
 */
export default function SettlementRecord() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t } = useI18n();
  const { message } = App.useApp();
  const money = useMoney();
  const detail = useAsync(
    (signal) => http.get<SettlementDetail>(voucherApi.settlement(id), undefined, { signal }),
    [id],
  );
  const s = detail.data;
  const [paying, setPaying] = useState(false);
  const canPay = !!s && s.allowedCommands.includes('pay') && isFinance(me);
  const lines = {
    data: s ? { items: s.claims, total: s.claims.length, page: 1, pageSize: s.claims.length || 1 } : undefined,
    error: undefined,
    loading: detail.loading,
    reload: detail.reload,
    setData: () => undefined,
  };

  return (
    <>
      <PageHeader
        title={
          s ? (
            <Space wrap>
              {t('vch.set.title', { name: s.providerName, month: s.month })}
              <VoucherStatus vocabulary="settlement" status={s.status} testId="settlement-status" />
            </Space>
          ) : (
            t('vch.set.record')
          )
        }
        subTitle={s?.programmeName}
        crumbs={[
          { title: t('nav.vchSettlements'), path: '/vouchers/settlements' },
          { title: s ? `${s.providerName} ${s.month}` : t('vch.set.record') },
        ]}
        extra={
          <>
            <BookingExportButton path={voucherApi.settlementExport(id)} filters={{}} />
            {canPay ? (
              <Button
                type="primary"
                icon={<PayCircleOutlined />}
                onClick={() => setPaying(true)}
                data-testid="settlement-pay"
              >
                {t('vch.set.pay')}
              </Button>
            ) : null}
          </>
        }
      />
      {detail.loading && !s ? (
        <Loading what={t('vch.set.loading')} />
      ) : detail.error && !s ? (
        <LoadError error={detail.error} onRetry={detail.reload} />
      ) : s ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('vch.lifecycle')}>
            <Steps
              current={s.status === 'paid' ? 2 : s.payable ? 1 : 0}
              items={[
                {
                  title: t('vch.set.step.collecting'),
                  content: s.status === 'open' && !s.payable ? t('vch.set.step.collectingNext') : undefined,
                  status: s.payable || s.status === 'paid' ? 'finish' : 'process',
                },
                {
                  title: t('vch.set.step.payable'),
                  content: s.status === 'open' && s.payable ? t('vch.set.step.payableNext') : undefined,
                  status: s.status === 'paid' ? 'finish' : s.payable ? 'process' : 'wait',
                },
                {
                  title: t('vch.set.step.paid'),
                  content: s.paidAt ? formatDateTime(s.paidAt) : undefined,
                  status: s.status === 'paid' ? 'finish' : 'wait',
                },
              ]}
            />
          </Card>
          {s.status === 'open' && !s.payable ? (
            <Alert type="info" showIcon title={t('vch.set.notYetPayable', { month: s.month })} />
          ) : null}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <Card title={t('vch.summary')}>
                  <Descriptions
                    bordered
                    size="small"
                    column={{ xs: 1, md: 2 }}
                    items={[
                      { key: 'provider', label: t('vch.provider'), children: s.providerName },
                      { key: 'month', label: t('vch.set.month'), children: s.month },
                      { key: 'programme', label: t('vch.programme'), children: s.programmeName },
                      { key: 'count', label: t('vch.set.claims'), children: s.claimCount },
                      {
                        key: 'total',
                        label: t('vch.set.total'),
                        children: (
                          <span data-testid="settlement-total">
                            <Money fen={s.totalFen} strong />
                          </span>
                        ),
                      },
                      { key: 'ref', label: t('vch.set.paymentRef'), children: s.paymentRef ?? '—' },
                    ]}
                  />
                </Card>
              </Space>
            </Col>
            <Col xs={24} xl={8}>
              <Card title={t('org.history')}>
                <VoucherTimeline events={s.events} vocabulary="settlement" testId="settlement-event" />
              </Card>
            </Col>
          </Row>
          <Card title={t('vch.set.lines')}>
            <ClaimTable
              list={lines}
              tableProps={{ pagination: false, locale: { emptyText: t('vch.set.noLines') } }}
              onPage={() => undefined}
              base="/vouchers/review"
            />
          </Card>
        </Space>
      ) : null}
      {s ? (
        <CommandModal<PayValues>
          open={paying}
          title={t('vch.set.payConfirm', { name: s.providerName, amount: money(s.totalFen) })}
          okText={t('vch.set.pay')}
          hint={t('vch.set.payHint')}
          reasonRequired={null}
          initialValues={{ paidOn: dayjs() }}
          onClose={() => setPaying(false)}
          onSubmit={async (v) => {
            const next = await http.post<SettlementDetail>(voucherApi.pay(id), {
              paymentRef: v.paymentRef.trim(),
              paidOn: v.paidOn.format('YYYY-MM-DD'),
              totalFen: s.totalFen,
            });
            detail.setData(next);
            message.success(t('vch.set.paid'));
          }}
          testId="settlement-pay-form"
        >
          {() => (
            <>
              <Form.Item
                name="paymentRef"
                label={t('vch.set.paymentRef')}
                extra={t('vch.set.paymentRefHint')}
                rules={[
                  { required: true, message: t('vch.set.paymentRefRequired') },
                  zodRule(payBatchBody.shape.paymentRef),
                ]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="paidOn" label={t('vch.set.paidOn')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
        </CommandModal>
      ) : null}
    </>
  );
}
