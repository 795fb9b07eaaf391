import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Form, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { http, toQueryString } from '../api/client';
import type { AuditEntry, AuditVerify, Paged } from '../api/types';
import { PageHeader } from '../components/PageHeader';
import { LoadError } from '../components/States';
import { useI18n } from '../i18n';
import { formatDateTime, noWrap, shanghaiDayBoundary } from '../lib/format';
import {
  FilterBar,
  FilterSearch,
  ListTable,
  pageParams,
  pageQuery,
  ResetFiltersButton,
  useListTableProps,
} from '../lib/listTable';
import { useAsync } from '../lib/useAsync';
import { useUrlQuery } from '../lib/useUrlQuery';

const KEYS = ['q', 'action', 'targetType', 'from', 'to', 'page', 'pageSize'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default function Audit() {
  const { t } = useI18n();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 50);
  // The URL keeps plain days (2026-11-25); the API gets Shanghai day boundaries.
  const from = values.from && DAY.test(values.from) ? values.from : undefined;
  const to = values.to && DAY.test(values.to) ? values.to : undefined;
  const apiFilters = {
    q: values.q,
    action: values.action,
    targetType: values.targetType,
    from: from ? shanghaiDayBoundary(from, false) : undefined,
    to: to ? shanghaiDayBoundary(to, true) : undefined,
  };
  const anyFilter = !!(values.q || values.action || values.targetType || from || to);
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);

  const list = useAsync(
    (signal) => http.get<Paged<AuditEntry>>('/api/audit', { ...apiFilters, page, pageSize }, { signal }),
    [values.q, values.action, values.targetType, from, to, page, pageSize],
  );
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    pageSizeOptions: [20, 50, 100, 200],
    anyFilter,
    reset,
    emptyText: t('audit.empty'),
    emptyFilteredText: t('audit.emptyFiltered'),
  });

  const runVerify = async () => {
    setVerifying(true);
    setVerify(null);
    setVerifyError(null);
    try {
      setVerify(await http.get<AuditVerify>('/api/audit/verify'));
    } catch (e) {
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.audit')}
        crumbs={[{ title: t('nav.audit') }]}
        subTitle={t('audit.lead')}
        extra={
          <>
            <Button icon={<SafetyCertificateOutlined />} onClick={() => void runVerify()} loading={verifying}>
              {t('audit.verify')}
            </Button>
            <Button icon={<DownloadOutlined />} href={`/api/audit/export.csv${toQueryString(apiFilters)}`} download>
              {t('action.exportCsv')}
            </Button>
          </>
        }
      />
      {verify ? (
        <Alert
          type={verify.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          role="status"
          title={
            verify.ok ? t('audit.verifyOk', { n: verify.checked }) : t('audit.verifyBroken', { n: verify.checked })
          }
          description={
            verify.ok
              ? t('audit.verifyOkBody')
              : t('audit.verifyBrokenBody', { id: verify.firstBrokenId ?? '?', problem: verify.problem ?? '' })
          }
          style={{ marginBottom: 16 }}
          data-testid="audit-verify-result"
        />
      ) : null}
      {verifyError ? <LoadError error={verifyError} title={t('audit.verifyFailed')} /> : null}
      <FilterBar>
        <Col xs={24} md={12} xl={6}>
          <FilterSearch
            id="audit-q"
            label={t('common.keyword')}
            value={values.q}
            placeholder={t('audit.keywordPlaceholder')}
            enterButton
            onSearch={(q) => update({ q })}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <FilterSearch
            id="audit-action"
            label={t('audit.action')}
            value={values.action}
            placeholder="organisation.verify"
            onSearch={(v) => update({ action: v })}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <FilterSearch
            id="audit-target"
            label={t('audit.targetType')}
            value={values.targetType}
            placeholder="organisation"
            onSearch={(v) => update({ targetType: v })}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item label={t('audit.dateRange')} htmlFor="audit-range">
            <DatePicker.RangePicker
              id={{ start: 'audit-range' }}
              style={{ width: '100%' }}
              value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
              allowEmpty={[true, true]}
              format="YYYY-MM-DD"
              onChange={(range) =>
                update({
                  from: range?.[0] ? range[0].format('YYYY-MM-DD') : undefined,
                  to: range?.[1] ? range[1].format('YYYY-MM-DD') : undefined,
                })
              }
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={4}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      <Card>
        <ListTable<AuditEntry>
          list={list}
          {...tableProps}
          size="small"
          scroll={{ x: 1000 }}
          expandable={{
            expandedRowRender: (e) => (
              <div>
                <Typography.Text type="secondary">{t('audit.summary')}</Typography.Text>
                <pre style={{ margin: '4px 0', whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
                  {JSON.stringify(e.summary, null, 2)}
                </pre>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('audit.meta', { ip: e.ip ?? '—', hash: e.hash })}
                </Typography.Text>
              </div>
            ),
          }}
          onChange={(p) => update(pageQuery(p, 50))}
          columns={[
            {
              title: t('audit.time'),
              dataIndex: 'at',
              width: 170,
              render: (v: string) => formatDateTime(v, true),
              onCell: noWrap,
            },
            { title: t('audit.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? t('audit.system') },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            {
              title: t('audit.target'),
              key: 'target',
              render: (_, e) => (
                <span>
                  {e.targetType}
                  {e.targetId ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      {e.targetId}
                    </Typography.Text>
                  ) : null}
                </span>
              ),
            },
            { title: t('audit.region'), dataIndex: 'regionCode', render: (v: string | null) => v ?? '—' },
            {
              title: t('audit.requestId'),
              dataIndex: 'requestId',
              render: (v: string | null) =>
                v ? (
                  <Typography.Text copyable style={{ fontSize: 12 }}>
                    {v}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
