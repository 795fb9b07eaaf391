import { Card, Table } from 'antd';
import { Link } from 'react-router';
import { contractTypes } from '../../../../shared/api/challenge-applications';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyState, LoadError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useUrlQuery } from '../../../lib/useUrlQuery';
import { ChalStatus, yuan } from './common';

const KEYS = ['page'] as const;

interface Item {
  id: string;
  listTitle: string;
  buyerName: string;
  sellerName: string;
  type: keyof typeof contractTypes;
  contractAmountFen: number;
  techAmountFen: number;
  status: string;
  entitlementFen: number;
  paidFen: number;
  pendingFen: number;
}

/** Technology contracts of taken lists, with subsidy entitlement, paid and pending. */
export default function Contracts() {
  const { t, label } = useI18n();
  const { values, update } = useUrlQuery(KEYS);
  const page = Number(values.page ?? 1);
  const list = useAsync(
    (signal) => http.get<Paged<Item>>('/api/challenge-contracts', { page, pageSize: 20 }, { signal }),
    [page],
  );
  return (
    <>
      <PageHeader title={t('nav.chalContracts')} crumbs={[{ title: t('nav.chalContracts') }]} />
      <Card>
        {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
        <Table<Item>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <EmptyState description={t('chal.contract.empty')} /> }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: (p) => update({ page: String(p) }),
          }}
          scroll={{ x: 1100 }}
          columns={[
            {
              title: t('chal.list'),
              dataIndex: 'listTitle',
              render: (v, r) => <Link to={`/challenges/apply/contracts/${r.id}`}>{v}</Link>,
            },
            { title: t('chal.contract.seller'), dataIndex: 'sellerName' },
            {
              title: t('chal.contract.type'),
              dataIndex: 'type',
              render: (v: keyof typeof contractTypes) => label(contractTypes[v]),
            },
            { title: t('chal.status'), dataIndex: 'status', render: (s) => <ChalStatus status={s} kind="contract" /> },
            { title: t('chal.contract.tech'), dataIndex: 'techAmountFen', align: 'right', render: yuan },
            { title: t('chal.contract.entitlement'), dataIndex: 'entitlementFen', align: 'right', render: yuan },
            { title: t('chal.contract.paid'), dataIndex: 'paidFen', align: 'right', render: yuan },
            { title: t('chal.contract.pending'), dataIndex: 'pendingFen', align: 'right', render: yuan },
          ]}
        />
      </Card>
    </>
  );
}
