import { CloudUploadOutlined, ReconciliationOutlined } from '@ant-design/icons';
import { Button, Select, Space, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { http } from '../../api/client';
import type { Paged } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { managedOrganisations } from '../../auth/roles';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatDateTime, noWrap } from '../../lib/format';
import { ListTable, pageParams, pageQuery, useListTableProps } from '../../lib/listTable';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';
import { type ImportSummary, importsPath } from './assetApi';

const KEYS = ['org', 'page', 'pageSize'] as const;

/** An organisation's asset-register imports (previews and commits), newest first, each with its report. */
export default function AssetImports() {
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const orgs = managedOrganisations(me);
  const org = orgs.find((o) => o.id === values.org) ?? orgs[0];
  const list = useAsync(
    (signal) =>
      org
        ? http.get<Paged<ImportSummary>>(importsPath(org.id), { page, pageSize }, { signal })
        : Promise.resolve({ items: [], total: 0, page: 1, pageSize }),
    [org?.id, page, pageSize],
  );
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter: false,
    reset,
    emptyText: (
      <Space direction="vertical">
        {t('assets.historyEmpty')}
        {org ? (
          <Button type="primary" onClick={() => navigate(`/assets/imports/new?org=${org.id}`)}>
            {t('assets.importBtn')}
          </Button>
        ) : null}
      </Space>
    ),
    emptyFilteredText: t('assets.historyEmpty'),
  });
  if (!org) return <EmptyState description={t('assets.noOrg')} />;

  return (
    <>
      <PageHeader
        title={t('nav.assetImports')}
        crumbs={[{ title: t('nav.assetImports') }]}
        subTitle={t('assets.historyLead', { org: org.name })}
        extra={
          <>
            <Button icon={<ReconciliationOutlined />} onClick={() => navigate('/assets/reconciliation')}>
              {t('nav.reconciliation')}
            </Button>
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              onClick={() => navigate(`/assets/imports/new?org=${org.id}`)}
              data-testid="asset-import-new"
            >
              {t('assets.importBtn')}
            </Button>
          </>
        }
      />
      {orgs.length > 1 ? (
        <Space style={{ marginBottom: 16 }}>
          <Typography.Text id="asset-org">{t('myOrg.switch')}</Typography.Text>
          <Select
            aria-labelledby="asset-org"
            style={{ minWidth: 260 }}
            value={org.id}
            onChange={(v) => update({ org: v, page: undefined })}
            options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Space>
      ) : null}
      <ListTable<ImportSummary>
        list={list}
        {...tableProps}
        onChange={(p) => update(pageQuery(p, 20))}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('assets.when'),
            dataIndex: 'createdAt',
            onCell: noWrap,
            render: (v: string, r) => <Link to={`/assets/imports/${org.id}/${r.id}`}>{formatDateTime(v)}</Link>,
          },
          {
            title: t('assets.source'),
            key: 'source',
            render: (_, r) => (r.source === 'api' ? t('assets.source.api') : (r.filename ?? r.source.toUpperCase())),
          },
          {
            title: t('assets.type'),
            dataIndex: 'dryRun',
            render: (d: boolean) =>
              d ? <Tag>{t('assets.type.preview')}</Tag> : <Tag color="green">{t('assets.type.commit')}</Tag>,
          },
          { title: t('assets.rowsTotal'), dataIndex: 'rowsTotal', align: 'right' },
          { title: t('assets.kind.new'), dataIndex: 'inserted', align: 'right' },
          { title: t('assets.kind.changed'), dataIndex: 'updated', align: 'right' },
          { title: t('assets.kind.unchanged'), dataIndex: 'unchanged', align: 'right' },
          {
            title: t('assets.kind.failed'),
            dataIndex: 'failed',
            align: 'right',
            render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
          },
          { title: t('assets.by'), dataIndex: 'createdByName', render: (n: string | null) => n ?? t('assets.system') },
        ]}
      />
    </>
  );
}
