import { Card, Col, Tabs } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { quotaApplicationStatusLabels, quotaStatusLabels } from '../../../../shared/api/vouchers';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { useMe } from '../../../auth/AuthContext';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { BatchBar, useBatchAction } from '../../../lib/batchAction';
import { formatDateTime, noWrap } from '../../../lib/format';
import {
  FilterBar,
  FilterSearch,
  FilterSelect,
  ListTable,
  pageParams,
  pageQuery,
  ResetFiltersButton,
  useListTableProps,
} from '../../../lib/listTable';
import { useAsync } from '../../../lib/useAsync';
import { useUrlQuery } from '../../../lib/useUrlQuery';
import { type QuotaApplicationSummary, type QuotaView, voucherApi } from '../api';
import { isVoucherOfficer, lastValidDay, Money, VoucherStatus } from '../common';
import { RegionName } from '../programmes/RegionListField';
import { useProgrammeOptions } from '../useProgrammes';

const KEYS = ['tab', 'status', 'programmeId', 'q', 'page', 'pageSize'] as const;
const ALL = 'all';
const CLEAR = { status: undefined, programmeId: undefined, q: undefined } as const;

type Query = ReturnType<typeof useUrlQuery<(typeof KEYS)[number]>>;

/** Quota applications waiting for a decision (batch approve at the applied amounts). */
function ApplicationsTab({ values, update }: Query) {
  const reset = () => update(CLEAR);
  const me = useMe();
  const { t, label } = useI18n();
  const programmes = useProgrammeOptions();
  const { page, pageSize } = pageParams(values, 20);
  const status = values.status ?? 'submitted';
  const filters = {
    status: status === ALL ? undefined : status,
    programmeId: values.programmeId,
    q: values.q,
  };
  const [selected, setSelected] = useState<QuotaApplicationSummary[]>([]);
  const batch = useBatchAction();
  const list = useAsync(
    (signal) =>
      http.get<Paged<QuotaApplicationSummary>>(
        voucherApi.quotaApplications,
        { ...filters, page, pageSize },
        { signal },
      ),
    [status, values.programmeId, values.q, page, pageSize],
  );
  const anyFilter = status !== 'submitted' || !!values.programmeId || !!values.q;
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: t('vch.queue.appsEmpty'),
    emptyFilteredText: t('vch.queue.appsEmptyFiltered'),
  });
  const approvable = selected.filter((a) => a.status === 'submitted');
  const officer = isVoucherOfficer(me);
  const batchApprove = () =>
    batch.run({
      items: approvable,
      confirmTitle: t('vch.queue.batchApproveConfirm', { n: approvable.length }),
      confirmHint: t('vch.queue.batchApproveHint'),
      okText: t('vch.app.cmd.approve'),
      act: (a) => http.post(voucherApi.quotaApplicationCommand(a.id, 'approve'), {}),
      describe: (a) => `${a.organisationName} · ${a.programmeName}`,
      successText: (n) => t('vch.queue.batchApproved', { n }),
      partialTitle: (ok, failed) => t('vch.queue.batchPartial', { ok, failed }),
      done: () => {
        setSelected([]);
        list.reload();
      },
    });

  return (
    <>
      <FilterBar>
        <Col xs={12} md={6} xl={4}>
          <FilterSelect
            id="vq-status"
            label={t('vch.status')}
            value={status}
            onChange={(v) => {
              setSelected([]);
              update({ status: v === 'submitted' ? undefined : (v ?? ALL) });
            }}
            options={[
              { value: ALL, label: t('common.all') },
              ...Object.entries(quotaApplicationStatusLabels).map(([k, l]) => ({ value: k, label: label(l) })),
            ]}
            testId="vq-status"
          />
        </Col>
        <Col xs={12} md={6} xl={6}>
          <FilterSelect
            id="vq-programme"
            label={t('vch.programme')}
            value={values.programmeId}
            onChange={(v) => update({ programmeId: v })}
            options={programmes}
          />
        </Col>
        <Col xs={24} md={8} xl={8}>
          <FilterSearch
            id="vq-q"
            label={t('common.keyword')}
            value={values.q}
            placeholder={t('vch.queue.searchEnterprise')}
            onSearch={(q) => update({ q })}
          />
        </Col>
        <Col xs={24} md={4} xl={4}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      {officer ? (
        <BatchBar
          label={t('vch.queue.batchApprove', { n: approvable.length })}
          eligible={approvable.length}
          selected={selected.length}
          busy={batch.busy}
          onRun={batchApprove}
          hint={t('vch.queue.selectHint')}
          testId="vq-batch-approve"
        />
      ) : null}
      <ListTable<QuotaApplicationSummary>
        list={list}
        {...tableProps}
        scroll={{ x: 1000 }}
        rowSelection={
          officer
            ? {
                selectedRowKeys: selected.map((a) => a.id),
                onChange: (_, rows) => setSelected(rows),
                getCheckboxProps: (a) => ({
                  disabled: a.status !== 'submitted',
                  'aria-label': t('vch.queue.selectRow', { name: a.organisationName }),
                }),
              }
            : undefined
        }
        onChange={(p) => update(pageQuery(p, 20))}
        columns={[
          {
            title: t('vch.enterprise'),
            dataIndex: 'organisationName',
            render: (v: string, a) => <Link to={`/vouchers/quotas/applications/${a.id}`}>{v}</Link>,
          },
          { title: t('vch.programme'), dataIndex: 'programmeName' },
          { title: t('vch.region'), dataIndex: 'regionCode', render: (c: string) => <RegionName code={c} /> },
          {
            title: t('vch.apply.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => <Money fen={v} />,
          },
          {
            title: t('vch.apply.approved'),
            dataIndex: 'approvedFen',
            align: 'right',
            render: (v: number | null) => <Money fen={v} />,
          },
          {
            title: t('vch.status'),
            dataIndex: 'status',
            render: (s: string) => <VoucherStatus vocabulary="application" status={s} />,
          },
          {
            title: t('vch.app.submittedAt'),
            dataIndex: 'submittedAt',
            render: (v: string) => formatDateTime(v),
            onCell: noWrap,
          },
        ]}
      />
    </>
  );
}

