import { ReloadOutlined } from '@ant-design/icons';
import type { TablePaginationConfig, TableProps } from 'antd';
import { Button, Card, Form, Input, Row, Select, Table } from 'antd';
import type { ReactNode } from 'react';
import type { Paged } from '../api/types';
import { RegionCascader } from '../components/RegionCascader';
import { EmptyState, LoadError } from '../components/States';
import { useI18n } from '../i18n';
import type { AsyncState } from './useAsync';
import { toInt } from './useUrlQuery';

/*
 * The pieces every filtered, paged list page shares: the filter widgets, the reset button, the
 * table's empty state and pagination, and the load-error-or-table switch. Page and page size live in
 * the URL query (see useUrlQuery); a page size equal to the page's default is left out of the URL.
 */

/** Page and page size from the URL query. */
export function pageParams(values: { page?: string; pageSize?: string }, defaultPageSize: number) {
  return { page: toInt(values.page, 1), pageSize: toInt(values.pageSize, defaultPageSize) };
}

/** The URL query patch for a table's pagination change; `firstPage` sends the list back to page 1. */
export function pageQuery(p: TablePaginationConfig, defaultPageSize: number, firstPage = false) {
  return {
    page: firstPage ? 1 : (p.current ?? 1),
    pageSize: p.pageSize === defaultPageSize ? undefined : p.pageSize,
  };
}

/** The table's `pagination` and `locale` (empty state, with a reset where filters are on). */
export function useListTableProps({
  page,
  pageSize,
  total,
  pageSizeOptions,
  anyFilter,
  reset,
  emptyText,
  emptyFilteredText,
}: {
  page: number;
  pageSize: number;
  total: number | undefined;
  pageSizeOptions?: number[];
  anyFilter: boolean;
  reset: () => void;
  emptyText: ReactNode;
  emptyFilteredText: ReactNode;
}): { pagination: TablePaginationConfig; locale: TableProps['locale'] } {
  const { t } = useI18n();
  return {
    locale: {
      emptyText: (
        <EmptyState
          description={anyFilter ? emptyFilteredText : emptyText}
          action={anyFilter ? <Button onClick={reset}>{t('action.resetFilters')}</Button> : null}
        />
      ),
    },
    pagination: {
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      ...(pageSizeOptions ? { pageSizeOptions } : {}),
      showTotal: (n) => t('common.total', { n }),
    },
  };
}

/** The list's table, or what went wrong loading it (with a retry). Rows are keyed by `id`. */
export function ListTable<T extends object>({
  list,
  ...props
}: { list: Pick<AsyncState<Paged<T>>, 'data' | 'error' | 'loading' | 'reload'> } & Omit<
  TableProps<T>,
  'loading' | 'dataSource'
>) {
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  return <Table<T> rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} {...props} />;
}

/** The filter bar above a list: a search form whose children are the filters' columns. */
export function FilterBar({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
      <Form layout="vertical" role="search" aria-label={t('common.filters')}>
        <Row gutter={[16, 0]}>{children}</Row>
      </Form>
    </Card>
  );
}

/** The filter bar's "reset filters" button, disabled while no filter is on. */
export function ResetFiltersButton({ anyFilter, reset }: { anyFilter: boolean; reset: () => void }) {
  const { t } = useI18n();
  return (
    <Form.Item label=" " colon={false}>
      <Button icon={<ReloadOutlined />} onClick={reset} disabled={!anyFilter}>
        {t('action.resetFilters')}
      </Button>
    </Form.Item>
  );
}

/** A text filter applied on enter or the search button, trimmed; an empty one clears the filter. */
export function FilterSearch({
  id,
  label,
  value,
  placeholder,
  enterButton = false,
  onSearch,
  testId,
}: {
  id: string;
  label: ReactNode;
  value: string | undefined;
  placeholder?: string;
  enterButton?: boolean;
  onSearch: (value: string) => void;
  testId?: string;
}) {
  return (
    <Form.Item label={label} htmlFor={id}>
      <Input.Search
        id={id}
        key={value ?? ''}
        defaultValue={value}
        placeholder={placeholder}
        allowClear
        enterButton={enterButton}
        onSearch={(v) => onSearch(v.trim())}
        data-testid={testId}
      />
    </Form.Item>
  );
}

/** A one-of filter; cleared, it shows "all". */
export function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
  testId,
  placeholder,
}: {
  id: string;
  label: ReactNode;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: { value: string; label: ReactNode }[];
  testId?: string;
  /** What no choice means; "all" unless the filter is really an order or a default. */
  placeholder?: string;
}) {
  const { t } = useI18n();
  return (
    <Form.Item label={label} htmlFor={id}>
      <Select
        id={id}
        allowClear
        placeholder={placeholder ?? t('common.all')}
        value={value}
        onChange={onChange}
        options={options}
        data-testid={testId}
      />
    </Form.Item>
  );
}

/** A region filter: any level may be chosen (a city shows everything below it). */
export function FilterRegion({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: ReactNode;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const { t } = useI18n();
  return (
    <Form.Item label={label} htmlFor={id}>
      <RegionCascader id={id} changeOnSelect value={value} onChange={onChange} placeholder={t('common.all')} />
    </Form.Item>
  );
}
