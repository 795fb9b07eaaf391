import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import {
  type QualificationLevel,
  type QualificationView,
  qualificationLevels,
  qualificationStates,
} from '../../../shared/api/bookings.qualifications';
import { http } from '../../api/client';
import type { InstrumentSummary, Paged } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { managedOrganisations } from '../../auth/roles';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QualificationStateTag, useLevelLabel } from '../../components/QualificationTags';
import { ReasonField } from '../../components/ReasonField';
import { ActionError, EmptyState, LoadError } from '../../components/States';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDate, noWrap } from '../../lib/format';
import { FilterBar, FilterSelect } from '../../lib/listTable';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';

const KEYS = ['instrumentId', 'state'] as const;

/** The end of a chosen Shanghai day: a record "valid until 30 June" lasts through that day. */
const endOfDay = (d: Dayjs) => `${d.format('YYYY-MM-DD')}T23:59:59+08:00`;

interface GrantValues {
  userId: string;
  level: QualificationLevel;
  validUntil: Dayjs;
  note?: string;
}
interface RenewValues {
  level: QualificationLevel;
  validUntil: Dayjs;
  note?: string;
}

/** Training records per instrument: who may operate it themselves, until when; grant, renew, revoke. */
export default function TrainingRecords() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const levelLabel = useLevelLabel();
  const { values, update } = useUrlQuery(KEYS);
  const orgs = useMemo(() => managedOrganisations(me), [me]);

  // The first 100 by name, or what the typed words find: an organisation may list hundreds.
  const [instrumentQuery, setInstrumentQuery] = useState('');
  const instruments = useAsync(
    async (signal) =>
      (
        await Promise.all(
          orgs.map((o) =>
            http.get<Paged<InstrumentSummary>>(
              '/api/instruments',
              instrumentQuery.trim()
                ? { organisationId: o.id, pageSize: 100, q: instrumentQuery.trim() }
                : { organisationId: o.id, pageSize: 100, sort: 'name' },
              { signal },
            ),
          ),
        )
      ).flatMap((p) => p.items),
    [orgs, instrumentQuery],
  );
  const [picked, setPicked] = useState<InstrumentSummary | undefined>();
  const instrumentId = values.instrumentId ?? picked?.id ?? (instrumentQuery ? undefined : instruments.data?.[0]?.id);
  const instrument = picked?.id === instrumentId ? picked : instruments.data?.find((i) => i.id === instrumentId);
  const instrumentOptions = [
    ...(instrument && !instruments.data?.some((i) => i.id === instrument.id) ? [instrument] : []),
    ...(instruments.data ?? []),
  ];
  const list = useAsync(
    (signal) =>
      instrumentId
        ? http.get<{ items: QualificationView[] }>(
            `/api/instruments/${instrumentId}/qualifications`,
            { state: values.state },
            { signal },
          )
        : Promise.resolve({ items: [] }),
    [instrumentId, values.state],
  );

  const [granting, setGranting] = useState(false);
  const [renewing, setRenewing] = useState<QualificationView | null>(null);
  const [revoking, setRevoking] = useState<QualificationView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [grantForm] = Form.useForm<GrantValues>();
  const [renewForm] = Form.useForm<RenewValues>();
  const [revokeForm] = Form.useForm<{ reason: string }>();
  const [search, setSearch] = useState('');
  const candidates = useAsync(
    (signal) =>
      instrumentId && search.trim().length >= 2
        ? http.get<{ items: { id: string; name: string; email: string; organisationName: string | null }[] }>(
            `/api/instruments/${instrumentId}/qualification-candidates`,
            { q: search.trim() },
            { signal },
          )
        : Promise.resolve({ items: [] }),
    [instrumentId, search],
  );

  const act = async (fn: () => Promise<unknown>, done: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      done();
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const closeAll = () => {
    setGranting(false);
    setRenewing(null);
    setRevoking(null);
    setError(null);
  };

  if (instruments.error) return <LoadError error={instruments.error} onRetry={instruments.reload} />;

  return (
    <>
      <PageHeader
        title={t('nav.trainingRecords')}
        crumbs={[{ title: t('nav.trainingRecords') }]}
        subTitle={t('training.lead')}
        extra={
          <Space wrap>
            {instrumentId ? (
              <ExportButton
                path={`/api/instruments/${instrumentId}/qualifications/export`}
                filters={{ state: values.state }}
                testId="training-export"
                hint={t('training.exportHint')}
              />
            ) : null}
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!instrumentId}
              onClick={() => {
                grantForm.resetFields();
                setSearch('');
                setError(null);
                setGranting(true);
              }}
              data-testid="training-grant"
            >
              {t('training.grant')}
            </Button>
          </Space>
        }
      />
      <FilterBar>
        <Col xs={24} md={14} xl={10}>
          <Form.Item label={t('training.instrument')} htmlFor="training-instrument">
            <Select
              id="training-instrument"
              showSearch={{ filterOption: false, onSearch: setInstrumentQuery }}
              loading={instruments.loading}
              placeholder={t('training.pickInstrument')}
              value={instrumentId}
              onChange={(v) => {
                setPicked(instrumentOptions.find((i) => i.id === v));
                setInstrumentQuery('');
                update({ instrumentId: v });
              }}
              options={instrumentOptions.map((i) => ({
                value: i.id,
                label: `${i.nameZh}${i.model ? ` · ${i.model}` : ''}`,
              }))}
              notFoundContent={t('training.noInstruments')}
              data-testid="training-instrument"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10} xl={6}>
          <FilterSelect
            id="training-state"
            label={t('training.state')}
            value={values.state}
            onChange={(v) => update({ state: v })}
            options={qualificationStates.map((s) => ({ value: s, label: t(`training.state.${s}` as MessageKey) }))}
            testId="training-state"
          />
        </Col>
      </FilterBar>
      <Card title={instrument?.nameZh}>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <Table<QualificationView>
            rowKey="id"
            loading={list.loading || instruments.loading}
            dataSource={list.data?.items}
            pagination={false}
            scroll={{ x: 1000 }}
            data-testid="training-table"
            locale={{
              emptyText: (
                <EmptyState
                  description={
                    !instrumentId
                      ? t(instruments.data?.length ? 'training.pickFirst' : 'training.noInstruments')
                      : values.state
                        ? t('training.emptyFiltered')
                        : t('training.empty')
                  }
                />
              ),
            }}
            columns={[
              {
                title: t('training.user'),
                key: 'user',
                render: (_: unknown, q) => (
                  <>
                    <div>{q.userName}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {q.userEmail}
                    </Typography.Text>
                  </>
                ),
              },
              { title: t('training.level'), dataIndex: 'level', render: levelLabel },
              {
                title: t('training.validUntil'),
                dataIndex: 'validUntil',
                render: (v: string) => formatDate(v),
                onCell: noWrap,
              },
              {
                title: t('training.state'),
                dataIndex: 'state',
                render: (_: string, q) => <QualificationStateTag state={q.state} validUntil={q.validUntil} />,
              },
              {
                title: t('training.note'),
                key: 'note',
                render: (_: unknown, q) =>
                  q.revokeReason ? t('training.revokedBecause', { reason: q.revokeReason }) : q.note || '—',
              },
              {
                title: t('training.grantedBy'),
                key: 'granted',
                render: (_: unknown, q) => (
                  <>
                    <div>{q.grantedByName ?? '—'}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDate(q.createdAt)}
                    </Typography.Text>
                  </>
                ),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                fixed: 'right',
                render: (_: unknown, q) =>
                  q.state === 'revoked' ? null : (
                    <Space>
                      <Button
                        size="small"
                        onClick={() => {
                          renewForm.setFieldsValue({
                            level: q.level,
                            note: q.note ?? undefined,
                            validUntil: dayjs(q.validUntil).add(1, 'year'),
                          });
                          setError(null);
                          setRenewing(q);
                        }}
                        data-testid="training-renew"
                      >
                        {t('training.renew')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        onClick={() => {
                          revokeForm.resetFields();
                          setError(null);
                          setRevoking(q);
                        }}
                        data-testid="training-revoke"
                      >
                        {t('training.revoke')}
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
        )}
      </Card>

      <Modal
        open={granting}
        title={t('training.grantTitle')}
        onCancel={closeAll}
        onOk={() => grantForm.submit()}
        okText={t('training.grant')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{instrument?.nameZh}</Typography.Paragraph>
        <Form<GrantValues>
          form={grantForm}
          layout="vertical"
          initialValues={{ level: 'independent', validUntil: dayjs().add(1, 'year') }}
          onFinish={(v) =>
            act(
              () =>
                http.post(`/api/instruments/${instrumentId}/qualifications`, {
                  userId: v.userId,
                  level: v.level,
                  validUntil: endOfDay(v.validUntil),
                  note: v.note?.trim() || undefined,
                }),
              () => {
                const name = candidates.data?.items.find((c) => c.id === v.userId)?.name ?? '';
                message.success(t('training.granted', { name }));
                setGranting(false);
              },
            )
          }
        >
          <Form.Item
            name="userId"
            label={t('training.user')}
            rules={[{ required: true, message: t('training.userRequired') }]}
          >
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              placeholder={t('training.pickUser')}
              loading={candidates.loading}
              options={(candidates.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${c.name} · ${c.email}${c.organisationName ? ` · ${c.organisationName}` : ''}`,
              }))}
              notFoundContent={search.trim().length >= 2 ? undefined : null}
              data-testid="training-user"
            />
          </Form.Item>
          <LevelAndExpiry />
          <Form.Item name="note" label={t('training.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} placeholder={t('training.notePlaceholder')} />
          </Form.Item>
        </Form>
        <ActionError error={error} onClose={() => setError(null)} />
      </Modal>

      <Modal
        open={!!renewing}
        title={renewing ? t('training.renewTitle', { name: renewing.userName }) : ''}
        onCancel={closeAll}
        onOk={() => renewForm.submit()}
        okText={t('training.renew')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form<RenewValues>
          form={renewForm}
          layout="vertical"
          onFinish={(v) =>
            act(
              () =>
                http.post(`/api/qualifications/${renewing?.id}/renew`, {
                  level: v.level,
                  validUntil: endOfDay(v.validUntil),
                  // An emptied note is cleared.
                  note: v.note?.trim() || null,
                }),
              () => {
                message.success(t('training.renewed', { date: v.validUntil.format('YYYY-MM-DD') }));
                setRenewing(null);
              },
            )
          }
        >
          <LevelAndExpiry />
          <Form.Item name="note" label={t('training.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} placeholder={t('training.notePlaceholder')} />
          </Form.Item>
        </Form>
        <ActionError error={error} onClose={() => setError(null)} />
      </Modal>

      <Modal
        open={!!revoking}
        title={revoking ? t('training.revokeTitle', { name: revoking.userName }) : ''}
        onCancel={closeAll}
        onOk={() => revokeForm.submit()}
        okText={t('training.revoke')}
        okButtonProps={{ danger: true }}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('training.revokeHint')}</Typography.Paragraph>
        <Form<{ reason: string }>
          form={revokeForm}
          layout="vertical"
          onFinish={(v) =>
            act(
              () => http.post(`/api/qualifications/${revoking?.id}/revoke`, { reason: v.reason.trim() }),
              () => {
                message.success(t('training.revoked', { name: revoking?.userName ?? '' }));
                setRevoking(null);
              },
            )
          }
        >
          <ReasonField required requiredMessage={t('training.reasonRequired')} />
        </Form>
        <ActionError error={error} onClose={() => setError(null)} />
      </Modal>
    </>
  );
}

/** Level and expiry fields shared by the grant and renew forms. */
function LevelAndExpiry() {
  const { t } = useI18n();
  const levelLabel = useLevelLabel();
  return (
    <Space.Compact block style={{ gap: 12 }}>
      <Form.Item name="level" label={t('training.level')} style={{ flex: 1 }} rules={[{ required: true }]}>
        <Select options={qualificationLevels.map((l) => ({ value: l, label: levelLabel(l) }))} />
      </Form.Item>
      <Form.Item
        name="validUntil"
        label={t('training.validUntil')}
        style={{ flex: 1 }}
        rules={[{ required: true, message: t('training.validUntilRequired') }]}
      >
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          showNow={false}
          data-testid="training-valid-until"
        />
      </Form.Item>
    </Space.Compact>
  );
}
