import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { http } from '../../../api/client';
import { useMe } from '../../../auth/AuthContext';
import { isBureau } from '../../../auth/roles';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyState, LoadError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDateTime, noWrap } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import type { Batch } from '../common/types';
import { BatchCreateModal } from './BatchCreateModal';

/** 揭榜批次: the batches of my regions, newest first, and opening a new one. */
export default function Batches() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const batches = useAsync((signal) => http.get<Batch[]>('/api/challenges/batches/managed', undefined, { signal }), []);
  const region = me.roles.find(
    (r) => (r.role === 'bureau_officer' || r.role === 'bureau_admin') && r.regionCode,
  )?.regionCode;

  return (
    <>
      <PageHeader
        title={t('nav.challengeBatches')}
        crumbs={[{ title: t('nav.challengeBatches') }]}
        subTitle={t('cbatch.lead')}
        extra={
          isBureau(me) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="batch-new">
              {t('cbatch.new')}
            </Button>
          ) : null
        }
      />
      <Card>
        {batches.error ? (
          <LoadError error={batches.error} onRetry={batches.reload} />
        ) : (
          <Table<Batch>
            rowKey="id"
            loading={batches.loading}
            dataSource={batches.data ?? []}
            pagination={false}
            scroll={{ x: 1000 }}
            locale={{ emptyText: <EmptyState description={t('cbatch.empty')} /> }}
            columns={[
              { title: t('cbatch.code'), dataIndex: 'code', onCell: noWrap },
              {
                title: t('cbatch.title'),
                dataIndex: 'title',
                render: (v, b) => <Link to={`/challenge-admin/batches/${b.id}`}>{v}</Link>,
              },
              { title: t('cbatch.region'), dataIndex: 'regionName' },
              {
                title: t('cbatch.window'),
                key: 'window',
                onCell: noWrap,
                render: (_, b) => `${formatDateTime(b.needsOpenAt)} – ${formatDateTime(b.needsCloseAt)}`,
              },
              {
                title: t('cbatch.state'),
                dataIndex: 'open',
                render: (open: boolean) =>
                  open ? <Tag color="green">{t('cbatch.open')}</Tag> : <Tag>{t('cbatch.closed')}</Tag>,
              },
              {
                title: t('cbatch.directionsCount'),
                key: 'dirs',
                align: 'right',
                render: (_, b) => b.directions.length,
              },
              { title: t('cbatch.needs'), key: 'needs', align: 'right', render: (_, b) => b.counts.needs },
              { title: t('cbatch.lists'), key: 'lists', align: 'right', render: (_, b) => b.counts.lists },
              {
                title: t('cbatch.policyVersion'),
                key: 'policy',
                render: (_, b) => (b.policies[0] ? t('cbatch.versionN', { n: b.policies[0].version }) : '—'),
              },
            ]}
          />
        )}
      </Card>
      <BatchCreateModal
        open={creating}
        latest={batches.data?.[0]}
        regionCode={region ?? undefined}
        onClose={() => setCreating(false)}
        onCreated={(b) => {
          setCreating(false);
          message.success(t('cbatch.created', { code: b.code }));
          navigate(`/challenge-admin/batches/${b.id}`);
        }}
      />
    </>
  );
}
