import { Col, DatePicker, Form, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import {
  type ListStatus,
  listStatusLabels,
  needCategories,
  needCategoryLabels,
  publicListStatuses,
} from '../../../shared/api/challenges';
import { http } from '../../api/client';
import type { Paged } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatDate, formatWanNumber, noWrap } from '../../lib/format';
import {
  FilterBar,
  FilterRegion,
  FilterSearch,
  FilterSelect,
  pageParams,
  pageQuery,
  ResetFiltersButton,
  useListTableProps,
} from '../../lib/listTable';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';
import { ListStatusTag } from './common/status';
import type { Batch, ListItem } from './common/types';

const KEYS = [
  'q',
  'batchId',
  'directionId',
  'category',
  'regionCode',
  'status',
  'deadlineFrom',
  'deadlineTo',
  'page',
  'pageSize',
] as const;

/**
 * 榜单大厅: the public, searchable lists (no sign-in), filtered by batch and direction, category,
 * region, status and deadline, all kept in the address so a filtered hall can be shared.
 */
export default function Hall() {
  const { t, label } = useI18n();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const batches = useAsync((signal) => http.get<Batch[]>('/api/challenges/batches', undefined, { signal }), []);
  const filters = {
    q: values.q,
    batchId: values.batchId,
    directionId: values.directionId,
    category: values.category,
    regionCode: values.regionCode,
    status: values.status,
    deadlineFrom: values.deadlineFrom,
    deadlineTo: values.deadlineTo,
  };
  const list = useAsync(
    (signal) => http.get<Paged<ListItem>>('/api/challenges/lists', { ...filters, page, pageSize }, { signal }),
    [...Object.values(filters), page, pageSize],
  );
  const anyFilter = Object.values(filters).some(Boolean);
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: t('hall.empty'),
    emptyFilteredText: t('hall.emptyFiltered'),
  });
  const batch = batches.data?.find((b) => b.id === values.batchId);

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 'clamp(22px, 5vw, 30px)', marginTop: 0 }}>
        {t('hall.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('hall.lead')}</Typography.Paragraph>
      <FilterBar>
        <Col xs={24} md={12} xl={8}>
          <FilterSearch
            id="hall-q"
            label={t('common.keyword')}
            value={values.q}
            placeholder={t('hall.search')}
            enterButton
            onSearch={(v) => update({ q: v })}
            testId="hall-search"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <FilterSelect
            id="hall-batch"
            label={t('need.batch')}
            value={values.batchId}
            onChange={(v) => update({ batchId: v, directionId: undefined })}
            options={(batches.data ?? []).map((b) => ({ value: b.id, label: b.title }))}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <FilterSelect
            id="hall-direction"
            label={t('hall.direction')}
            value={values.directionId}
            onChange={(v) => update({ directionId: v })}
            options={(batch?.directions ?? []).map((d) => ({
              value: d.id,
              label: label({ zh: d.name, en: d.nameEn ?? d.name }),
            }))}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <FilterSelect
            id="hall-category"
            label={t('need.category')}
            value={values.category}
            onChange={(v) => update({ category: v })}
            options={needCategories.map((c) => ({ value: c, label: label(needCategoryLabels[c]) }))}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <FilterSelect
            id="hall-status"
            label={t('hall.status')}
            value={values.status}
            onChange={(v) => update({ status: v })}
            options={publicListStatuses.map((s) => ({ value: s, label: label(listStatusLabels[s]) }))}
          />
        </Col>
        <Col xs={24} md={8} xl={6}>
          <FilterRegion
            id="hall-region"
            label={t('hall.region')}
            value={values.regionCode}
            onChange={(v) => update({ regionCode: v })}
          />
        </Col>
        <Col xs={24} md={10} xl={8}>
          <Form.Item label={t('hall.deadlineRange')} htmlFor="hall-deadline">
            <DatePicker.RangePicker
              id="hall-deadline"
              allowEmpty={[true, true]}
              style={{ width: '100%' }}
              value={[
                values.deadlineFrom ? dayjs(values.deadlineFrom) : null,
                values.deadlineTo ? dayjs(values.deadlineTo) : null,
              ]}
              onChange={(r) =>
                update({ deadlineFrom: r?.[0]?.format('YYYY-MM-DD'), deadlineTo: r?.[1]?.format('YYYY-MM-DD') })
              }
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={6} xl={4}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      <Table<ListItem>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        {...tableProps}
        onChange={(p) => update(pageQuery(p, 20))}
        scroll={{ x: 900 }}
        columns={[
          { title: t('hall.code'), dataIndex: 'code', width: 130, onCell: noWrap },
          {
            title: t('hall.name'),
            dataIndex: 'title',
            render: (v: string, r) => <Link to={`/challenges/${r.id}`}>{v}</Link>,
          },
          { title: t('hall.direction'), dataIndex: 'directionName', width: 130 },
          { title: t('hall.region'), dataIndex: 'regionName', width: 170 },
          {
            title: t('hall.investment'),
            dataIndex: 'enterpriseInvestmentFen',
            width: 130,
            align: 'right',
            onCell: noWrap,
            render: (v: number) => t('money.wan', { n: formatWanNumber(v) }),
          },
          {
            title: t('hall.deadline'),
            dataIndex: 'applyClosesAt',
            width: 120,
            onCell: noWrap,
            render: (v: string) => formatDate(v),
          },
          {
            title: t('hall.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: ListStatus) => <ListStatusTag status={s} />,
          },
        ]}
      />
    </>
  );
}
