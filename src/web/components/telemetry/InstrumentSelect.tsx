import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { http } from '../../api/client';
import type { CataloguePage, InstrumentDetail } from '../../api/types';
import { useI18n } from '../../i18n';

/** Searches the instruments of one organisation (or all the user may see) by name, as you type. */
export function InstrumentSelect({
  id,
  value,
  onChange,
  organisationId,
  exclude,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string, name: string) => void;
  organisationId?: string;
  exclude?: string;
}) {
  const { lang } = useI18n();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    // A short pause so each keystroke does not cost a search.
    const timer = setTimeout(() => {
      http
        .get<CataloguePage>(
          '/api/instruments',
          { q: q || undefined, organisationId, pageSize: 50 },
          { signal: ctrl.signal },
        )
        .then(
          (page) => {
            setOptions(
              page.items
                .filter((i) => i.id !== exclude)
                .map((i) => ({ value: i.id, label: lang === 'en' && i.nameEn ? i.nameEn : i.nameZh })),
            );
            setLoading(false);
          },
          () => setLoading(false),
        );
    }, 250);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q, organisationId, exclude, lang]);
  // A preset instrument (provisioning from its trace page) may not be among the first matches: name it.
  useEffect(() => {
    if (!value || options.some((o) => o.value === value)) return;
    const ctrl = new AbortController();
    http.get<InstrumentDetail>(`/api/instruments/${value}`, undefined, { signal: ctrl.signal }).then(
      (i) =>
        setOptions((prev) =>
          prev.some((o) => o.value === i.id)
            ? prev
            : [{ value: i.id, label: lang === 'en' && i.nameEn ? i.nameEn : i.nameZh }, ...prev],
        ),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [value, options, lang]);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      loading={loading}
      options={options}
      onChange={(v: string) => onChange?.(v, options.find((o) => o.value === v)?.label ?? v)}
      data-testid="instrument-select"
    />
  );
}