/** Issued quotas with their balances, to find one to open, void or check. */
function QuotasTab({ values, update }: Query) {
  const reset = () => update(CLEAR);
  const { t, label } = useI18n();
  const programmes = useProgrammeOptions();
  const { page, pageSize } = pageParams(values, 20);
  const filters = { status: values.status, programmeId: values.programmeId };
  const list = useAsync(
    (signal) => http.get<Paged<QuotaView>>(voucherApi.quotas, { ...filters, page, pageSize }, { signal }),
    [values.status, values.programmeId, page, pageSize],
  );
  const anyFilter = !!values.status || !!values.programmeId;
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: t('vch.queue.quotasEmpty'),
    emptyFilteredText: t('vch.queue.quotasEmptyFiltered'),
  });
  return (
    <>
      <FilterBar>
        <Col xs={12} md={6} xl={4}>
          <FilterSelect
            id="vqq-status"
            label={t('vch.status')}
            value={values.status}
            onChange={(v) => update({ status: v })}
            options={Object.entries(quotaStatusLabels).map(([k, l]) => ({ value: k, label: label(l) }))}
          />
        </Col>
        <Col xs={12} md={6} xl={6}>
          <FilterSelect
            id="vqq-programme"
            label={t('vch.programme')}
            value={values.programmeId}
            onChange={(v) => update({ programmeId: v })}
            options={programmes}
          />
        </Col>
        <Col xs={24} md={4} xl={4}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      <ListTable<QuotaView>
        list={list}
        {...tableProps}
        scroll={{ x: 1100 }}
        onChange={(p) => update(pageQuery(p, 20))}
        columns={[
          {
            title: t('vch.enterprise'),
            dataIndex: 'organisationName',
            render: (v: string, q) => <Link to={`/vouchers/quotas/${q.id}`}>{v}</Link>,
          },
          { title: t('vch.programme'), dataIndex: 'programmeName' },
          {
            title: t('vch.status'),
            dataIndex: 'status',
            render: (s: string) => <VoucherStatus vocabulary="quota" status={s} />,
          },
          ...(
            [
              ['issuedFen', 'vch.bal.issued'],
              ['availableFen', 'vch.bal.available'],
              ['reservedFen', 'vch.bal.reserved'],
              ['redeemedFen', 'vch.bal.redeemed'],
            ] as const
          ).map(([k, l]) => ({
            title: t(l),
            key: k,
            align: 'right' as const,
            render: (_: unknown, q: QuotaView) => <Money fen={q.balances[k]} />,
          })),
          {
            title: t('vch.quota.expiresAt'),
            dataIndex: 'expiresAt',
            render: (v: string) => lastValidDay(v),
            onCell: noWrap,
          },
        ]}
      />
    </>
  );
}

/** The officer's desk for quotas: applications to decide, and the quotas issued. */
export default function QuotaQueue() {
  const { t } = useI18n();
  const query = useUrlQuery(KEYS);
  const tab = query.values.tab === 'quotas' ? 'quotas' : 'applications';
  return (
    <>
      <PageHeader title={t('nav.vchQuotas')} crumbs={[{ title: t('nav.vchQuotas') }]} subTitle={t('vch.queue.lead')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => query.update({ ...CLEAR, tab: k === 'applications' ? undefined : k })}
          items={[
            {
              key: 'applications',
              label: t('vch.queue.tabApplications'),
              children: tab === 'applications' ? <ApplicationsTab {...query} /> : null,
            },
            {
              key: 'quotas',
              label: t('vch.queue.tabQuotas'),
              children: tab === 'quotas' ? <QuotasTab {...query} /> : null,
            },
          ]}
        />
      </Card>
    </>
  );
}
