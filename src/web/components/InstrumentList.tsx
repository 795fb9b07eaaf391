import { FilterOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Grid, Input, Pagination, Space, Switch, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { instrumentPurposes, instrumentStatuses, shareModes } from '../../shared/api/instruments';
import { organisationTypeLabels, organisationTypes } from '../../shared/roles';
import { http } from '../api/client';
import type { CataloguePage, InstrumentSummary } from '../api/types';
import { useI18n } from '../i18n';
import { noWrap } from '../lib/format';
import { classLabel, instrumentStatusLabels, purposeLabels, shareModeLabels } from '../lib/instruments';
import {
  FilterBar,
  FilterRegion,
  FilterSelect,
  ListTable,
  pageParams,
  pageQuery,
  ResetFiltersButton,
  useListTableProps,
} from '../lib/listTable';
import { useAsync } from '../lib/useAsync';
import { useUrlQuery } from '../lib/useUrlQuery';
import { ClassCascader } from './ClassCascader';
import { ExportButton } from './ExportButton';
import { ClassName, shownTotal, ValueRange } from './InstrumentListParts';
import { InstrumentThumb } from './InstrumentPhotos';
import { FeeText, InstrumentStatusTag, InstrumentValue } from './InstrumentTags';
import { EmptyState, LoadError, Loading } from './States';

const KEYS = [
  'q',
  'classCode',
  'regionCode',
  'ownerType',
  'shareMode',
  'status',
  'purpose',
  'minWan',
  'maxWan',
  'free',
  'sort',
  'page',
  'pageSize',
] as const;
const SORTS = ['relevance', 'value', '-value', 'name'];
const PAGE_SIZE = 20;

/** 万元 → 元 for the query (the server takes 元). */
const wanToYuan = (v: string | undefined) => (v && Number.isFinite(Number(v)) ? Number(v) * 10_000 : undefined);

/**
 * The instrument catalogue: a prominent search, filters saved in the URL, server paging and sorting;
 * a table on a desk and cards on a phone. `organisationId` fixes the owner (my instruments).
 */
export function InstrumentList({
  organisationId,
  emptyText,
  extraActions,
  reloadKey = 0,
}: {
  organisationId?: string;
  emptyText: ReactNode;
  extraActions?: ReactNode;
  reloadKey?: number;
}) {
  const { t, label, lang } = useI18n();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, PAGE_SIZE);
  const sort = values.sort && SORTS.includes(values.sort) ? values.sort : 'relevance';
  const filters = {
    q: values.q,
    classCode: values.classCode,
    regionCode: values.regionCode,
    ownerType: values.ownerType,
    shareMode: values.shareMode,
    status: values.status,
    purpose: values.purpose,
    minWan: values.minWan,
    maxWan: values.maxWan,
    free: values.free,
  };
  const anyFilter = Object.values(filters).some(Boolean);
  const filterCount = Object.entries(filters).filter(([k, v]) => k !== 'q' && v).length;
  const [filtersOpen, setFiltersOpen] = useState(false);

  // The API query of the filters, shared by the list and its export ("free now" is read at the moment).
  const apiQuery = () => {
    const now = new Date();
    return {
      q: values.q,
      classCode: values.classCode,
      regionCode: values.regionCode,
      ownerType: values.ownerType,
      shareMode: values.shareMode,
      status: values.status,
      purpose: values.purpose,
      organisationId,
      minValueYuan: wanToYuan(values.minWan),
      maxValueYuan: wanToYuan(values.maxWan),
      freeFrom: values.free ? now.toISOString() : undefined,
      freeTo: values.free ? new Date(now.getTime() + 3_600_000).toISOString() : undefined,
      sort: sort === 'relevance' ? undefined : sort,
    };
  };
  const list = useAsync(
    (signal) => http.get<CataloguePage>('/api/instruments', { ...apiQuery(), page, pageSize }, { signal }),
    [...Object.values(filters), organisationId, sort, page, pageSize, reloadKey],
  );

  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText,
    emptyFilteredText: t('catalogue.emptyFiltered'),
  });

  const sortOrder = (field: 'value' | 'name') =>
    sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null;

  const nameCell = (i: InstrumentSummary) => (
    <Flex gap={10} align="flex-start">
      <InstrumentThumb url={i.photoUrl} name={i.nameZh} size={phone ? 64 : 56} />
      <div>
        <Link to={`/instruments/${i.id}`} data-testid="instrument-link">
          {i.nameZh}
        </Link>
        {i.model || i.manufacturer ? (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[i.manufacturer, i.model].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        ) : null}
      </div>
    </Flex>
  );

  return (
    <>
      <form
        role="search"
        aria-label={t('catalogue.searchLabel')}
        onSubmit={(e) => e.preventDefault()}
        style={{ marginBottom: 16 }}
      >
        <Input.Search
          id="catalogue-q"
          key={values.q ?? ''}
          size="large"
          defaultValue={values.q}
          allowClear
          aria-label={t('catalogue.searchLabel')}
          placeholder={t('catalogue.searchPlaceholder')}
          enterButton={
            <span>
              <SearchOutlined /> {t('catalogue.search')}
            </span>
          }
          onSearch={(q) => update({ q: q.trim(), sort: undefined })}
          data-testid="catalogue-search"
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('catalogue.searchHint')}
        </Typography.Text>
      </form>
      {phone ? (
        <Button
          icon={<FilterOutlined />}
          aria-expanded={filtersOpen}
          aria-controls="catalogue-filters"
          onClick={() => setFiltersOpen((o) => !o)}
          style={{ marginBottom: 12 }}
        >
          {filtersOpen
            ? t('catalogue.hideFilters')
            : filterCount
              ? t('catalogue.showFilters', { n: filterCount })
              : t('common.filters')}
        </Button>
      ) : null}
      <div id="catalogue-filters" hidden={phone && !filtersOpen}>
        <FilterBar>
          <Col xs={24} md={12} xl={6}>
            <Form.Item label={t('inst.class')} htmlFor="catalogue-class">
              <ClassCascader
                id="catalogue-class"
                value={values.classCode}
                onChange={(code) => update({ classCode: code })}
                placeholder={t('common.all')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <FilterRegion
              id="catalogue-region"
              label={t('inst.region')}
              value={values.regionCode}
              onChange={(code) => update({ regionCode: code })}
            />
          </Col>
          {organisationId ? null : (
            <Col xs={12} md={6} xl={4}>
              <FilterSelect
                id="catalogue-owner-type"
                label={t('inst.ownerType')}
                value={values.ownerType}
                onChange={(v) => update({ ownerType: v })}
                options={organisationTypes.map((s) => ({ value: s, label: label(organisationTypeLabels[s]) }))}
              />
            </Col>
          )}
          <Col xs={12} md={6} xl={4}>
            <FilterSelect
              id="catalogue-share-mode"
              label={t('inst.shareMode')}
              value={values.shareMode}
              onChange={(v) => update({ shareMode: v })}
              options={shareModes.map((s) => ({ value: s, label: label(shareModeLabels[s]) }))}
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <FilterSelect
              id="catalogue-status"
              label={t('inst.status')}
              value={values.status}
              onChange={(v) => update({ status: v })}
              options={instrumentStatuses.map((s) => ({ value: s, label: label(instrumentStatusLabels[s]) }))}
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <FilterSelect
              id="catalogue-purpose"
              label={t('inst.purpose')}
              value={values.purpose}
              onChange={(v) => update({ purpose: v })}
              options={instrumentPurposes.map((s) => ({ value: s, label: label(purposeLabels[s]) }))}
            />
          </Col>
          <Col xs={24} md={12} xl={4}>
            <ValueRange
              min={values.minWan}
              max={values.maxWan}
              onChange={(minWan, maxWan) => update({ minWan, maxWan })}
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item label={t('catalogue.freeNow')} htmlFor="catalogue-free" tooltip={t('catalogue.freeNowHint')}>
              <Switch
                id="catalogue-free"
                checked={!!values.free}
                onChange={(on) => update({ free: on ? '1' : undefined })}
                data-testid="catalogue-free"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <FilterSelect
              id="catalogue-sort"
              label={t('catalogue.sort')}
              placeholder={t('catalogue.sort.relevance')}
              value={sort === 'relevance' ? undefined : sort}
              onChange={(v) => update({ sort: v })}
              options={[
                { value: '-value', label: t('catalogue.sort.valueDesc') },
                { value: 'value', label: t('catalogue.sort.valueAsc') },
                { value: 'name', label: t('catalogue.sort.name') },
              ]}
            />
          </Col>
          <Col xs={24} md={12} xl={4}>
            <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
          </Col>
        </FilterBar>
      </div>
      <Card
        title={
          list.data ? (
            <span aria-live="polite" data-testid="catalogue-total">
              {values.q
                ? t('catalogue.resultsFor', { n: shownTotal(list.data), q: values.q })
                : t('catalogue.results', { n: shownTotal(list.data) })}
            </span>
          ) : (
            t('catalogue.resultsTitle')
          )
        }
        extra={
          <Space wrap>
            {extraActions}
            <ExportButton
              path="/api/instruments/export"
              filters={apiQuery()}
              testId="catalogue-export"
              hint={t('catalogue.exportHint')}
            />
          </Space>
        }
        styles={phone ? { body: { padding: 12 } } : undefined}
      >
        {phone ? (
          list.error ? (
            <LoadError error={list.error} onRetry={list.reload} />
          ) : list.loading && !list.data ? (
            <Loading what={t('catalogue.loading')} />
          ) : (list.data?.items.length ?? 0) === 0 ? (
            <EmptyState
              description={anyFilter ? t('catalogue.emptyFiltered') : emptyText}
              action={anyFilter ? <Button onClick={reset}>{t('action.resetFilters')}</Button> : null}
            />
          ) : (
            <Space orientation="vertical" size={12} style={{ width: '100%' }} aria-busy={list.loading}>
              {list.data?.items.map((i) => (
                <Card key={i.id} size="small" data-testid="instrument-card">
                  <Flex justify="space-between" gap={8} align="flex-start">
                    <div style={{ fontWeight: 600 }}>{nameCell(i)}</div>
                    <InstrumentStatusTag status={i.status} />
                  </Flex>
                  <dl
                    style={{
                      margin: '8px 0 0',
                      display: 'grid',
                      gridTemplateColumns: 'auto 1fr',
                      gap: '2px 12px',
                      fontSize: 13,
                    }}
                  >
                    <dt style={{ color: 'rgba(0,0,0,0.65)' }}>{t('inst.class')}</dt>
                    <dd style={{ margin: 0 }}>{classLabel(i.classCode, lang)}</dd>
                    <dt style={{ color: 'rgba(0,0,0,0.65)' }}>{t('inst.owner')}</dt>
                    <dd style={{ margin: 0 }}>{i.ownerName}</dd>
                    <dt style={{ color: 'rgba(0,0,0,0.65)' }}>{t('inst.region')}</dt>
                    <dd style={{ margin: 0 }}>{i.regionName}</dd>
                    <dt style={{ color: 'rgba(0,0,0,0.65)' }}>{t('inst.value')}</dt>
                    <dd style={{ margin: 0 }}>
                      <InstrumentValue fen={i.originalValueFen} />
                    </dd>
                    <dt style={{ color: 'rgba(0,0,0,0.65)' }}>{t('inst.fee')}</dt>
                    <dd style={{ margin: 0 }}>
                      <FeeText perHour={i.feePerHourFen} perSample={i.feePerSampleFen} />
                    </dd>
                  </dl>
                </Card>
              ))}
              <Pagination
                simple
                align="center"
                current={page}
                pageSize={pageSize}
                total={list.data?.total ?? 0}
                onChange={(p, ps) => update(pageQuery({ current: p, pageSize: ps }, PAGE_SIZE))}
              />
            </Space>
          )
        ) : (
          <ListTable<InstrumentSummary>
            list={list}
            {...tableProps}
            scroll={{ x: 1000 }}
            onChange={(p, _f, sorter) => {
              const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<InstrumentSummary> | undefined;
              const field = s?.order ? (s.field === 'originalValueFen' ? 'value' : 'name') : undefined;
              const next = field ? (s?.order === 'descend' && field === 'value' ? '-value' : field) : 'relevance';
              update({ ...pageQuery(p, PAGE_SIZE, next !== sort), sort: next === 'relevance' ? undefined : next });
            }}
            columns={[
              {
                title: t('inst.name'),
                dataIndex: 'nameZh',
                key: 'name',
                sorter: true,
                sortDirections: ['ascend'],
                sortOrder: sortOrder('name'),
                render: (_: string, i) => nameCell(i),
              },
              {
                title: t('inst.class'),
                dataIndex: 'classCode',
                render: (code: string) => <ClassName code={code} />,
              },
              { title: t('inst.owner'), dataIndex: 'ownerName' },
              { title: t('inst.region'), dataIndex: 'regionName' },
              {
                title: t('inst.value'),
                dataIndex: 'originalValueFen',
                align: 'right',
                sorter: true,
                sortOrder: sortOrder('value'),
                render: (fen: number) => <InstrumentValue fen={fen} />,
              },
              {
                title: t('inst.fee'),
                key: 'fee',
                render: (_: unknown, i) => <FeeText perHour={i.feePerHourFen} perSample={i.feePerSampleFen} />,
              },
              {
                title: t('inst.status'),
                dataIndex: 'status',
                onHeaderCell: noWrap,
                render: (_: string, i) => <InstrumentStatusTag status={i.status} />,
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
