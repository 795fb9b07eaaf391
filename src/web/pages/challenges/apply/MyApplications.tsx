import { Card, Drawer, Table } from 'antd';
import { Link, useNavigate } from 'react-router';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyState, LoadError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { useUrlQuery } from '../../../lib/useUrlQuery';
import { ApplicationForm } from './ApplicationForm';
import { ChalStatus, yuan } from './common';

const KEYS = ['page', 'listId'] as const;

export interface ApplicationSummary {
  id: string;
  listId: string;
  listTitle: string;
  listCode: string;
  organisationName: string | null;
  alias: string;
  status: string;
  consortium: boolean;
  budgetTotalFen: number;
  submittedAt: string;
  applyClosesAt: string;
  reviewsDone: number;
  reviewsAssigned: number;
  score: number | null;
  outliers: number;
}

/** Solver workspace: my organisations' applications; `?listId=` opens the form for that list. */
export default function MyApplications() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { values, update } = useUrlQuery(KEYS);
  const page = Number(values.page ?? 1);
  const target = useAsync(
    (signal) =>
      values.listId
        ? http.get<{ title: string }>(`/api/challenges/lists/${values.listId}`, undefined, { signal })
        : Promise.resolve(undefined),
    [values.listId],
  );
  const list = useAsync(
    (signal) =>
      http.get<Paged<ApplicationSummary>>('/api/challenge-applications/mine', { page, pageSize: 20 }, { signal }),
    [page],
  );
  return (
    <>
      <PageHeader
        title={t('nav.chalMine')}
        crumbs={[{ title: t('nav.chalMine') }]}
        extra={
          <LinkButton type="primary" to="/challenges">
            {t('chal.findList')}
          </LinkButton>
        }
      />
      <Card>
        {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
        <Table<ApplicationSummary>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <EmptyState description={t('chal.empty')} /> }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: (p) => update({ page: String(p) }),
          }}
          scroll={{ x: 900 }}
          columns={[
            {
              title: t('chal.list'),
              dataIndex: 'listTitle',
              render: (v, r) => <Link to={`/challenges/apply/applications/${r.id}`}>{v}</Link>,
            },
            { title: t('chal.status'), dataIndex: 'status', render: (s) => <ChalStatus status={s} /> },
            { title: t('chal.budget'), dataIndex: 'budgetTotalFen', align: 'right', render: yuan },
            { title: t('chal.submittedAt'), dataIndex: 'submittedAt', render: (v) => formatDateTime(v) },
            { title: t('chal.deadline'), dataIndex: 'applyClosesAt', render: (v) => formatDateTime(v) },
          ]}
        />
      </Card>
      <Drawer
        open={!!values.listId}
        width={860}
        title={`${t('chal.applyFor')}：${target.data?.title ?? ''}`}
        onClose={() => update({ listId: undefined })}
        destroyOnHidden
      >
        {values.listId ? (
          <ApplicationForm
            draft={{ listId: values.listId }}
            onDone={(id) => navigate(`/challenges/apply/applications/${id}`)}
          />
        ) : null}
      </Drawer>
    </>
  );
}
