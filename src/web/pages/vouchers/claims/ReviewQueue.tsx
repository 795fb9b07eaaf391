import { Card, Col, DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { claimStatusLabels, evidenceKindLabels } from '../../../../shared/api/vouchers';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { useMe } from '../../../auth/AuthContext';
import { BookingExportButton } from '../../../components/BookingFilters';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { BatchBar, useBatchAction } from '../../../lib/batchAction';
import {
  FilterBar,
  FilterSearch,
  FilterSelect,
  pageParams,
  pageQuery,
  ResetFiltersButton,
  useListTableProps,
} from '../../../lib/listTable';
import { useAsync } from '../../../lib/useAsync';
import { useUrlQuery } from '../../../lib/useUrlQuery';
import { type ClaimSummary, voucherApi } from '../api';
import { isVoucherOfficer } from '../common';
import { useProgrammeOptions } from '../useProgrammes';
import { ClaimTable } from './ProviderClaims';

const KEYS = ['status', 'programmeId', 'evidence', 'flagged', 'month', 'q', 'page', 'pageSize'] as const;
const ALL = 'all';

/** Only clean claims go through in a batch: a flagged or self-reported one needs its evidence read. */
const batchable = (c: ClaimSummary) => c.status === 'pending_review' && !c.flagged && c.evidence === 'sensor';

/**
 * The bureau's claim review queue: what waits for a decision, filtered by programme, evidence,
 * flag and month; clean sensor-backed claims may be approved in a batch, the rest one by one with
 * the evidence panel. The filtered set exports for the finance system.
 */
export default function ReviewQueue() {
  const me = useMe();
  const { t, label } = useI18n();
  const programmes = useProgrammeOptions();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const status = values.status ?? 'pending_review';
  const filters = {
    side: 'review',
    status: status === ALL ? undefined : status,
    programmeId: values.programmeId,
    evidence: values.evidence,
    flagged: values.flagged,
    month: values.month,
    q: values.q,
  };
  const [selected, setSelected] = useState<ClaimSummary[]>([]);
  const batch = useBatchAction();
  const list = useAsync(
    (signal) => http.get<Paged<ClaimSummary>>(voucherApi.claims, { ...filters, page, pageSize }, { signal }),
    [status, values.programmeId, values.evidence, values.flagged, values.month, values.q, page, pageSize],
  );
  const anyFilter =
    status !== 'pending_review' ||
    !!(values.programmeId || values.evidence || values.flagged || values.month || values.q);
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: t('vch.review.empty'),
    emptyFilteredText: t('vch.review.emptyFiltered'),
  });
  const approvable = selected.filter(batchable);
  const officer = isVoucherOfficer(me);
  const batchApprove = () =>
    batch.run({
      items: approvable,
      confirmTitle: t('vch.review.batchConfirm', { n: approvable.length }),
      confirmHint: t('vch.review.batchHint'),
      okText: t('vch.claim.cmd.approve'),
      act: (c) => http.post(voucherApi.claimCommand(c.id, 'approve'), {}),
      describe: (c) => `${c.providerName} · ${c.subjectName}`,
      successText: (n) => t('vch.review.batchDone', { n }),
      partialTitle: (ok, failed) => t('vch.review.batchPartial', { ok, failed }),
      done: () => {
        setSelected([]);
        list.reload();
      },
    });

  return (
    <>
      <PageHeader
        title={t('nav.vchReview')}
        crumbs={[{ title: t('nav.vchReview') }]}
        subTitle={t('vch.review.lead')}
        extra={<BookingExportButton path={voucherApi.claimsExport} filters={filters} />}
      />
      <FilterBar>
        <Col xs={12} md={6} xl={4}>
          <FilterSelect
            id="rv-status"
            label={t('vch.status')}
            value={status}
            onChange={(v) => {
              setSelected([]);
              update({ status: v === 'pending_review' ? undefined : (v ?? ALL) });
            }}
            options={[
              { value: ALL, label: t('common.all') },
              ...Object.entries(claimStatusLabels).map(([k, l]) => ({ value: k, label: label(l) })),
            ]}
            testId="rv-status"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <FilterSelect
            id="rv-programme"
            label={t('vch.programme')}
            value={values.programmeId}
            onChange={(v) => update({ programmeId: v })}
            options={programmes}
          />
        </Col>
        <Col xs={12} md={6} xl={3}>
          <FilterSelect
            id="rv-evidence"
            label={t('vch.claim.evidence')}
            value={values.evidence}
            onChange={(v) => update({ evidence: v })}
            options={Object.entries(evidenceKindLabels).map(([k, l]) => ({ value: k, label: label(l) }))}
          />
        </Col>
        <Col xs={12} md={6} xl={3}>
          <FilterSelect
            id="rv-flagged"
            label={t('vch.claim.flagged')}
            value={values.flagged}
            onChange={(v) => update({ flagged: v })}
            options={[
              { value: 'true', label: t('vch.review.flaggedOnly') },
              { value: 'false', label: t('vch.review.unflaggedOnly') },
            ]}
          />
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Form.Item label={t('vch.review.month')} htmlFor="rv-month">
            <DatePicker
              id="rv-month"
              picker="month"
              style={{ width: '100%' }}
              value={values.month ? dayjs(`${values.month}-01`) : null}
              onChange={(d) => update({ month: d ? d.format('YYYY-MM') : undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <FilterSearch
            id="rv-q"
            label={t('common.keyword')}
            value={values.q}
            placeholder={t('vch.review.search')}
            onSearch={(q) => update({ q })}
          />
        </Col>
        <Col xs={24} md={6} xl={3}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      <Card>
        {officer ? (
          <BatchBar
            label={t('vch.review.batch', { n: approvable.length })}
            eligible={approvable.length}
            selected={selected.length}
            busy={batch.busy}
            onRun={batchApprove}
            hint={t('vch.review.selectHint')}
            testId="rv-batch-approve"
          />
        ) : null}
        <ClaimTable
          list={list}
          tableProps={tableProps}
          onPage={(p) => update(pageQuery(p, 20))}
          base="/vouchers/review"
          rowSelection={
            officer
              ? {
                  selectedRowKeys: selected.map((c) => c.id),
                  onChange: (_, rows) => setSelected(rows),
                  getCheckboxProps: (c) => ({
                    disabled: !batchable(c),
                    title: c.status === 'pending_review' && !batchable(c) ? t('vch.review.notBatchable') : undefined,
                    'aria-label': t('vch.queue.selectRow', { name: `${c.providerName} ${c.subjectName}` }),
                  }),
                }
              : undefined
          }
        />
      </Card>
    </>
  );
}
