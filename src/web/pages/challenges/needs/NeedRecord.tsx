import { Alert, Card, Col, Descriptions, List, Row, Space, Typography } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import {
  confidentialityLabels,
  ipIntentLabels,
  isPublicListStatus,
  needCategoryLabels,
} from '../../../../shared/api/challenges';
import { http } from '../../../api/client';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError, Loading } from '../../../components/States';
import { StatusTimeline } from '../../../components/StatusTimeline';
import { useI18n } from '../../../i18n';
import { formatDateTime, formatYuanNumber } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { IndicatorsTable } from '../common/indicators';
import { ListStatusTag, NeedStatusTag, NeedSteps, timelineColours, useStatusText } from '../common/status';
import type { NeedDetail } from '../common/types';
import { DuplicateList } from './DuplicateList';
import { DuplicatesPanel } from './DuplicatesPanel';
import { NeedActions } from './NeedActions';
import type { SubmittedState } from './NeedEditor';

/**
 * A need as a record: where it stands and who acts next, the actions allowed now, what it was
 * merged into or which list carries it, the full report and its history. The enterprise opens it
 * under 我的需求, the officer under 需求甄别 (with the duplicates panel and merging).
 */
export default function NeedRecord() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const location = useLocation();
  const officerView = location.pathname.startsWith('/challenge-admin/');
  const submitted = (location.state as SubmittedState | null)?.submitted ? (location.state as SubmittedState) : null;
  const statusText = useStatusText();
  const need = useAsync((signal) => http.get<NeedDetail>(`/api/challenges/needs/${id}`, undefined, { signal }), [id]);
  const n = need.data;
  const base = officerView ? '/challenge-admin/needs' : '/my-needs';
  const crumbs = [{ title: officerView ? t('nav.needQueue') : t('nav.myNeeds'), path: base }];

  if (need.error) return <LoadError error={need.error} onRetry={need.reload} />;
  if (!n) return <Loading />;
  const listLink = n.list
    ? officerView
      ? `/challenge-admin/lists/${n.list.id}`
      : isPublicListStatus(n.list.status)
        ? `/challenges/${n.list.id}`
        : null
    : null;
  const live = ['submitted', 'screening', 'accepted'].includes(n.status);

  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            {n.title}
            <NeedStatusTag status={n.status} />
          </Space>
        }
        subTitle={`${n.batchCode} · ${n.batchTitle}`}
        crumbs={[...crumbs, { title: n.title }]}
        extra={<NeedActions need={n} officerView={officerView} onChanged={need.setData} />}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {submitted ? (
          <Alert
            type={submitted.duplicates.length ? 'warning' : 'success'}
            showIcon
            closable
            data-testid="need-submitted"
            title={
              submitted.duplicates.length
                ? t('need.submittedWithDuplicates', { n: submitted.duplicates.length })
                : t('need.submittedClean')
            }
            description={submitted.duplicates.length ? <DuplicateList items={submitted.duplicates} /> : undefined}
          />
        ) : null}
        {n.mergedInto ? (
          <Alert
            type="info"
            showIcon
            data-testid="need-merged-into"
            title={t('need.mergedIntoTitle', { title: n.mergedInto.title })}
            description={t('need.mergedIntoBody')}
            action={
              officerView ? (
                <LinkButton size="small" to={`/challenge-admin/needs/${n.mergedInto.id}`}>
                  {t('need.open')}
                </LinkButton>
              ) : undefined
            }
          />
        ) : null}
        {n.list ? (
          <Alert
            type="success"
            showIcon
            data-testid="need-list"
            title={
              <Space wrap>
                {t('need.inList', { code: n.list.code, title: n.list.title })}
                <ListStatusTag status={n.list.status} />
              </Space>
            }
            action={
              <Space>
                {listLink ? (
                  <LinkButton size="small" to={listLink}>
                    {t('need.openList')}
                  </LinkButton>
                ) : null}
                {!officerView && isPublicListStatus(n.list.status) ? (
                  <LinkButton size="small" to={`/challenges/apply/compare?listId=${n.list.id}`}>
                    {t('nav.chalCompare')}
                  </LinkButton>
                ) : null}
              </Space>
            }
          />
        ) : null}
        <Card title={t('need.lifecycle')}>
          <NeedSteps status={n.status} events={n.events} />
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card title={t('need.summary')}>
                <Descriptions
                  bordered
                  size="small"
                  styles={{ label: { whiteSpace: 'nowrap' } }}
                  column={{ xs: 1, md: 2 }}
                  items={[
                    { key: 'org', label: t('need.enterprise'), children: n.organisationName },
                    { key: 'region', label: t('need.region'), children: n.regionName },
                    { key: 'direction', label: t('need.direction'), children: n.directionName },
                    { key: 'category', label: t('need.category'), children: label(needCategoryLabels[n.category]) },
                    {
                      key: 'funding',
                      label: t('need.ownFunding'),
                      children: `${formatYuanNumber(n.ownFundingFen)} ${t('money.unitYuan')}`,
                    },
                    { key: 'due', label: t('need.expectedCompletion'), children: n.expectedCompletion },
                    {
                      key: 'conf',
                      label: t('need.confidentiality'),
                      children: label(confidentialityLabels[n.confidentiality]),
                    },
                    { key: 'ip', label: t('need.ipIntent'), children: label(ipIntentLabels[n.ipIntent]) },
                    {
                      key: 'contact',
                      label: t('need.contact'),
                      children: [n.contactName, n.contactPhone, n.contactEmail].filter(Boolean).join(' · '),
                    },
                    { key: 'submitted', label: t('need.submittedAt'), children: formatDateTime(n.submittedAt) },
                  ]}
                />
              </Card>
              <Card title={t('need.problem')}>
                {/* Plain text: markup typed into the report is shown as typed, never run. */}
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="need-problem">
                  {n.problem}
                </Typography.Paragraph>
                {n.publicSummary ? (
                  <Typography.Paragraph type="secondary">
                    {t('need.publicSummary')}：{n.publicSummary}
                  </Typography.Paragraph>
                ) : null}
                <Typography.Title level={5}>{t('need.indicators')}</Typography.Title>
                <IndicatorsTable indicators={n.indicators} />
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t('need.technicalBase')}
                </Typography.Title>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.technicalBase}</Typography.Paragraph>
              </Card>
              {n.mergedFrom.length ? (
                <Card title={t('need.mergedFrom', { n: n.mergedFrom.length })}>
                  <List
                    size="small"
                    dataSource={n.mergedFrom}
                    renderItem={(m) => (
                      <List.Item>
                        {officerView ? <Link to={`/challenge-admin/needs/${m.id}`}>{m.title}</Link> : m.title}
                        <Typography.Text type="secondary">{m.organisationName}</Typography.Text>
                      </List.Item>
                    )}
                  />
                </Card>
              ) : null}
              {officerView && live ? <DuplicatesPanel need={n} onMerged={need.setData} /> : null}
            </Space>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={t('org.history')} data-testid="need-history">
              <StatusTimeline events={n.events} statusText={statusText} colours={timelineColours} testId="need-event" />
            </Card>
          </Col>
        </Row>
      </Space>
    </>
  );
}
