import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  type OrganisationStatus,
  type OrganisationType,
  organisationStatuses,
  organisationStatusLabels,
  organisationTypeLabels,
  organisationTypes,
} from '../../../shared/roles';
import { http, toQueryString } from '../../api/client';
import type { OrganisationView, Paged } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { canReview, isBureauAdmin } from '../../auth/roles';
import { PageHeader } from '../../components/PageHeader';
import { OrgStatusTag } from '../../components/StatusTag';
import { useI18n } from '../../i18n';
import { BatchBar, useBatchAction } from '../../lib/batchAction';
import { formatDate, noWrap } from '../../lib/format';
import {
  FilterBar,
  FilterRegion,
  FilterSearch,
  FilterSelect,
  ListTable,
  pageParams,
  pageQuery,
  ResetFiltersButton,
  useListTableProps,
} from '../../lib/listTable';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';
import { CreateOrganisationModal } from './CreateOrganisationModal';

const KEYS = ['q', 'status', 'type', 'regionCode', 'page', 'pageSize', 'sort'] as const;
const SORTS = ['createdAt', '-createdAt', 'name', '-name'];

export default function Organisations() {
  const me = useMe();
  const { t, label } = useI18n();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const sort = values.sort && SORTS.includes(values.sort) ? values.sort : '-createdAt';
  const filters = { q: values.q, status: values.status, type: values.type, regionCode: values.regionCode };
  const [selected, setSelected] = useState<OrganisationView[]>([]);
  const batch = useBatchAction();
  const [createOpen, setCreateOpen] = useState(false);

  const list = useAsync(
    (signal) =>
      http.get<Paged<OrganisationView>>('/api/organisations', { ...filters, page, pageSize, sort }, { signal }),
    [values.q, values.status, values.type, values.regionCode, page, pageSize, sort],
  );

  const verifiable = selected.filter((o) => o.status === 'registered');
  const exportHref = `/api/organisations/export.csv${toQueryString({ ...filters, sort })}`;
  const anyFilter = Object.values(filters).some(Boolean);
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: t('orgs.empty'),
    emptyFilteredText: t('orgs.emptyFiltered'),
  });

  const batchVerify = () =>
    batch.run({
      items: verifiable,
      confirmTitle: t('orgs.batchVerifyConfirm', { n: verifiable.length }),
      confirmHint: t('orgs.batchVerifyHint'),
      okText: t('orgs.verify'),
      act: (org) => http.post(`/api/organisations/${org.id}/verify`, {}),
      describe: (org) => org.name,
      successText: (n) => t('orgs.batchVerified', { n }),
      partialTitle: (ok, failed) => t('orgs.batchPartial', { ok, failed }),
      done: () => {
        setSelected([]);
        list.reload();
      },
    });

  const sortOrder = (field: 'name' | 'createdAt') =>
    sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null;

  return (
    <>
      <PageHeader
        title={t('nav.organisations')}
        crumbs={[{ title: t('nav.organisations') }]}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={exportHref} download data-testid="orgs-export">
              {t('action.exportCsv')}
            </Button>
            {isBureauAdmin(me) ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
                {t('orgs.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <FilterBar>
        <Col xs={24} md={12} xl={6}>
          <FilterSearch
            id="orgs-q"
            label={t('common.keyword')}
            value={values.q}
            placeholder={t('orgs.keywordPlaceholder')}
            enterButton
            onSearch={(q) => update({ q })}
            testId="orgs-search"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <FilterSelect
            id="orgs-status"
            label={t('org.status')}
            value={values.status}
            onChange={(v) => update({ status: v })}
            options={organisationStatuses.map((s) => ({ value: s, label: label(organisationStatusLabels[s]) }))}
            testId="orgs-status"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <FilterSelect
            id="orgs-type"
            label={t('org.type')}
            value={values.type}
            onChange={(v) => update({ type: v })}
            options={organisationTypes.map((s) => ({ value: s, label: label(organisationTypeLabels[s]) }))}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <FilterRegion
            id="orgs-region"
            label={t('org.region')}
            value={values.regionCode}
            onChange={(code) => update({ regionCode: code })}
          />
        </Col>
        <Col xs={24} md={12} xl={4}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      <Card>
        {canReview(me) ? (
          <BatchBar
            label={t('orgs.batchVerify', { n: verifiable.length })}
            eligible={verifiable.length}
            selected={selected.length}
            busy={batch.busy}
            onRun={batchVerify}
            hint={t('orgs.selectHint')}
          />
        ) : null}
        <ListTable<OrganisationView>
          list={list}
          {...tableProps}
          scroll={{ x: 1000 }}
          rowSelection={
            canReview(me)
              ? {
                  selectedRowKeys: selected.map((o) => o.id),
                  onChange: (_, rows) => setSelected(rows),
                  getCheckboxProps: (o) => ({ 'aria-label': t('orgs.selectRow', { name: o.name }) }),
                }
              : undefined
          }
          onChange={(p, _f, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<OrganisationView> | undefined;
            const field = s?.order ? String(s.field) : undefined;
            const nextSort = field ? (s?.order === 'descend' ? `-${field}` : field) : '-createdAt';
            update({ ...pageQuery(p, 20, nextSort !== sort), sort: nextSort === '-createdAt' ? undefined : nextSort });
          }}
          columns={[
            {
              title: t('org.name'),
              dataIndex: 'name',
              sorter: true,
              sortOrder: sortOrder('name'),
              render: (name: string, o) => <Link to={`/admin/organisations/${o.id}`}>{name}</Link>,
            },
            {
              title: t('org.creditCode'),
              dataIndex: 'creditCode',
              render: (v: string) => (
                <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                  {v}
                </Typography.Text>
              ),
            },
            {
              title: t('org.type'),
              dataIndex: 'type',
              render: (v: OrganisationType) => label(organisationTypeLabels[v]),
            },
            { title: t('org.region'), dataIndex: 'regionName' },
            {
              title: t('org.status'),
              dataIndex: 'status',
              render: (v: OrganisationStatus) => <OrgStatusTag status={v} />,
            },
            { title: t('org.memberCount'), dataIndex: 'memberCount', align: 'right' },
            {
              title: t('org.createdAt'),
              dataIndex: 'createdAt',
              sorter: true,
              sortOrder: sortOrder('createdAt'),
              render: (v: string) => formatDate(v),
              onCell: noWrap,
            },
          ]}
        />
      </Card>
      {createOpen ? <CreateOrganisationModal onClose={() => setCreateOpen(false)} onCreated={list.reload} /> : null}
    </>
  );
}
