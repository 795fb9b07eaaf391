import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Popconfirm, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { reconciliationKinds } from '../../../shared/api/assets';
import { http, toQueryString } from '../../api/client';
import { useMe } from '../../auth/AuthContext';
import { hasRole, managedOrganisations } from '../../auth/roles';
import { InstrumentFormModal } from '../../components/InstrumentFormModal';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { formatDate, formatDateTime, formatYuanNumber, noWrap } from '../../lib/format';
import { FilterBar, FilterSearch, FilterSelect, ResetFiltersButton } from '../../lib/listTable';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';
import type { Dismissal, ReconciliationKind, ReconciliationResponse } from './assetApi';
import { DismissModal, type DismissTarget } from './DismissModal';

const KEYS = ['kind', 'org', 'q', 'tab'] as const;
/** The instrument form restores a draft from here; "list this instrument" fills it from the card. */
const INSTRUMENT_DRAFT = 'kc.draft.instrument';
const KIND_COLOURS: Record<ReconciliationKind, string> = {
  unlisted: 'orange',
  disposedListed: 'red',
  valueMismatch: 'gold',
  lateListing: 'blue',
};

type OrgReport = ReconciliationResponse['organisations'][number];
type Unlisted = OrgReport['unlisted'][number];

interface Finding {
  key: string;
  kind: ReconciliationKind;
  organisationId: string;
  organisationName: string;
  assetNo: string;
  name: string;
  instrumentId: string | null;
  detail: ReactNode;
  card?: Unlisted;
}

const yuan = (fen: number) => `${formatYuanNumber(fen)} 元`;

/** An unlisted card: its value and status, then where it is and who holds it, to find it on site. */
function UnlistedDetail({ card: c }: { card: Unlisted }) {
  const { t, lang } = useI18n();
  const where = [
    c.managingDepartment,
    c.usingDepartment,
    c.custodian ? t('recon.detail.custodian', { name: c.custodian }) : null,
    c.location,
    c.serialNo ? t('recon.detail.serialNo', { sn: c.serialNo }) : null,
    c.usageDirection ? t('recon.detail.usage', { use: c.usageDirection }) : null,
  ].filter(Boolean);
  return (
    <>
      {t('recon.detail.unlisted', {
        value: yuan(c.originalValueFen),
        date: c.purchaseDate ?? '—',
        status: c.useStatus ?? '—',
      })}
      {where.length ? (
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {where.join(lang === 'zh' ? '，' : ', ')}
        </Typography.Text>
      ) : null}
    </>
  );
}

