import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { http } from '../../api/client';
import { useMe } from '../../auth/AuthContext';
import { hasRole } from '../../auth/roles';
import { LoadError } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import type { Workspace } from './common/types';

interface Tile {
  key: string;
  label: MessageKey;
  value: number;
  to: string;
  /** Something waits for this user: the figure is highlighted. */
  todo?: boolean;
}

/**
 * The workspace's 揭榜挂帅 card: per role held, what waits (needs to screen, lists to argue,
 * proposals to score, needs returned for revision…), each figure a link to the list behind it.
 */
export function ChallengeKpis() {
  const { t } = useI18n();
  const me = useMe();
  const w = useAsync((signal) => http.get<Workspace>('/api/challenges/workspace', undefined, { signal }), []);
  if (w.error) return <LoadError error={w.error} onRetry={w.reload} title={t('ckpi.title')} />;
  const d = w.data;
  const tiles: Tile[] = [];
  const e = d?.enterprise;
  if (e && (hasRole(me, 'enterprise_user') || Object.values(e).some((n) => n > 0)))
    tiles.push(
      { key: 'drafts', label: 'ckpi.drafts', value: e.drafts, to: '/my-needs?status=draft', todo: e.drafts > 0 },
      {
        key: 'returned',
        label: 'ckpi.returned',
        value: e.returned,
        to: '/my-needs?status=returned',
        todo: e.returned > 0,
      },
      { key: 'inScreening', label: 'ckpi.inScreening', value: e.inScreening, to: '/my-needs' },
      { key: 'accepted', label: 'ckpi.accepted', value: e.accepted, to: '/my-needs?status=accepted' },
      { key: 'listsPublished', label: 'ckpi.listsPublished', value: e.listsPublished, to: '/my-needs' },
      { key: 'listsTaken', label: 'ckpi.listsTaken', value: e.listsTaken, to: '/challenges/apply/contracts' },
    );
  const o = d?.officer;
  if (o)
    tiles.push(
      {
        key: 'needsToScreen',
        label: 'ckpi.needsToScreen',
        value: o.needsToScreen,
        to: '/challenge-admin/needs?status=submitted',
        todo: o.needsToScreen > 0,
      },
      {
        key: 'needsAvailable',
        label: 'ckpi.needsAvailable',
        value: o.needsAvailable,
        to: '/challenge-admin/needs?status=accepted',
      },
      {
        key: 'listsDrafting',
        label: 'ckpi.listsDrafting',
        value: o.listsDrafting,
        to: '/challenge-admin/lists?status=drafting',
      },
      {
        key: 'listsInReview',
        label: 'ckpi.listsInReview',
        value: o.listsInReview,
        to: '/challenge-admin/lists?status=in_review',
      },
      {
        key: 'listsToPublish',
        label: 'ckpi.listsToPublish',
        value: o.listsToPublish,
        to: '/challenge-admin/lists?status=approved',
        todo: o.listsToPublish > 0,
      },
      {
        key: 'questionsOpen',
        label: 'ckpi.questionsOpen',
        value: o.questionsOpen,
        to: '/challenge-admin/lists?status=published',
        todo: o.questionsOpen > 0,
      },
      {
        key: 'applicationsToScreen',
        label: 'ckpi.applicationsToScreen',
        value: o.applicationsToScreen,
        to: '/challenges/apply/screening',
        todo: o.applicationsToScreen > 0,
      },
    );
  const x = d?.expert;
  if (x)
    tiles.push(
      {
        key: 'listsToReview',
        label: 'ckpi.listsToReview',
        value: x.listsToReview,
        to: '/challenge-review',
        todo: x.listsToReview > 0,
      },
      {
        key: 'proposalsToScore',
        label: 'ckpi.proposalsToScore',
        value: x.proposalsToScore,
        to: '/challenges/apply/reviews',
        todo: x.proposalsToScore > 0,
      },
    );
  if (d && !tiles.length) return null;
  return (
    <Card title={t('ckpi.title')} loading={!d} data-testid="challenge-kpis">
      <Row gutter={[12, 12]}>
        {tiles.map((tile) => (
          <Col key={tile.key} xs={12} md={8} xl={6}>
            <Link to={tile.to} style={{ display: 'block' }} data-testid={`ckpi-${tile.key}`}>
              <Card size="small" hoverable>
                <Statistic
                  title={t(tile.label)}
                  value={tile.value}
                  styles={{ content: tile.todo ? { color: '#d46b08' } : undefined }}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
