import { Alert, Card, Table } from 'antd';
import { http } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyState, LoadError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useUrlQuery } from '../../../lib/useUrlQuery';
import { ListPicker } from '../common/ListPicker';
import { ChalStatus, yuan } from './common';

const KEYS = ['listId'] as const;

interface Item {
  id: string;
  alias: string;
  organisationName: string | null;
  consortiumSize: number;
  status: string;
  budgetTotalFen: number;
  teamSize: number;
  milestones: number;
  lastDueDate: string | null;
  score: number | null;
  planExcerpt: string;
}

/** The issuing enterprise's side-by-side comparison of the shortlisted proposals (方案比选). */
export default function Compare() {
  const { t } = useI18n();
  const { values, update } = useUrlQuery(KEYS);
  const data = useAsync(
    (signal) =>
      values.listId
        ? http.get<{ listTitle: string; blind: boolean; items: Item[] }>(
            `/api/challenge-lists/${values.listId}/comparison`,
            undefined,
            { signal },
          )
        : Promise.resolve(undefined),
    [values.listId],
  );
  return (
    <>
      <PageHeader
        title={data.data ? `${t('nav.chalCompare')} · ${data.data.listTitle}` : t('nav.chalCompare')}
        crumbs={[{ title: t('nav.chalCompare') }]}
        extra={
          <ListPicker
            source="/api/challenges/lists/mine"
            value={values.listId}
            onChange={(v) => update({ listId: v })}
          />
        }
      />
      <Card>
        {data.error ? <LoadError error={data.error} onRetry={data.reload} /> : null}
        {data.data?.blind ? (
          <Alert type="info" showIcon title={t('chal.compare.blind')} style={{ marginBottom: 12 }} />
        ) : null}
        <Table<Item>
          rowKey="id"
          loading={data.loading && !!values.listId}
          dataSource={data.data?.items ?? []}
          locale={{
            emptyText: <EmptyState description={values.listId ? t('chal.compare.empty') : t('chal.pickList')} />,
          }}
          pagination={false}
          scroll={{ x: 1150 }}
          columns={[
            { title: t('chal.alias'), dataIndex: 'alias' },
            { title: t('chal.applicant'), dataIndex: 'organisationName', width: 200, render: (v) => v ?? '—' },
            {
              title: t('chal.score'),
              dataIndex: 'score',
              render: (v) => v ?? '—',
              sorter: (a, b) => (a.score ?? -1) - (b.score ?? -1),
            },
            {
              title: t('chal.budget'),
              dataIndex: 'budgetTotalFen',
              align: 'right',
              render: yuan,
              onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              sorter: (a, b) => a.budgetTotalFen - b.budgetTotalFen,
            },
            { title: t('chal.consortium'), dataIndex: 'consortiumSize' },
            { title: t('chal.compare.team'), dataIndex: 'teamSize' },
            { title: t('chal.compare.milestones'), dataIndex: 'milestones' },
            {
              title: t('chal.compare.lastDue'),
              dataIndex: 'lastDueDate',
              onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            },
            {
              title: t('chal.status'),
              dataIndex: 'status',
              onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              render: (s) => <ChalStatus status={s} />,
            },
            {
              title: t('chal.compare.plan'),
              dataIndex: 'planExcerpt',
              width: 360,
              render: (v) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>,
            },
          ]}
        />
      </Card>
    </>
  );
}
