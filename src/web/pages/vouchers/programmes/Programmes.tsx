import { PlusOutlined } from '@ant-design/icons';
import { Card, Col } from 'antd';
import { Link } from 'react-router';
import { programmeStatusLabels } from '../../../../shared/api/vouchers';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { useMe } from '../../../auth/AuthContext';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { noWrap } from '../../../lib/format';
import {
  FilterBar,
  FilterRegion,
  FilterSelect,
  ListTable,
  pageParams,
  pageQuery,
  ResetFiltersButton,
  useListTableProps,
} from '../../../lib/listTable';
import { useAsync } from '../../../lib/useAsync';
import { useUrlQuery } from '../../../lib/useUrlQuery';
import { type ProgrammeSummary, voucherApi } from '../api';
import { formatBp, isVoucherOfficer, Money, ServiceKindTags, VoucherStatus } from '../common';

const KEYS = ['regionCode', 'status', 'page', 'pageSize'] as const;

/** Voucher programmes of the region and below, each with its current settings version. */
export default function Programmes() {
  const me = useMe();
  const { t, label } = useI18n();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const filters = { regionCode: values.regionCode, status: values.status };
  const list = useAsync(
    (signal) => http.get<Paged<ProgrammeSummary>>(voucherApi.programmes, { ...filters, page, pageSize }, { signal }),
    [values.regionCode, values.status, page, pageSize],
  );
  const anyFilter = !!values.regionCode || !!values.status;
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: isVoucherOfficer(me) ? t('vch.prog.emptyOfficer') : t('vch.prog.empty'),
    emptyFilteredText: t('vch.prog.emptyFiltered'),
  });
  return (
    <>
      <PageHeader
        title={t('nav.vchProgrammes')}
        crumbs={[{ title: t('nav.vchProgrammes') }]}
        subTitle={t('vch.prog.lead')}
        extra={
          isVoucherOfficer(me) ? (
            <LinkButton
              type="primary"
              icon={<PlusOutlined />}
              to="/vouchers/programmes/new"
              data-testid="programme-new"
            >
              {t('vch.prog.new')}
            </LinkButton>
          ) : null
        }
      />
      <FilterBar>
        <Col xs={24} md={10} xl={6}>
          <FilterRegion
            id="vprog-region"
            label={t('vch.region')}
            value={values.regionCode}
            onChange={(c) => update({ regionCode: c })}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <FilterSelect
            id="vprog-status"
            label={t('vch.status')}
            value={values.status}
            onChange={(v) => update({ status: v })}
            options={Object.entries(programmeStatusLabels).map(([k, l]) => ({ value: k, label: label(l) }))}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      <Card>
        <ListTable<ProgrammeSummary>
          list={list}
          {...tableProps}
          scroll={{ x: 1200 }}
          onChange={(p) => update(pageQuery(p, 20))}
          columns={[
            {
              title: t('vch.prog.name'),
              dataIndex: 'name',
              render: (v: string, p) => <Link to={`/vouchers/programmes/${p.id}`}>{v}</Link>,
            },
            { title: t('vch.prog.code'), dataIndex: 'code', onCell: noWrap },
            { title: t('vch.region'), dataIndex: 'regionName' },
            {
              title: t('vch.status'),
              dataIndex: 'status',
              render: (s: string) => <VoucherStatus vocabulary="programme" status={s} />,
            },
            { title: t('vch.prog.version'), dataIndex: 'version', align: 'right' },
            { title: t('vch.prog.coverage'), dataIndex: 'coverageBp', align: 'right', render: formatBp },
            {
              title: t('vch.prog.perClaimCap'),
              dataIndex: 'perClaimCapFen',
              align: 'right',
              render: (v: number) => <Money fen={v} />,
            },
            {
              title: t('vch.prog.annualCap'),
              dataIndex: 'annualCapFen',
              align: 'right',
              render: (v: number) => <Money fen={v} />,
            },
            {
              title: t('vch.prog.validity'),
              key: 'validity',
              render: (_, p) => `${p.validFrom} – ${p.validUntil}`,
              onCell: noWrap,
            },
            {
              title: t('vch.prog.serviceKinds'),
              dataIndex: 'serviceKinds',
              render: (k: ProgrammeSummary['serviceKinds']) => <ServiceKindTags kinds={k} />,
            },
            { title: t('vch.prog.admittedProviders'), dataIndex: 'admittedProviders', align: 'right' },
            {
              title: t('vch.prog.issued'),
              dataIndex: 'issuedFen',
              align: 'right',
              render: (v: number) => <Money fen={v} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
