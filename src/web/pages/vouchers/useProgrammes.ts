import { http } from '../../api/client';
import type { Paged } from '../../api/types';
import { useAsync } from '../../lib/useAsync';
import { type ProgrammeSummary, voucherApi } from './api';

/** The programmes this user can see, for the programme filter of a list (a region has a handful). */
export function useProgrammeOptions() {
  const list = useAsync(
    (signal) => http.get<Paged<ProgrammeSummary>>(voucherApi.programmes, { pageSize: 200 }, { signal }),
    [],
  );
  return (list.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
}
