import { Select } from 'antd';
import { useState } from 'react';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import type { ListDetail, ListItem } from './types';

/**
 * Picks a list by code or title (searched on the server) instead of typing its id. `source` is the
 * endpoint listing what this user may pick: the bureau's lists, or the enterprise's own.
 */
export function ListPicker({
  source,
  value,
  onChange,
  statuses,
}: {
  source: '/api/challenges/lists/managed' | '/api/challenges/lists/mine';
  value: string | undefined;
  onChange: (listId: string | undefined) => void;
  /** Only lists in these statuses are offered (default: all the source returns). */
  statuses?: string[];
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const options = useAsync(
    (signal) => http.get<Paged<ListItem>>(source, { q: q || undefined, pageSize: 50 }, { signal }),
    [source, q],
  );
  // A list opened by a link may not be on the first page of options: name it from its record.
  const current = useAsync(
    (signal) =>
      value
        ? http.get<ListDetail>(`/api/challenges/lists/${value}`, undefined, { signal })
        : Promise.resolve(undefined),
    [value],
  );
  const items = (options.data?.items ?? []).filter((l) => !statuses || statuses.includes(l.status));
  const opts = items.map((l) => ({ value: l.id, label: `${l.code} · ${l.title}` }));
  if (current.data && !opts.some((o) => o.value === current.data?.id))
    opts.unshift({ value: current.data.id, label: `${current.data.code} · ${current.data.title}` });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      allowClear
      aria-label={t('chal.pickListLabel')}
      placeholder={t('chal.pickListLabel')}
      style={{ width: 420, maxWidth: '100%' }}
      loading={options.loading}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      options={opts}
      notFoundContent={t('chal.pickListNone')}
      data-testid="list-picker"
    />
  );
}
