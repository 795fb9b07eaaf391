import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { deviceStatuses } from '../../../shared/api/devices';
import { http } from '../../api/client';
import type { DeviceSummary, DeviceWithCredentials, Paged } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { CredentialsModal } from '../../components/telemetry/CredentialsModal';
import { telemetryApi } from '../../components/telemetry/endpoints';
import { type MessageKey, useI18n } from '../../i18n';
import { formatDateTime, noWrap } from '../../lib/format';
import {
  FilterBar,
  FilterSearch,
  FilterSelect,
  ListTable,
  pageParams,
  pageQuery,
  ResetFiltersButton,
  useListTableProps,
} from '../../lib/listTable';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';
import { ProvisionModal } from './ProvisionModal';

/** `provision` opens the provisioning dialog for that instrument (linked from its power trace). */
const KEYS = ['q', 'status', 'page', 'pageSize', 'provision'] as const;

/** The power sensors of the instruments I manage (or, for the bureau, of the region). */
export default function Devices() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const [creating, setCreating] = useState(!!values.provision);
  const [created, setCreated] = useState<DeviceWithCredentials | null>(null);
  const list = useAsync(
    (signal) =>
      http.get<Paged<DeviceSummary>>(
        telemetryApi.devices,
        { q: values.q, status: values.status, page, pageSize },
        { signal },
      ),
    [values.q, values.status, page, pageSize],
  );
  const anyFilter = !!(values.q || values.status);
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: t('devices.empty'),
    emptyFilteredText: t('devices.emptyFiltered'),
  });

  return (
    <>
      <PageHeader
        title={t('nav.devices')}
        crumbs={[{ title: t('nav.devices') }]}
        subTitle={t('devices.lead')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="device-create">
            {t('devices.create')}
          </Button>
        }
      />
      <FilterBar>
        <Col xs={24} md={10} xl={8}>
          <FilterSearch
            id="devices-q"
            label={t('common.keyword')}
            value={values.q}
            placeholder={t('devices.search')}
            onSearch={(q) => update({ q })}
          />
        </Col>
        <Col xs={24} md={6} xl={4}>
          <FilterSelect
            id="devices-status"
            label={t('devices.col.status')}
            value={values.status}
            onChange={(status) => update({ status })}
            options={deviceStatuses.map((s) => ({ value: s, label: t(`devices.status.${s}` as MessageKey) }))}
          />
        </Col>
        <Col xs={24} md={4}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      <Card>
        <ListTable<DeviceSummary>
          list={list}
          {...tableProps}
          scroll={{ x: 1000 }}
          onChange={(p) => update(pageQuery(p, 20))}
          data-testid="devices-table"
          columns={[
            {
              title: t('devices.col.id'),
              dataIndex: 'id',
              onCell: noWrap,
              render: (id: string) => (
                <Link to={`/devices/${id}`}>
                  <Typography.Text code>{id}</Typography.Text>
                </Link>
              ),
            },
            { title: t('devices.col.label'), dataIndex: 'label', render: (v: string | null) => v ?? '—' },
            {
              title: t('devices.col.instrument'),
              dataIndex: 'instrumentName',
              render: (name: string, d) => <Link to={`/telemetry/instruments/${d.instrumentId}`}>{name}</Link>,
            },
            { title: t('devices.col.organisation'), dataIndex: 'organisationName' },
            {
              title: t('devices.col.status'),
              dataIndex: 'status',
              onCell: noWrap,
              render: (s: DeviceSummary['status']) => (
                <Badge
                  status={s === 'active' ? 'processing' : 'default'}
                  text={t(`devices.status.${s}` as MessageKey)}
                />
              ),
            },
            {
              title: t('devices.col.online'),
              dataIndex: 'online',
              onCell: noWrap,
              render: (online: boolean) => (
                <Badge
                  status={online ? 'success' : 'default'}
                  text={online ? t('devices.online') : t('devices.offlineNow')}
                />
              ),
            },
            {
              title: t('devices.col.lastSeen'),
              dataIndex: 'lastSeenAt',
              onCell: noWrap,
              render: (at: string | null) => (at ? formatDateTime(at) : t('devices.never')),
            },
            {
              title: t('devices.col.errors'),
              dataIndex: 'errorCount',
              align: 'right',
              render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
            },
          ]}
        />
      </Card>
      {creating ? (
        <ProvisionModal
          instrumentId={values.provision}
          onClose={() => {
            setCreating(false);
            if (values.provision) update({ provision: undefined });
          }}
          onCreated={(c) => {
            setCreating(false);
            setCreated(c);
            list.reload();
          }}
        />
      ) : null}
      {created ? (
        <CredentialsModal
          credentials={created.credentials}
          onClose={() => {
            const id = created.device.id;
            setCreated(null);
            navigate(`/devices/${id}`);
          }}
        />
      ) : null}
    </>
  );
}
