import { Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type ListStatus, listStatusLabels } from '../../../shared/api/challenges';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

interface Item {
  id: string;
  code: string;
  title: string;
  directionName: string;
  regionName: string;
  enterpriseInvestmentFen: number;
  applyClosesAt: string;
  status: ListStatus;
}

/** 榜单大厅: the public, searchable list of published challenges (no sign-in). */
export default function Hall() {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data, loading } = useAsync(
    (signal) =>
      api<{ items: Item[]; total: number }>('/api/challenges/lists', { query: { q: q || undefined, page }, signal }),
    [q, page],
  );
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 'clamp(22px, 5vw, 30px)', marginTop: 0 }}>
        {t('hall.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('hall.lead')}</Typography.Paragraph>
      <Input.Search
        allowClear
        placeholder={t('hall.search')}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
        style={{ maxWidth: 420, marginBottom: 16 }}
      />
      <Table<Item>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('hall.empty') }}
        pagination={{ current: page, total: data?.total ?? 0, pageSize: 20, onChange: setPage }}
        scroll={{ x: 800 }}
        columns={[
          { title: t('hall.code'), dataIndex: 'code', width: 130 },
          {
            title: t('hall.name'),
            dataIndex: 'title',
            render: (v: string, r) => <Link to={`/challenges/${r.id}`}>{v}</Link>,
          },
          { title: t('hall.direction'), dataIndex: 'directionName', width: 130 },
          { title: t('hall.region'), dataIndex: 'regionName', width: 150 },
          {
            title: t('hall.investment'),
            dataIndex: 'enterpriseInvestmentFen',
            width: 130,
            render: (v: number) => t('money.wan', { n: (v / 1_000_000).toLocaleString() }),
          },
          { title: t('hall.deadline'), dataIndex: 'applyClosesAt', width: 120, render: (v: string) => formatDate(v) },
          {
            title: t('hall.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: ListStatus) => <Tag>{listStatusLabels[s][lang]}</Tag>,
          },
        ]}
      />
    </>
  );
}
