import { PlusOutlined } from '@ant-design/icons';
import { Card, Col } from 'antd';
import { Link } from 'react-router';
import { needStatuses, needStatusLabels } from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
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
import { NeedStatusTag } from '../common/status';
import type { Batch, NeedItem } from '../common/types';

const KEYS = ['batchId', 'status', 'q', 'page', 'pageSize'] as const;

/** 我的需求: my organisations' needs, drafts included, with the way to report a new one. */
export default function MyNeeds() {
  const { t, label } = useI18n();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const batches = useAsync((signal) => http.get<Batch[]>('/api/challenges/batches', undefined, { signal }), []);
  const filters = { batchId: values.batchId, status: values.status, q: values.q };
  const list = useAsync(
    (signal) => http.get<Paged<NeedItem>>('/api/challenges/needs/mine', { ...filters, page, pageSize }, { signal }),
    [values.batchId, values.status, values.q, page, pageSize],
  );
  const anyFilter = !!(values.batchId || values.status || values.q);
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: t('need.mine.empty'),
    emptyFilteredText: t('need.mine.emptyFiltered'),
  });
  const batchCode = new Map((batches.data ?? []).map((b) => [b.id, b.code]));

  return (
    <>
      <PageHeader
        title={t('nav.myNeeds')}
        crumbs={[{ title: t('nav.myNeeds') }]}
        subTitle={t('need.mine.lead')}
        extra={
          <LinkButton type="primary" icon={<PlusOutlined />} to="/my-needs/new" data-testid="need-new">
            {t('need.newTitle')}
          </LinkButton>
        }
      />
      <FilterBar>
        <Col xs={24} sm={12} lg={6}>
          <FilterSelect
            id="mine-batch"
            label={t('need.batch')}
            value={values.batchId}
            onChange={(v) => update({ batchId: v })}
            options={(batches.data ?? []).map((b) => ({ value: b.id, label: `${b.code} ${b.title}` }))}
          />
        </Col>
        <Col xs={24} sm={12} lg={5}>
          <FilterSelect
            id="mine-status"
            label={t('need.status')}
            value={values.status}
            onChange={(v) => update({ status: v })}
            options={needStatuses.map((s) => ({ value: s, label: label(needStatusLabels[s]) }))}
          />
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <FilterSearch id="mine-q" label={t('common.keyword')} value={values.q} onSearch={(v) => update({ q: v })} />
        </Col>
        <Col xs={24} sm={12} lg={5}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      <Card>
        <ListTable<NeedItem>
          list={list}
          {...tableProps}
          scroll={{ x: 900 }}
          onChange={(p) => update(pageQuery(p, 20))}
          columns={[
            { title: t('need.title'), dataIndex: 'title', render: (v, r) => <Link to={`/my-needs/${r.id}`}>{v}</Link> },
            {
              title: t('need.batch'),
              dataIndex: 'batchId',
              onCell: noWrap,
              render: (v: string) => batchCode.get(v) ?? '',
            },
            { title: t('need.direction'), dataIndex: 'directionName' },
            { title: t('need.status'), dataIndex: 'status', render: (s) => <NeedStatusTag status={s} /> },
            {
              title: t('need.submittedAt'),
              dataIndex: 'submittedAt',
              onCell: noWrap,
              render: (v: string | null) => formatDateTime(v),
            },
          ]}
        />
      </Card>
    </>
  );
}
