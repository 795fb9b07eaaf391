import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type ListStatus, listStatusLabels } from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { PageHeader } from '../../../components/PageHeader';
import { ActionError, EmptyState, LoadError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { useUrlQuery } from '../../../lib/useUrlQuery';
import { ListPicker } from '../common/ListPicker';
import { ChalStatus, useChalStatusText, yuan } from './common';
import type { ApplicationSummary } from './MyApplications';

const KEYS = ['listId', 'status', 'page'] as const;

interface Board {
  experts: { userId: string; name: string; done: number; assigned: number }[];
  applications: {
    id: string;
    alias: string;
    organisationName: string | null;
    status: string;
    mean: number | null;
    adjustedMean: number | null;
    reviews: {
      expertUserId: string;
      expertName: string;
      status: string;
      total: number | null;
      outlier: boolean;
      declineReason: string | null;
    }[];
  }[];
}
interface Selection {
  listStatus: string;
  maxSolvers: number;
  applicationIds: string[];
  noticeEndsAt: string | null;
  confirmedAt: string | null;
}

type Decision = 'passed' | 'needs_fix' | 'rejected';

/** Officer desk for one list: formal screening in batches, expert assignment, the review board, selection and 公示. */
export default function Screening() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const statusText = useChalStatusText();
  const { values, update } = useUrlQuery(KEYS);
  const listId = values.listId;
  const page = Number(values.page ?? 1);
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [screen, setScreen] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const [assigning, setAssigning] = useState(false);
  const [experts, setExperts] = useState<string[]>([]);
  const [skip, setSkip] = useState(true);
  const [noticeDays, setNoticeDays] = useState(7);
  const [unclaimReason, setUnclaimReason] = useState<string | null>(null);

  const apps = useAsync(
    (signal) =>
      listId
        ? http.get<Paged<ApplicationSummary>>(
            '/api/challenge-applications',
            { listId, status: values.status, page, pageSize: 50 },
            { signal },
          )
        : Promise.resolve(undefined),
    [listId, values.status, page],
  );
  const board = useAsync(
    (signal) =>
      listId
        ? http.get<Board>(`/api/challenge-lists/${listId}/review-board`, undefined, { signal })
        : Promise.resolve(undefined),
    [listId],
  );
  const selection = useAsync(
    (signal) =>
      listId
        ? http.get<Selection>(`/api/challenge-lists/${listId}/selection`, undefined, { signal })
        : Promise.resolve(undefined),
    [listId],
  );
  const expertList = useAsync(
    (signal) =>
      http.get<{ userId: string; name: string; email: string }[]>('/api/challenge-experts', undefined, { signal }),
    [],
  );

  const reloadAll = () => {
    setSelected([]);
    apps.reload();
    board.reload();
    selection.reload();
  };
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      reloadAll();
    } catch (e) {
      setError(e);
    }
  };

  const decisionLabel: Record<Decision, string> = {
    passed: t('chal.screen.pass'),
    needs_fix: t('chal.screen.fix'),
    rejected: t('chal.screen.reject'),
  };

  return (
    <>
      <PageHeader
        title={t('nav.chalScreening')}
        crumbs={[{ title: t('nav.chalScreening') }]}
        extra={
          <ListPicker
            source="/api/challenges/lists/managed"
            statuses={['published', 'selecting', 'publicised', 'taken', 'unclaimed']}
            value={listId}
            onChange={(v) => update({ listId: v, status: undefined, page: undefined })}
          />
        }
      />
      {error ? <ActionError error={error} onClose={() => setError(null)} /> : null}
      {!listId ? (
        <Card>
          <EmptyState description={t('chal.pickList')} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Card
            title={t('chal.applicant')}
            extra={
              <Space wrap>
                <Select
                  allowClear
                  aria-label={t('chal.status')}
                  placeholder={t('chal.status')}
                  style={{ width: 160 }}
                  value={values.status}
                  onChange={(v) => update({ status: v, page: undefined })}
                  options={['submitted', 'needs_fix', 'passed', 'rejected', 'selected', 'not_selected'].map((s) => ({
                    value: s,
                    label: statusText(s),
                  }))}
                />
                {(['passed', 'needs_fix', 'rejected'] as Decision[]).map((d) => (
                  <Button
                    key={d}
                    disabled={selected.length === 0}
                    danger={d === 'rejected'}
                    onClick={() => setScreen(d)}
                  >
                    {decisionLabel[d]}
                  </Button>
                ))}
                <Button type="primary" disabled={selected.length === 0} onClick={() => setAssigning(true)}>
                  {t('chal.assign')}
                </Button>
              </Space>
            }
          >
            {apps.error ? <LoadError error={apps.error} onRetry={apps.reload} /> : null}
            <Table<ApplicationSummary>
              rowKey="id"
              loading={apps.loading}
              dataSource={apps.data?.items ?? []}
              rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }}
              locale={{ emptyText: <EmptyState description={t('chal.queueEmpty')} /> }}
              pagination={{
                current: page,
                pageSize: 50,
                total: apps.data?.total ?? 0,
                onChange: (p) => update({ page: String(p) }),
              }}
              scroll={{ x: 900 }}
              columns={[
                { title: t('chal.alias'), dataIndex: 'alias' },
                {
                  title: t('chal.applicant'),
                  dataIndex: 'organisationName',
                  render: (v, r) => <Link to={`/challenges/apply/applications/${r.id}`}>{v ?? r.alias}</Link>,
                },
                { title: t('chal.status'), dataIndex: 'status', render: (s) => <ChalStatus status={s} /> },
                {
                  title: t('chal.consortium'),
                  dataIndex: 'consortium',
                  render: (v) => (v ? <Tag>{t('chal.consortium')}</Tag> : null),
                },
                { title: t('chal.budget'), dataIndex: 'budgetTotalFen', align: 'right', render: yuan },
                {
                  title: t('chal.reviews'),
                  key: 'reviews',
                  render: (_, r) => t('chal.reviewProgress', { done: r.reviewsDone, total: r.reviewsAssigned }),
                },
                {
                  title: t('chal.score'),
                  dataIndex: 'score',
                  render: (v, r) =>
                    v === null ? (
                      '—'
                    ) : (
                      <span>
                        {v}
                        {r.outliers ? (
                          <Tag color="orange" style={{ marginLeft: 6 }}>
                            {t('chal.board.outlier')}
                          </Tag>
                        ) : null}
                      </span>
                    ),
                },
                { title: t('chal.submittedAt'), dataIndex: 'submittedAt', render: (v) => formatDateTime(v) },
              ]}
            />
          </Card>

          <Card title={t('chal.board')}>
            <Space wrap style={{ marginBottom: 12 }}>
              {(board.data?.experts ?? []).map((e) => (
                <Tag key={e.userId} color={e.done === e.assigned ? 'green' : 'blue'}>
                  {e.name}：{t('chal.review.progress', { done: e.done, total: e.assigned })}
                </Tag>
              ))}
            </Space>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={board.data?.applications ?? []}
              columns={[
                { title: t('chal.alias'), dataIndex: 'alias' },
                { title: t('chal.applicant'), dataIndex: 'organisationName' },
                { title: t('chal.board.mean'), dataIndex: 'mean', render: (v) => v ?? '—' },
                { title: t('chal.board.adjusted'), dataIndex: 'adjustedMean', render: (v) => v ?? '—' },
                {
                  title: t('chal.reviews'),
                  dataIndex: 'reviews',
                  render: (rs: Board['applications'][number]['reviews']) => (
                    <Space wrap size={4}>
                      {rs.map((r) => (
                        <Tag
                          key={r.expertUserId}
                          color={r.outlier ? 'orange' : r.status === 'declined' ? 'default' : 'blue'}
                          title={r.declineReason ?? undefined}
                        >
                          {r.expertName}{' '}
                          {r.total ??
                            (['assigned', 'submitted', 'declined'].includes(r.status)
                              ? t(`chal.reviewStatus.${r.status}` as 'chal.reviewStatus.assigned')
                              : statusText(r.status))}
                          {r.outlier ? ` · ${t('chal.board.outlier')}` : ''}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>

          <Card title={t('chal.select')}>
            {selection.data ? (
              <Flex vertical gap={8}>
                <Typography.Text>
                  {t('chal.select.state', {
                    status: listStatusLabels[selection.data.listStatus as ListStatus]
                      ? label(listStatusLabels[selection.data.listStatus as ListStatus])
                      : selection.data.listStatus,
                    until: selection.data.noticeEndsAt ? formatDateTime(selection.data.noticeEndsAt) : '—',
                  })}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('chal.select.hint', { n: selection.data.maxSolvers, days: noticeDays })}
                </Typography.Text>
                <Space wrap>
                  <InputNumber
                    aria-label={t('chal.select.noticeDays')}
                    min={1}
                    max={30}
                    value={noticeDays}
                    onChange={(v) => setNoticeDays(v ?? 7)}
                    addonAfter={t('unit.days')}
                  />
                  <Button
                    type="primary"
                    disabled={selected.length === 0}
                    onClick={() =>
                      act(() =>
                        http.post(`/api/challenge-lists/${listId}/selection`, { applicationIds: selected, noticeDays }),
                      )
                    }
                  >
                    {t('chal.select')}
                  </Button>
                  <Button
                    disabled={selection.data.listStatus !== 'publicised'}
                    onClick={() => act(() => http.post(`/api/challenge-lists/${listId}/selection/confirm`))}
                  >
                    {t('chal.select.confirm')}
                  </Button>
                  <Button danger onClick={() => setUnclaimReason('')}>
                    {t('chal.select.unclaimed')}
                  </Button>
                </Space>
              </Flex>
            ) : null}
          </Card>
        </Flex>
      )}

      <Modal
        open={screen !== null}
        title={screen ? t('chal.screen.confirm', { n: selected.length, action: decisionLabel[screen] }) : ''}
        onCancel={() => setScreen(null)}
        onOk={async () => {
          const decision = screen as Decision;
          setScreen(null);
          await act(async () => {
            const r = await http.post<{ done: string[]; failed: { id: string; message: string }[] }>(
              '/api/challenge-applications/screen',
              { ids: selected, decision, reason: reason || undefined },
            );
            if (r.failed.length === 0) message.success(t('chal.screen.done', { n: r.done.length }));
            else
              message.warning(
                `${t('chal.screen.partial', { ok: r.done.length, failed: r.failed.length })}：${r.failed.map((f) => f.message).join('；')}`,
              );
          });
          setReason('');
        }}
      >
        <Input.TextArea
          aria-label={t('chal.screen.reason')}
          placeholder={t('chal.screen.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>

      <Modal
        open={assigning}
        title={t('chal.assign')}
        okButtonProps={{ disabled: experts.length === 0 }}
        onCancel={() => setAssigning(false)}
        onOk={async () => {
          setAssigning(false);
          await act(async () => {
            const r = await http.post<{ assigned: number; skipped: { reasons: string[] }[] }>(
              `/api/challenge-lists/${listId}/assignments`,
              { applicationIds: selected, expertUserIds: experts, skipConflicts: skip },
            );
            message.success(t('chal.assign.done', { n: r.assigned }));
            if (r.skipped.length)
              message.warning(
                `${t('chal.assign.skipped', { n: r.skipped.length })}：${r.skipped.flatMap((s) => s.reasons).join('；')}`,
              );
          });
        }}
      >
        <Flex vertical gap={12}>
          <Select
            mode="multiple"
            aria-label={t('chal.assign.experts')}
            placeholder={t('chal.assign.experts')}
            value={experts}
            onChange={setExperts}
            options={(expertList.data ?? []).map((e) => ({ value: e.userId, label: `${e.name}（${e.email}）` }))}
          />
          <Checkbox checked={skip} onChange={(e) => setSkip(e.target.checked)}>
            {t('chal.assign.skip')}
          </Checkbox>
        </Flex>
      </Modal>

      <Modal
        open={unclaimReason !== null}
        title={t('chal.select.unclaimed')}
        onCancel={() => setUnclaimReason(null)}
        onOk={async () => {
          const r = unclaimReason;
          setUnclaimReason(null);
          await act(() => http.post(`/api/challenge-lists/${listId}/unclaimed`, { reason: r }));
        }}
      >
        <Input.TextArea
          aria-label={t('chal.select.unclaimedReason')}
          placeholder={t('chal.select.unclaimedReason')}
          value={unclaimReason ?? ''}
          onChange={(e) => setUnclaimReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
