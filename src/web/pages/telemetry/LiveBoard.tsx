import { AppstoreOutlined, TableOutlined } from '@ant-design/icons';
import { Badge, Card, Col, Empty, Flex, Row, Segmented, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { boardStates } from '../../../shared/api/telemetry';
import { http } from '../../api/client';
import type { BoardEvent, BoardItem, BoardResponse, BoardState } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, LoadError } from '../../components/States';
import { applyEvents, countStates } from '../../components/telemetry/board';
import { formatWatts, telemetryApi } from '../../components/telemetry/endpoints';
import { StateTag, stateColours, stateKey } from '../../components/telemetry/StateTag';
import { useBoardStream } from '../../components/telemetry/useBoardStream';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { FilterBar, FilterRegion, FilterSelect, ResetFiltersButton } from '../../lib/listTable';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';

const KEYS = ['regionCode', 'organisationId', 'state', 'view'] as const;
/** Count cards from busiest to silent. */
const countOrder: BoardState[] = ['working', 'idle', 'off', 'offline', 'never'];

/** Every connected instrument's state now, kept current by the server's pushes. */
export default function LiveBoard() {
  const { t, lang } = useI18n();
  const { values, update, reset } = useUrlQuery(KEYS);
  const board = useAsync(
    (signal) => http.get<BoardResponse>(telemetryApi.board, { regionCode: values.regionCode }, { signal }),
    [values.regionCode],
  );
  // Applied to the loaded board so filters stay client-side and pushes need no refetch.
  const [pushed, setPushed] = useState<Record<string, BoardEvent>>({});
  const status = useBoardStream(
    (e) => setPushed((p) => ({ ...p, [e.instrumentId]: e })),
    () => {
      setPushed({});
      board.reload();
    },
  );
  const items = useMemo(() => applyEvents(board.data?.items ?? [], pushed), [board.data, pushed]);
  const organisations = useMemo(() => {
    const m = new Map<string, string>();
    for (const i of items) m.set(i.organisationId, i.organisationName);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [items]);
  const inOrg = items.filter((i) => !values.organisationId || i.organisationId === values.organisationId);
  const shown = inOrg.filter((i) => !values.state || i.state === values.state);
  const counts = countStates(inOrg);
  const anyFilter = !!(values.regionCode || values.organisationId || values.state);
  const view = values.view === 'table' ? 'table' : 'tiles';
  const name = (i: BoardItem) => (lang === 'en' && i.nameEn ? i.nameEn : i.nameZh);

  return (
    <>
      <PageHeader
        title={t('nav.liveBoard')}
        crumbs={[{ title: t('nav.liveBoard') }]}
        subTitle={t('board.lead')}
        extra={
          <Flex align="center" gap={12}>
            <span role="status" aria-live="polite" data-testid="board-stream">
              <Badge
                status={status === 'live' ? 'success' : 'warning'}
                text={status === 'live' ? t('board.live') : t('board.reconnecting')}
              />
            </span>
            <Segmented
              value={view}
              onChange={(v) => update({ view: v === 'table' ? 'table' : undefined })}
              options={[
                { value: 'tiles', icon: <AppstoreOutlined />, label: t('board.viewTiles') },
                { value: 'table', icon: <TableOutlined />, label: t('board.viewTable') },
              ]}
            />
          </Flex>
        }
      />
      <FilterBar>
        <Col xs={24} md={8} xl={6}>
          <FilterRegion
            id="board-region"
            label={t('board.region')}
            value={values.regionCode}
            onChange={(regionCode) => update({ regionCode, organisationId: undefined })}
          />
        </Col>
        <Col xs={24} md={8} xl={6}>
          <FilterSelect
            id="board-org"
            label={t('board.organisation')}
            value={values.organisationId}
            onChange={(organisationId) => update({ organisationId })}
            options={organisations}
          />
        </Col>
        <Col xs={24} md={6} xl={4}>
          <FilterSelect
            id="board-state"
            label={t('board.state')}
            value={values.state}
            onChange={(state) => update({ state })}
            options={boardStates.map((s) => ({ value: s, label: t(stateKey(s)) }))}
            testId="board-state"
          />
        </Col>
        <Col xs={24} md={2}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="board-counts">
        {countOrder.map((s) => (
          <Col key={s} xs={12} sm={8} md={4}>
            <Card
              size="small"
              hoverable
              onClick={() => update({ state: values.state === s ? undefined : s })}
              style={{ borderTop: `3px solid ${stateColours[s]}` }}
              aria-pressed={values.state === s}
            >
              <Statistic title={t(stateKey(s))} value={counts[s]} data-testid={`board-count-${s}`} />
            </Card>
          </Col>
        ))}
      </Row>
      {board.error ? (
        <LoadError error={board.error} onRetry={board.reload} />
      ) : !board.loading && items.length === 0 ? (
        <Card>
          <EmptyState description={t('board.empty')} />
        </Card>
      ) : view === 'table' ? (
        <Card>
          <Table<BoardItem>
            rowKey="instrumentId"
            loading={board.loading}
            dataSource={shown}
            locale={{ emptyText: <Empty description={t('board.emptyFiltered')} /> }}
            columns={[
              {
                title: t('devices.col.instrument'),
                render: (_, i) => <Link to={`/telemetry/instruments/${i.instrumentId}`}>{name(i)}</Link>,
              },
              { title: t('board.organisation'), dataIndex: 'organisationName' },
              { title: t('board.state'), dataIndex: 'state', render: (s: BoardState) => <StateTag state={s} /> },
              { title: t('board.powerNow'), dataIndex: 'powerW', align: 'right', render: (w) => formatWatts(w) },
              { title: t('trace.period'), dataIndex: 'since', render: (at: string | null) => formatDateTime(at) },
            ]}
          />
        </Card>
      ) : shown.length === 0 && !board.loading ? (
        <Card>
          <EmptyState description={t('board.emptyFiltered')} />
        </Card>
      ) : (
        <Row gutter={[12, 12]} data-testid="board-tiles">
          {shown.map((i) => (
            <Col key={i.instrumentId} xs={24} sm={12} lg={8} xxl={6}>
              <Link to={`/telemetry/instruments/${i.instrumentId}`} aria-label={name(i)}>
                <Card
                  size="small"
                  hoverable
                  style={{ borderLeft: `4px solid ${stateColours[i.state]}` }}
                  data-testid="board-tile"
                  data-instrument={i.instrumentId}
                  data-state={i.state}
                >
                  <Flex justify="space-between" align="start" gap={8}>
                    <Typography.Text strong ellipsis>
                      {name(i)}
                    </Typography.Text>
                    <StateTag state={i.state} />
                  </Flex>
                  <Typography.Text type="secondary" ellipsis style={{ display: 'block' }}>
                    {i.organisationName}
                  </Typography.Text>
                  <Flex justify="space-between" style={{ marginTop: 8 }}>
                    <Typography.Text>
                      {t('board.powerNow')}: <strong>{formatWatts(i.powerW)}</strong>
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {i.since ? t('board.since', { at: formatDateTime(i.since) }) : null}
                    </Typography.Text>
                  </Flex>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
      {board.data ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('board.asOf', { at: formatDateTime(board.data.at, true) })}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}
