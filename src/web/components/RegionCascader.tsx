import { Cascader } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { http } from '../api/client';
import type { RegionNode } from '../api/types';
import { useI18n } from '../i18n';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

const cache = new Map<string, Promise<RegionNode[]>>();

/** GET /api/regions?parent=…, cached for the page's life (the table changes once a year). */
export function loadRegions(parent?: string): Promise<RegionNode[]> {
  const key = parent ?? '';
  let p = cache.get(key);
  if (!p) {
    p = http.get<{ items: RegionNode[] }>('/api/regions', { parent }).then((r) => r.items);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

const toOptions = (items: RegionNode[]): Option[] =>
  items.map((r) => ({ value: r.code, label: r.name, isLeaf: !r.hasChildren }));

/**
 * Path (province → … → code) for a stored code, found by loading the levels it sits under. GB/T 2260
 * prefixes narrow the search; the table's own parent links (municipalities, xx90 counties) decide.
 */
export async function pathTo(code: string): Promise<RegionNode[]> {
  const provinces = await loadRegions();
  const province = provinces.find((p) => p.code.slice(0, 2) === code.slice(0, 2));
  if (!province) return [];
  if (province.code === code) return [province];
  const level2 = await loadRegions(province.code);
  const direct = level2.find((r) => r.code === code);
  if (direct) return [province, direct];
  const city = level2.find((r) => r.code.slice(0, 4) === code.slice(0, 4) && r.hasChildren);
  if (!city) return [];
  const level3 = await loadRegions(city.code);
  const county = level3.find((r) => r.code === code);
  return county ? [province, city, county] : [];
}

export interface RegionCascaderProps {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined, names?: string[]) => void;
  /** Allow choosing a province or city (filters, role scopes), not only a leaf. */
  changeOnSelect?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
  status?: 'error' | 'warning';
}

/** Province → city → county, each level fetched only when opened. The value is the chosen 6-digit code. */
export function RegionCascader(props: RegionCascaderProps) {
  const { t } = useI18n();
  const { value, onChange } = props;
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);
  const [error, setError] = useState(false);
  const optionsRef = useRef<Option[]>([]);
  optionsRef.current = options;

  useEffect(() => {
    loadRegions().then(
      (items) => setOptions(toOptions(items)),
      () => setError(true),
    );
  }, []);

  // A value set from outside (URL, draft, record): open the levels above it so the names show.
  // Depends on `value` only; the current path is read through a ref so setting it cannot loop.
  const pathRef = useRef(path);
  pathRef.current = path;
  useEffect(() => {
    if (!value) {
      if (pathRef.current.length) setPath([]);
      return;
    }
    if (pathRef.current[pathRef.current.length - 1] === value) return;
    let cancelled = false;
    pathTo(value).then(async (nodes) => {
      if (cancelled || nodes.length === 0) return;
      const base = toOptions(await loadRegions());
      let level = base;
      for (let i = 0; i < nodes.length - 1; i++) {
        const node = nodes[i];
        const opt = level.find((o) => o.value === node?.code);
        if (!opt || !node) break;
        opt.children = toOptions(await loadRegions(node.code));
        level = opt.children;
      }
      if (cancelled) return;
      setOptions(mergeOptions(optionsRef.current, base));
      setPath(nodes.map((n) => n.code));
    });
    return () => {
      cancelled = true;
    };
  }, [value]);

  const loadData = useCallback((selected: Option[]) => {
    const target = selected[selected.length - 1];
    if (!target || target.children) return;
    loadRegions(target.value).then(
      (items) => {
        target.children = toOptions(items);
        setOptions((prev) => [...prev]);
      },
      () => setError(true),
    );
  }, []);

  return (
    <Cascader<Option>
      id={props.id}
      aria-label={props['aria-label']}
      style={props.style ?? { width: '100%' }}
      options={options}
      loadData={loadData}
      value={path.length ? path : undefined}
      changeOnSelect={props.changeOnSelect}
      allowClear={props.allowClear ?? true}
      status={error ? 'error' : props.status}
      placeholder={error ? t('region.loadFailed') : (props.placeholder ?? t('region.placeholder'))}
      notFoundContent={error ? t('region.loadFailed') : t('region.empty')}
      onChange={(codes, selected) => {
        const list = (codes ?? []) as string[];
        setPath(list);
        onChange?.(
          list[list.length - 1],
          (selected ?? []).map((o) => o.label),
        );
      }}
    />
  );
}

/** Keep children already loaded in either tree. */
function mergeOptions(current: Option[], incoming: Option[]): Option[] {
  if (current.length === 0) return incoming;
  const byValue = new Map(current.map((o) => [o.value, o]));
  return incoming.map((o) => {
    const existing = byValue.get(o.value);
    if (!existing) return o;
    if (o.children && existing.children) return { ...o, children: mergeOptions(existing.children, o.children) };
    return { ...o, children: o.children ?? existing.children };
  });
}
