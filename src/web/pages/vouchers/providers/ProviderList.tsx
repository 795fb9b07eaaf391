import { PlusOutlined } from '@ant-design/icons';
import { Card, Col, Row } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { providerStatusLabels } from '../../../../shared/api/vouchers';
import { type OrganisationType, organisationTypeLabels } from '../../../../shared/roles';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { useMe } from '../../../auth/AuthContext';
import { isOrgAdmin } from '../../../auth/roles';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { BatchBar, useBatchAction } from '../../../lib/batchAction';
import { formatDate, noWrap } from '../../../lib/format';
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
import { type ProviderSummary, voucherApi } from '../api';
import { ControllerCard } from '../ControllerCard';
import { isVoucherOfficer, providerOrganisations, ServiceKindTags, VoucherStatus } from '../common';
import { useProgrammeOptions } from '../useProgrammes';

const KEYS = ['status', 'programmeId', 'q', 'page', 'pageSize'] as const;
const ALL = 'all';

/**
 * Provider admissions as a list. `mine`: the provider's own applications, with the way to apply;
 * otherwise the officer's admission queue (applications first, batch admit after the credit check).
 */
export function ProviderList({ mine }: { mine: boolean }) {
  const me = useMe();
  const { t, label } = useI18n();
  const programmes = useProgrammeOptions();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const defaultStatus = mine ? ALL : 'applied';
  const status = values.status ?? defaultStatus;
  const filters = {
    status: status === ALL ? undefined : status,
    programmeId: values.programmeId,
    q: values.q,
    mine: mine ? 'true' : undefined,
  };
  const [selected, setSelected] = useState<ProviderSummary[]>([]);
  const batch = useBatchAction();
  const list = useAsync(
    (signal) => http.get<Paged<ProviderSummary>>(voucherApi.providers, { ...filters, page, pageSize }, { signal }),
    [status, values.programmeId, values.q, page, pageSize, mine],
  );
  const anyFilter = status !== defaultStatus || !!values.programmeId || !!values.q;
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: mine ? t('vch.prov.mineEmpty') : t('vch.prov.queueEmpty'),
    emptyFilteredText: t('vch.prov.emptyFiltered'),
  });
  const officer = !mine && isVoucherOfficer(me);
  const admittable = selected.filter((p) => p.status === 'applied');
  const base = mine ? '/vouchers/provider' : '/vouchers/providers';
  const title = mine ? t('nav.vchProvider') : t('nav.vchProviders');

  const batchAdmit = () =>
    batch.run({
      items: admittable,
      confirmTitle: t('vch.prov.batchConfirm', { n: admittable.length }),
      confirmHint: t('vch.prov.batchHint'),
      okText: t('vch.prov.cmd.approve'),
      act: (p) => http.post(voucherApi.providerCommand(p.id, 'approve'), {}),
      describe: (p) => p.organisationName,
      successText: (n) => t('vch.prov.batchDone', { n }),
      partialTitle: (ok, failed) => t('vch.prov.batchPartial', { ok, failed }),
      done: () => {
        setSelected([]);
        list.reload();
      },
    });

  return (
    <>
      <PageHeader
        title={title}
        crumbs={[{ title }]}
        subTitle={mine ? t('vch.prov.mineLead') : t('vch.prov.queueLead')}
        extra={
          mine ? (
            <LinkButton
              type="primary"
              icon={<PlusOutlined />}
              to="/vouchers/provider/apply"
              data-testid="provider-apply"
            >
              {t('vch.prov.apply')}
            </LinkButton>
          ) : null
        }
      />
      <FilterBar>
        <Col xs={12} md={6} xl={4}>
          <FilterSelect
            id="vp-status"
            label={t('vch.status')}
            value={status}
            onChange={(v) => {
              setSelected([]);
              update({ status: v === defaultStatus ? undefined : (v ?? ALL) });
            }}
            options={[
              { value: ALL, label: t('common.all') },
              ...Object.entries(providerStatusLabels).map(([k, l]) => ({ value: k, label: label(l) })),
            ]}
          />
        </Col>
        <Col xs={12} md={6} xl={6}>
          <FilterSelect
            id="vp-programme"
            label={t('vch.programme')}
            value={values.programmeId}
            onChange={(v) => update({ programmeId: v })}
            options={programmes}
          />
        </Col>
        {mine ? null : (
          <Col xs={24} md={8} xl={8}>
            <FilterSearch
              id="vp-q"
              label={t('common.keyword')}
              value={values.q}
              placeholder={t('vch.prov.search')}
              onSearch={(q) => update({ q })}
            />
          </Col>
        )}
        <Col xs={24} md={4} xl={4}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      {mine ? (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {providerOrganisations(me).map((o) => (
            <Col key={o.id} xs={24} xl={12}>
              <ControllerCard organisationId={o.id} canEdit={isOrgAdmin(me, o.id)} />
            </Col>
          ))}
        </Row>
      ) : null}
      <Card>
        {officer ? (
          <BatchBar
            label={t('vch.prov.batch', { n: admittable.length })}
            eligible={admittable.length}
            selected={selected.length}
            busy={batch.busy}
            onRun={batchAdmit}
            hint={t('vch.prov.selectHint')}
            testId="vp-batch-approve"
          />
        ) : null}
        <ListTable<ProviderSummary>
          list={list}
          {...tableProps}
          scroll={{ x: 1000 }}
          rowSelection={
            officer
              ? {
                  selectedRowKeys: selected.map((p) => p.id),
                  onChange: (_, rows) => setSelected(rows),
                  getCheckboxProps: (p) => ({
                    disabled: p.status !== 'applied',
                    'aria-label': t('vch.queue.selectRow', { name: p.organisationName }),
                  }),
                }
              : undefined
          }
          onChange={(p) => update(pageQuery(p, 20))}
          columns={[
            {
              title: t('vch.prov.organisation'),
              dataIndex: 'organisationName',
              render: (v: string, p) => <Link to={`${base}/${p.id}`}>{v}</Link>,
            },
            {
              title: t('vch.prov.orgType'),
              dataIndex: 'organisationType',
              render: (v: string) =>
                organisationTypeLabels[v as OrganisationType]
                  ? label(organisationTypeLabels[v as OrganisationType])
                  : v,
            },
            { title: t('vch.programme'), dataIndex: 'programmeName' },
            {
              title: t('vch.prov.serviceKinds'),
              dataIndex: 'serviceKinds',
              render: (k: ProviderSummary['serviceKinds']) => <ServiceKindTags kinds={k} />,
            },
            { title: t('vch.prov.instruments'), dataIndex: 'instrumentCount', align: 'right' },
            {
              title: t('vch.status'),
              dataIndex: 'status',
              render: (s: string) => <VoucherStatus vocabulary="provider" status={s} />,
            },
            {
              title: t('vch.prov.appliedAt'),
              dataIndex: 'appliedAt',
              render: (v: string) => formatDate(v),
              onCell: noWrap,
            },
          ]}
        />
      </Card>
    </>
  );
}
