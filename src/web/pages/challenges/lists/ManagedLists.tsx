import { FileAddOutlined } from '@ant-design/icons';
import { Card, Col } from 'antd';
import { Link } from 'react-router';
import { listStatuses, listStatusLabels } from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { formatDateTime, formatWanNumber, noWrap } from '../../../lib/format';
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
import { ListStatusTag } from '../common/status';
import type { Batch, ListItem } from '../common/types';

const KEYS = ['batchId', 'status', 'directionId', 'q', 'page', 'pageSize'] as const;

/** 榜单管理: every list of the batches in my regions, in every status. */
export default function ManagedLists() {
  const { t, label } = useI18n();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const batches = useAsync((signal) => http.get<Batch[]>('/api/challenges/batches/managed', undefined, { signal }), []);
  const filters = { batchId: values.batchId, status: values.status, directionId: values.directionId, q: values.q };
  const list = useAsync(
    (signal) => http.get<Paged<ListItem>>('/api/challenges/lists/managed', { ...filters, page, pageSize }, { signal }),
    [values.batchId, values.status, values.directionId, values.q, page, pageSize],
  );
  const anyFilter = Object.values(filters).some(Boolean);
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: t('clist.empty'),
    emptyFilteredText: t('clist.emptyFiltered'),
  });
  const batch = batches.data?.find((b) => b.id === values.batchId);
  return (
    <>
      <PageHeader
        title={t('nav.challengeLists')}
        crumbs={[{ title: t('nav.challengeLists') }]}
        subTitle={t('clist.lead')}
        extra={
          <LinkButton type="primary" icon={<FileAddOutlined />} to="/challenge-admin/needs?status=accepted">
            {t('clist.draftFromAccepted')}
          </LinkButton>
        }
      />
      <FilterBar>
        <Col xs={24} sm={12} lg={6}>
          <FilterSelect
            id="lists-batch"
            label={t('need.batch')}
            value={values.batchId}
            onChange={(v) => update({ batchId: v, directionId: undefined })}
            options={(batches.data ?? []).map((b) => ({ value: b.id, label: `${b.code} ${b.title}` }))}
          />
        </Col>
        <Col xs={24} sm={12} lg={4}>
          <FilterSelect
            id="lists-status"
            label={t('hall.status')}
            value={values.status}
            onChange={(v) => update({ status: v })}
            options={listStatuses.map((s) => ({ value: s, label: label(listStatusLabels[s]) }))}
          />
        </Col>
        <Col xs={24} sm={12} lg={5}>
          <FilterSelect
            id="lists-direction"
            label={t('hall.direction')}
            value={values.directionId}
            onChange={(v) => update({ directionId: v })}
            options={(batch?.directions ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Col>
        <Col xs={24} sm={12} lg={5}>
          <FilterSearch id="lists-q" label={t('common.keyword')} value={values.q} onSearch={(v) => update({ q: v })} />
        </Col>
        <Col xs={24} sm={12} lg={4}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      <Card>
        <ListTable<ListItem>
          list={list}
          {...tableProps}
          scroll={{ x: 1100 }}
          onChange={(p) => update(pageQuery(p, 20))}
          columns={[
            { title: t('hall.code'), dataIndex: 'code', onCell: noWrap },
            {
              title: t('hall.name'),
              dataIndex: 'title',
              render: (v, r) => <Link to={`/challenge-admin/lists/${r.id}`}>{v}</Link>,
            },
            { title: t('hall.issuer'), dataIndex: 'organisationName' },
            { title: t('hall.direction'), dataIndex: 'directionName' },
            {
              title: t('hall.investment'),
              dataIndex: 'enterpriseInvestmentFen',
              align: 'right',
              onCell: noWrap,
              render: (v: number) => t('money.wan', { n: formatWanNumber(v) }),
            },
            { title: t('hall.status'), dataIndex: 'status', render: (s) => <ListStatusTag status={s} /> },
            {
              title: t('hall.deadline'),
              dataIndex: 'applyClosesAt',
              onCell: noWrap,
              render: (v: string) => formatDateTime(v),
            },
          ]}
        />
      </Card>
    </>
  );
}