/** The reconciliation as a to-do list: each open finding with the action that resolves it. */
export default function Reconciliation() {
  const me = useMe();
  const { t } = useI18n();
  const { message } = App.useApp();
  const { values, update, reset } = useUrlQuery(KEYS);
  const managed = managedOrganisations(me);
  const bureauResolver = hasRole(me, 'bureau_officer', 'bureau_admin');
  const mayResolve = (orgId: string) => bureauResolver || managed.some((o) => o.id === orgId);
  const [dismissing, setDismissing] = useState<DismissTarget | null>(null);
  const [listing, setListing] = useState<string | null>(null);

  const report = useAsync(
    (signal) => http.get<ReconciliationResponse>('/api/reconciliation', undefined, { signal }),
    [],
  );
  const dismissed = useAsync(
    (signal) => http.get<{ items: Dismissal[] }>('/api/reconciliation/dismissals', undefined, { signal }),
    [],
  );
  const reload = () => {
    report.reload();
    dismissed.reload();
  };

  const findings = useMemo<Finding[]>(() => {
    const out: Finding[] = [];
    for (const o of report.data?.organisations ?? []) {
      const base = { organisationId: o.organisationId, organisationName: o.organisationName };
      for (const c of o.unlisted)
        out.push({
          ...base,
          key: `u-${o.organisationId}-${c.assetNo}`,
          kind: 'unlisted',
          assetNo: c.assetNo,
          name: c.name,
          instrumentId: null,
          card: c,
          detail: <UnlistedDetail card={c} />,
        });
      for (const d of o.disposedListed)
        out.push({
          ...base,
          key: `d-${d.instrumentId}`,
          kind: 'disposedListed',
          assetNo: d.assetNo,
          name: d.nameZh,
          instrumentId: d.instrumentId,
          detail: t('recon.detail.disposed', { status: d.useStatus ?? '—', date: formatDate(d.disposedAt) }),
        });
      for (const v of o.valueMismatch)
        out.push({
          ...base,
          key: `v-${v.instrumentId}`,
          kind: 'valueMismatch',
          assetNo: v.assetNo,
          name: v.nameZh,
          instrumentId: v.instrumentId,
          detail: t('recon.detail.value', {
            card: yuan(v.cardValueFen),
            listed: yuan(v.instrumentValueFen),
            diff: yuan(v.differenceFen),
          }),
        });
      for (const l of o.lateListing)
        out.push({
          ...base,
          key: `l-${l.instrumentId}`,
          kind: 'lateListing',
          assetNo: l.assetNo,
          name: l.nameZh,
          instrumentId: l.instrumentId,
          detail: t('recon.detail.late', { due: l.dueDate, listed: l.listedOn, days: l.daysLate }),
        });
    }
    return out;
  }, [report.data, t]);

  const q = values.q?.toLowerCase();
  const shown = findings.filter(
    (f) =>
      (!values.kind || f.kind === values.kind) &&
      (!values.org || f.organisationId === values.org) &&
      (!q || f.assetNo.toLowerCase().includes(q) || f.name.toLowerCase().includes(q)),
  );
  const anyFilter = !!(values.kind || values.org || values.q);
  const orgOptions = (report.data?.organisations ?? []).map((o) => ({
    value: o.organisationId,
    label: o.organisationName,
  }));
  const exportQuery = toQueryString({ organisationId: values.org });

  const listThis = (f: Finding) => {
    const c = f.card;
    if (!c) return;
    globalThis.localStorage?.setItem(
      INSTRUMENT_DRAFT,
      JSON.stringify({
        organisationId: f.organisationId,
        assetNo: c.assetNo,
        nameZh: c.name,
        originalValueYuan: c.originalValueFen / 100,
        purchaseDate: c.purchaseDate ?? undefined,
        location: c.location ?? undefined,
        manufacturer: c.manufacturer ?? undefined,
        model: c.specModel ?? undefined,
        status: 'normal',
        shareMode: 'external',
        purpose: 'general',
      }),
    );
    setListing(f.organisationId);
  };

  const actions = (f: Finding) => {
    const can = mayResolve(f.organisationId);
    const dismiss = can ? (
      <Button
        size="small"
        onClick={() =>
          setDismissing({ organisationId: f.organisationId, kind: f.kind, assetNo: f.assetNo, name: f.name })
        }
        data-testid={`dismiss-${f.assetNo}`}
      >
        {t('recon.explain')}
      </Button>
    ) : null;
    const open = f.instrumentId ? (
      <Link to={`/instruments/${f.instrumentId}`}>
        {f.kind === 'valueMismatch' && can
          ? t('recon.correctValue')
          : f.kind === 'disposedListed' && can
            ? t('recon.changeStatus')
            : t('recon.openInstrument')}
      </Link>
    ) : null;
    const list =
      f.kind === 'unlisted' && managed.some((o) => o.id === f.organisationId) ? (
        <Button
          size="small"
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => listThis(f)}
          data-testid={`list-${f.assetNo}`}
        >
          {t('recon.listThis')}
        </Button>
      ) : null;
    return (
      <Space wrap size={4}>
        {list}
        {open}
        {dismiss}
      </Space>
    );
  };

  const counts = report.data?.counts;
  const listingOrg = managed.find((o) => o.id === listing);

  return (
    <>
      <PageHeader
        title={t('nav.reconciliation')}
        crumbs={[{ title: t('nav.reconciliation') }]}
        subTitle={t('recon.lead', { days: report.data?.lateListingDays ?? 30 })}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={`/api/reconciliation/export.csv${exportQuery}`} download>
              {t('action.exportCsv')}
            </Button>
            <Button icon={<DownloadOutlined />} href={`/api/reconciliation/export.xlsx${exportQuery}`} download>
              {t('recon.exportXlsx')}
            </Button>
          </>
        }
      />
      {report.error ? <LoadError error={report.error} onRetry={reload} /> : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {reconciliationKinds.map((k) => (
          <Col xs={12} md={6} xl={5} key={k}>
            <Card
              size="small"
              hoverable
              onClick={() => update({ kind: values.kind === k ? undefined : k, tab: undefined })}
              style={values.kind === k ? { borderColor: '#1677ff' } : undefined}
              data-testid={`count-${k}`}
            >
              <Statistic title={t(`recon.kind.${k}` as MessageKey)} value={counts?.[k] ?? 0} loading={report.loading} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6} xl={4}>
          <Card size="small" hoverable onClick={() => update({ tab: 'dismissed' })}>
            <Statistic title={t('recon.dismissedCount')} value={report.data?.dismissed ?? 0} loading={report.loading} />
          </Card>
        </Col>
      </Row>
      <Tabs
        activeKey={values.tab === 'dismissed' ? 'dismissed' : 'open'}
        onChange={(k) => update({ tab: k === 'open' ? undefined : k })}
        items={[
          {
            key: 'open',
            label: t('recon.tab.open', { n: findings.length }),
            children: (
              <>
                <FilterBar>
                  <Col xs={24} md={8} xl={6}>
                    <FilterSelect
                      id="recon-kind"
                      label={t('recon.kind')}
                      value={values.kind}
                      onChange={(v) => update({ kind: v })}
                      options={reconciliationKinds.map((k) => ({
                        value: k,
                        label: t(`recon.kind.${k}` as MessageKey),
                      }))}
                    />
                  </Col>
                  {orgOptions.length > 1 ? (
                    <Col xs={24} md={8} xl={6}>
                      <FilterSelect
                        id="recon-org"
                        label={t('recon.org')}
                        value={values.org}
                        onChange={(v) => update({ org: v })}
                        options={orgOptions}
                      />
                    </Col>
                  ) : null}
                  <Col xs={24} md={8} xl={6}>
                    <FilterSearch
                      id="recon-q"
                      label={t('common.keyword')}
                      value={values.q}
                      placeholder={t('recon.searchPlaceholder')}
                      onSearch={(v) => update({ q: v || undefined })}
                    />
                  </Col>
                  <Col xs={24} md={8} xl={4}>
                    <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
                  </Col>
                </FilterBar>
                {report.data && !report.data.organisations.length && !report.data.dismissed ? (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 16 }}
                    title={t('recon.noneYet')}
                    description={t('recon.noneYetBody')}
                  />
                ) : null}
                <Table<Finding>
                  rowKey="key"
                  loading={report.loading}
                  dataSource={shown}
                  scroll={{ x: 1000 }}
                  pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }}
                  locale={{ emptyText: anyFilter ? t('recon.emptyFiltered') : t('recon.empty') }}
                  columns={[
                    {
                      title: t('recon.kind'),
                      dataIndex: 'kind',
                      onCell: noWrap,
                      render: (k: ReconciliationKind) => (
                        <Tag color={KIND_COLOURS[k]}>{t(`recon.kind.${k}` as MessageKey)}</Tag>
                      ),
                    },
                    ...(orgOptions.length > 1
                      ? [{ title: t('recon.org'), dataIndex: 'organisationName', width: 200 }]
                      : []),
                    { title: t('assets.field.assetNo'), dataIndex: 'assetNo', onCell: noWrap },
                    { title: t('assets.field.name'), dataIndex: 'name' },
                    { title: t('recon.detail'), dataIndex: 'detail' },
                    { title: t('common.actions'), key: 'actions', width: 260, render: (_, f) => actions(f) },
                  ]}
                  data-testid="recon-table"
                />
              </>
            ),
          },
          {
            key: 'dismissed',
            label: t('recon.tab.dismissed', { n: dismissed.data?.items.length ?? 0 }),
            children: dismissed.error ? (
              <LoadError error={dismissed.error} onRetry={dismissed.reload} />
            ) : (
              <Table<Dismissal>
                rowKey="id"
                loading={dismissed.loading}
                dataSource={dismissed.data?.items ?? []}
                scroll={{ x: 900 }}
                locale={{ emptyText: t('recon.dismissedEmpty') }}
                columns={[
                  {
                    title: t('recon.kind'),
                    dataIndex: 'kind',
                    render: (k: ReconciliationKind) => (
                      <Tag color={KIND_COLOURS[k]}>{t(`recon.kind.${k}` as MessageKey)}</Tag>
                    ),
                  },
                  { title: t('recon.org'), dataIndex: 'organisationName', width: 180 },
                  { title: t('assets.field.assetNo'), dataIndex: 'assetNo', onCell: noWrap },
                  {
                    title: t('recon.reason'),
                    key: 'reason',
                    render: (_, d) => (
                      <>
                        {t(`recon.reason.${d.reason}` as MessageKey)}
                        {d.note ? <Typography.Text type="secondary">：{d.note}</Typography.Text> : null}
                      </>
                    ),
                  },
                  {
                    title: t('recon.by'),
                    dataIndex: 'dismissedByName',
                    onCell: noWrap,
                    onHeaderCell: noWrap,
                    render: (n: string | null) => n ?? '—',
                  },
                  {
                    title: t('assets.when'),
                    dataIndex: 'dismissedAt',
                    onCell: noWrap,
                    render: (v: string) => formatDateTime(v),
                  },
                  {
                    title: t('common.actions'),
                    key: 'a',
                    render: (_, d) =>
                      mayResolve(d.organisationId) ? (
                        <Popconfirm
                          title={t('recon.reopenConfirm')}
                          onConfirm={async () => {
                            await http.del(`/api/reconciliation/dismissals/${d.id}`);
                            message.success(t('recon.reopened'));
                            reload();
                          }}
                        >
                          <Button size="small">{t('recon.reopen')}</Button>
                        </Popconfirm>
                      ) : null,
                  },
                ]}
              />
            ),
          },
        ]}
      />
      {dismissing ? (
        <DismissModal
          target={dismissing}
          onClose={() => setDismissing(null)}
          onDone={() => {
            setDismissing(null);
            message.success(t('recon.dismissed'));
            reload();
          }}
        />
      ) : null}
      {listingOrg ? (
        <InstrumentFormModal
          organisations={[listingOrg]}
          onClose={() => {
            // The card filled this draft; leaving it would refill the next unrelated listing.
            globalThis.localStorage?.removeItem(INSTRUMENT_DRAFT);
            setListing(null);
          }}
          onSaved={() => {
            setListing(null);
            message.success(t('recon.listed'));
            reload();
          }}
        />
      ) : null}
    </>
  );
}
