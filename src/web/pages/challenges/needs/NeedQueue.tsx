import { CheckOutlined, FileAddOutlined, RollbackOutlined, SearchOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Modal, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  confidentialityLabels,
  needCategories,
  needCategoryLabels,
  needStatuses,
  needStatusLabels,
} from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { useMe } from '../../../auth/AuthContext';
import { isBureau } from '../../../auth/roles';
import { BookingExportButton } from '../../../components/BookingFilters';
import { PageHeader } from '../../../components/PageHeader';
import { ReasonField } from '../../../components/ReasonField';
import { type MessageKey, useI18n } from '../../../i18n';
import { formatDateTime, formatWanNumber, noWrap } from '../../../lib/format';
import {
  FilterBar,
  FilterRegion,
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
import { NeedStatusTag } from '../common/status';
import type { Batch, NeedItem } from '../common/types';

const KEYS = ['batchId', 'status', 'directionId', 'category', 'regionCode', 'q', 'page', 'pageSize'] as const;
type BatchCommand = 'screen' | 'accept' | 'return' | 'reject';
const COMMANDS: { command: BatchCommand; icon: ReactNode; from: string[]; reason: boolean; danger?: boolean }[] = [
  { command: 'screen', icon: <SearchOutlined />, from: ['submitted'], reason: false },
  { command: 'accept', icon: <CheckOutlined />, from: ['submitted', 'screening'], reason: false },
  { command: 'return', icon: <RollbackOutlined />, from: ['submitted', 'screening'], reason: true },
  { command: 'reject', icon: <StopOutlined />, from: ['submitted', 'screening'], reason: true, danger: true },
];

/**
 * 需求甄别: needs of the batches in my regions, filtered in the URL, with batch screening, accepting,
 * returning and rejecting (each need done or refused on its own, every refusal reported), export of
 * the filtered set, and drafting a list from the accepted needs picked.
 */
export default function NeedQueue() {
  const { t, label } = useI18n();
  const { message, modal } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const [selected, setSelected] = useState<NeedItem[]>([]);
  const [pending, setPending] = useState<(typeof COMMANDS)[number] | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason?: string }>();
  const batches = useAsync((signal) => http.get<Batch[]>('/api/challenges/batches/managed', undefined, { signal }), []);
  const filters = {
    batchId: values.batchId,
    status: values.status,
    directionId: values.directionId,
    category: values.category,
    regionCode: values.regionCode,
    q: values.q,
  };
  const list = useAsync(
    (signal) => http.get<Paged<NeedItem>>('/api/challenges/needs/queue', { ...filters, page, pageSize }, { signal }),
    [values.batchId, values.status, values.directionId, values.category, values.regionCode, values.q, page, pageSize],
  );
  const anyFilter = Object.values(filters).some(Boolean);
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: t('need.queue.empty'),
    emptyFilteredText: t('need.queue.emptyFiltered'),
  });
  const batch = batches.data?.find((b) => b.id === values.batchId);
  const manage = isBureau(me);
  const draftable = selected.filter((n) => n.status === 'accepted' && !n.listId);
  const draftableOneBatch = draftable.length > 0 && new Set(draftable.map((n) => n.batchId)).size === 1;

  async function runBatch(spec: (typeof COMMANDS)[number], reason?: string) {
    const ids = selected.filter((n) => spec.from.includes(n.status)).map((n) => n.id);
    setBusy(true);
    try {
      const r = await http.post<{ done: string[]; failed: { id: string; message: string }[] }>(
        '/api/challenges/needs/batch',
        { ids, command: spec.command, reason: reason?.trim() || undefined },
      );
      setPending(null);
      form.resetFields();
      setSelected([]);
      list.reload();
      const name = (id: string) => selected.find((n) => n.id === id)?.title ?? id;
      if (!r.failed.length) message.success(t('need.queue.batchDone', { n: r.done.length }));
      else
        modal.warning({
          title: t('need.queue.batchPartial', { ok: r.done.length, failed: r.failed.length }),
          content: (
            <ul style={{ paddingInlineStart: 18 }}>
              {r.failed.map((f) => (
                <li key={f.id}>{`${name(f.id)}: ${f.message}`}</li>
              ))}
            </ul>
          ),
        });
    } catch (e) {
      modal.error({ title: t('state.loadFailed'), content: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title={t('nav.needQueue')}
        crumbs={[{ title: t('nav.needQueue') }]}
        subTitle={t('need.queue.lead')}
        extra={<BookingExportButton path="/api/challenges/needs/queue/export" filters={filters} />}
      />
      <FilterBar>
        <Col xs={24} sm={12} lg={6}>
          <FilterSelect
            id="queue-batch"
            label={t('need.batch')}
            value={values.batchId}
            onChange={(v) => update({ batchId: v, directionId: undefined })}
            options={(batches.data ?? []).map((b) => ({ value: b.id, label: `${b.code} ${b.title}` }))}
          />
        </Col>
        <Col xs={24} sm={12} lg={4}>
          <FilterSelect
            id="queue-status"
            label={t('need.status')}
            value={values.status}
            onChange={(v) => update({ status: v })}
            options={needStatuses
              .filter((s) => s !== 'draft')
              .map((s) => ({ value: s, label: label(needStatusLabels[s]) }))}
          />
        </Col>
        <Col xs={24} sm={12} lg={5}>
          <FilterSelect
            id="queue-direction"
            label={t('need.direction')}
            value={values.directionId}
            onChange={(v) => update({ directionId: v })}
            options={(batch?.directions ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Col>
        <Col xs={24} sm={12} lg={4}>
          <FilterSelect
            id="queue-category"
            label={t('need.category')}
            value={values.category}
            onChange={(v) => update({ category: v })}
            options={needCategories.map((c) => ({ value: c, label: label(needCategoryLabels[c]) }))}
          />
        </Col>
        <Col xs={24} sm={12} lg={5}>
          <FilterRegion
            id="queue-region"
            label={t('need.region')}
            value={values.regionCode}
            onChange={(v) => update({ regionCode: v })}
          />
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <FilterSearch id="queue-q" label={t('common.keyword')} value={values.q} onSearch={(v) => update({ q: v })} />
        </Col>
        <Col xs={24} sm={12} lg={4}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      <Card>
        {manage ? (
          <Space style={{ marginBottom: 12 }} wrap>
            {COMMANDS.map((c) => {
              const n = selected.filter((x) => c.from.includes(x.status)).length;
              return (
                <Button
                  key={c.command}
                  icon={c.icon}
                  danger={c.danger}
                  disabled={n === 0}
                  loading={busy && pending?.command === c.command}
                  onClick={() => setPending(c)}
                  data-testid={`queue-batch-${c.command}`}
                >
                  {t(`need.cmd.${c.command}` as MessageKey)}（{n}）
                </Button>
              );
            })}
            <Button
              type="primary"
              icon={<FileAddOutlined />}
              disabled={!draftableOneBatch}
              onClick={() => navigate(`/challenge-admin/lists/new?needs=${draftable.map((n) => n.id).join(',')}`)}
              data-testid="queue-draft-list"
            >
              {t('clist.draftFromSelected', { n: draftable.length })}
            </Button>
            <Typography.Text type="secondary">
              {selected.length ? t('common.selected', { n: selected.length }) : t('need.queue.selectHint')}
            </Typography.Text>
          </Space>
        ) : null}
        <ListTable<NeedItem>
          list={list}
          {...tableProps}
          scroll={{ x: 1200 }}
          rowSelection={
            manage
              ? {
                  selectedRowKeys: selected.map((n) => n.id),
                  onChange: (_, rows) => setSelected(rows),
                  preserveSelectedRowKeys: true,
                  getCheckboxProps: (n) => ({ 'aria-label': t('need.queue.selectRow', { title: n.title }) }),
                }
              : undefined
          }
          onChange={(p) => update(pageQuery(p, 20))}
          columns={[
            {
              title: t('need.title'),
              dataIndex: 'title',
              width: 260,
              render: (v, r) => <Link to={`/challenge-admin/needs/${r.id}`}>{v}</Link>,
            },
            { title: t('need.enterprise'), dataIndex: 'organisationName' },
            { title: t('need.region'), dataIndex: 'regionName' },
            { title: t('hall.direction'), dataIndex: 'directionName', onCell: noWrap },
            {
              title: t('need.categoryShort'),
              dataIndex: 'category',
              onCell: noWrap,
              render: (v: NeedItem['category']) => label(needCategoryLabels[v]),
            },
            {
              title: t('need.confidentialityShort'),
              dataIndex: 'confidentiality',
              onCell: noWrap,
              render: (v: NeedItem['confidentiality']) => label(confidentialityLabels[v]),
            },
            {
              title: t('need.ownFundingShort'),
              dataIndex: 'ownFundingFen',
              align: 'right',
              onCell: noWrap,
              render: (v: number) => t('money.wan', { n: formatWanNumber(v) }),
            },
            {
              title: t('need.status'),
              dataIndex: 'status',
              onCell: noWrap,
              render: (s) => <NeedStatusTag status={s} />,
            },
            {
              title: t('need.submittedAt'),
              dataIndex: 'submittedAt',
              onCell: noWrap,
              render: (v: string | null) => formatDateTime(v),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!pending}
        title={
          pending
            ? t('need.queue.batchConfirm', {
                n: selected.filter((x) => pending.from.includes(x.status)).length,
                action: t(`need.cmd.${pending.command}` as MessageKey),
              })
            : ''
        }
        okText={pending ? t(`need.cmd.${pending.command}` as MessageKey) : ''}
        okButtonProps={{ danger: pending?.danger, 'data-testid': 'queue-batch-ok' }}
        cancelText={t('action.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('need.queue.batchHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => pending && void runBatch(pending, v.reason)}>
          <ReasonField required={!!pending?.reason} requiredMessage={t('need.reasonRequired')} />
        </Form>
      </Modal>
    </>
  );
}
